import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { formatFen, type PendingCharge } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { PasswordPad } from '../../../components/password-pad';
import { fmt } from '../../../i18n';
import { payTerminalService } from '../../../services/pay-terminal.service';
import { useSettings } from '../../../state/settings';
import { formatTime, Row } from '../payments-ui';
import '../payments.scss';

/**
 * A cashier scanned the resident's e-card code for more than the password-free amount: the
 * charge waits here until the resident confirms it with the e-card password or declines it
 * (or it times out at the BFF). The confirmed charge shows as a receipt.
 */
export default function PendingChargePage() {
  const { t } = useSettings();
  const [charges, setCharges] = useState<PendingCharge[] | null>(null);
  const [done, setDone] = useState<PendingCharge | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setCharges(await payTerminalService.pendingCharges());
    } catch (e) {
      setError(e as ShownError);
    }
  }, []);
  useDidShow(() => void load());

  const act = async (fn: () => Promise<PendingCharge>) => {
    setBusy(true);
    setError(null);
    try {
      setDone(await fn());
      await load();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  const current = charges?.[0];
  return (
    <PageShell label={t.payTerminal.pendingTitle}>
      {done ? (
        <View className='card pay-result' ariaRole='status' ariaLabel={done.status === 'SUCCESS' ? t.payTerminal.confirmed : t.payTerminal.declined}>
          <Text className='pay-result-icon'>{done.status === 'SUCCESS' ? '✓' : '—'}</Text>
          <Heading>{done.status === 'SUCCESS' ? t.payTerminal.confirmed : t.payTerminal.declined}</Heading>
          <Text className='subtitle'>{t.payTerminal.receipt}</Text>
          <Row label={t.payTerminal.merchant} value={done.merchantName} />
          <Row label={t.payments.amount} value={formatFen(done.amountFen)} />
          <Row label={t.payments.createdAt} value={formatTime(done.createdAt)} />
        </View>
      ) : null}
      <View className='card'>
        <Heading>{t.payTerminal.pendingTitle}</Heading>
        {charges === null && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
        {charges && !current ? <Text className='muted'>{t.payTerminal.pendingEmpty}</Text> : null}
        {current ? (
          <>
            <Text className='muted'>{t.payTerminal.pendingIntro}</Text>
            <Row label={t.payTerminal.merchant} value={current.merchantName} />
            <View ariaLabel={`${t.payments.amount} ${formatFen(current.amountFen)}`}>
              <Text className='pay-amount'>{formatFen(current.amountFen)}</Text>
            </View>
            {current.items.length ? (
              <View ariaLabel={t.payTerminal.pendingItems}>
                {current.items.map((i, n) => (
                  <Row key={n} label={`${i.name} ×${i.quantity}`} value={formatFen(i.amountFen)} />
                ))}
              </View>
            ) : null}
            <Text className='muted'>{fmt(t.payTerminal.pendingConfirmBy, { time: formatTime(current.confirmBy) })}</Text>
          </>
        ) : null}
      </View>
      {current ? (
        <>
          <PasswordPad disabled={busy} onComplete={(pw) => void act(() => payTerminalService.confirmCharge(current.id, pw))} />
          <Button className='btn btn-secondary' disabled={busy} onClick={() => void act(() => payTerminalService.declineCharge(current.id))} ariaLabel={t.payTerminal.decline}>
            {t.payTerminal.decline}
          </Button>
        </>
      ) : null}
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
    </PageShell>
  );
}
