import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { formatFen, type MedicalSettlementView } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { LoginRequired } from '../../../components/login-required';
import { PageShell } from '../../../components/page-shell';
import { fmt } from '../../../i18n';
import { HOST_PAY_READY, PAY_PROVIDER, requestHostPayment } from '../../../platform/pay';
import { medicalService } from '../../../services/fees.service';
import { newOperationId } from '../../../services/payments.service';
import { useSession } from '../../../state/session';
import { useSettings } from '../../../state/settings';
import '../fees.scss';

const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

/**
 * Medical bills waiting for the resident (就医购药): the split in plain yuan — what the fund
 * pays, what the personal account pays, and the resident's own part — then confirm (paying the
 * own part through the host sheet) or decline (the cashier settles again).
 */
export default function MedicalConfirmPage() {
  const { t } = useSettings();
  const session = useSession();
  const { params } = useRouter();
  const [items, setItems] = useState<MedicalSettlementView[] | null>(null);
  const [current, setCurrent] = useState<MedicalSettlementView | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const operation = useRef(newOperationId());

  const load = useCallback(async () => {
    setError(null);
    try {
      if (params.id) setCurrent(await medicalService.settlement(params.id));
      const pending = (await medicalService.pending()).items;
      setItems(pending);
      if (!params.id) setCurrent((c) => (c ? pending.find((p) => p.id === c.id) ?? c : pending[0] ?? null));
    } catch (e) {
      setError(e as ShownError);
    }
  }, [params.id]);

  useDidShow(() => {
    if (session) void load();
  });

  const confirm = async (s: MedicalSettlementView) => {
    setBusy(true);
    setError(null);
    try {
      const r = await medicalService.confirm(s.id, { provider: PAY_PROVIDER, clientOperationId: operation.current });
      setCurrent(r.settlement);
      if (!r.checkout) return;
      const { order, payment } = r.checkout;
      if (!payment) return Taro.navigateTo({ url: `/pages/payments/result/index?id=${order.id}` });
      const outcome = await requestHostPayment(payment, { orderId: order.id, amountFen: order.amountFen, description: order.description });
      if (outcome === 'paid') return Taro.navigateTo({ url: `/pages/payments/result/index?id=${order.id}` });
    } catch (e) {
      const err = e as ShownError;
      if (err.code && err.code !== 'NETWORK_UNREACHABLE') operation.current = newOperationId();
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const decline = async (s: MedicalSettlementView) => {
    const ask = await Taro.showModal({ title: t.fees.decline, content: t.fees.declineAsk });
    if (!ask.confirm) return;
    setBusy(true);
    try {
      setCurrent(await medicalService.decline(s.id));
      setItems((list) => (list ?? []).filter((x) => x.id !== s.id));
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  if (!session) {
    return <LoginRequired label={t.fees.medicalTitle} />;
  }

  const s = current;
  return (
    <PageShell label={t.fees.medicalTitle}>
      <View className='card'>
        <Heading>{t.fees.medicalTitle}</Heading>
        <Text className='muted'>{t.fees.medicalHint}</Text>
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      {items === null && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
      {items && items.length === 0 && !s ? (
        <View className='card'>
          <Text>{t.fees.medicalEmpty}</Text>
        </View>
      ) : null}
      {items && items.length > 1 ? (
        <View className='card' ariaRole='list'>
          {items.map((p) => (
            <View key={p.id} className='row' ariaRole='button' ariaLabel={`${p.institution} ${formatFen(p.totalFen)}`} onClick={() => setCurrent(p)}>
              <Text>{p.institution}</Text>
              <Text>{formatFen(p.totalFen)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {s ? (
        <View className='card' data-settlement={s.id}>
          <View className='fee-bill-head'>
            <Text className='subtitle'>{s.institution}</Text>
            <Text className='fee-tag' data-status={s.status}>{t.fees.status[s.status]}</Text>
          </View>
          <Text className='muted'>{`${t.fees.billNo}：${s.outBillNo}`}</Text>
          <View className='fee-split' ariaLabel={`${t.fees.total} ${formatFen(s.totalFen)}`}>
            <Text>{t.fees.total}</Text>
            <Text>{formatFen(s.totalFen)}</Text>
          </View>
          <View className='fee-split' ariaLabel={`${t.fees.fund} ${formatFen(s.fundFen)}`}>
            <Text>{t.fees.fund}</Text>
            <Text>{formatFen(s.fundFen)}</Text>
          </View>
          <View className='fee-split' ariaLabel={`${t.fees.account} ${formatFen(s.accountFen)}`}>
            <Text>{t.fees.account}</Text>
            <Text>{formatFen(s.accountFen)}</Text>
          </View>
          <View className='fee-split fee-split-self' ariaLabel={`${t.fees.selfPay} ${formatFen(s.selfPayFen)}`}>
            <Text>{t.fees.selfPay}</Text>
            <Text>{formatFen(s.selfPayFen)}</Text>
          </View>
          <Text className='subtitle'>{t.fees.items}</Text>
          {s.items.map((i) => (
            <View key={i.code} className='row'>
              <Text className='muted'>{`${i.name}（${t.fees.category[i.category]}）`}</Text>
              <Text>{formatFen(i.amountFen)}</Text>
            </View>
          ))}
          {s.status === 'PENDING' || s.status === 'CONFIRMING' ? (
            <>
              <Text className='muted'>{fmt(t.fees.expiresAt, { time: chinaTime(s.expiresAt) })}</Text>
              <Button
                className='btn btn-primary'
                disabled={busy || !HOST_PAY_READY}
                loading={busy}
                onClick={() => confirm(s)}
                ariaLabel={s.selfPayFen > 0 ? `${t.fees.confirm} ${formatFen(s.selfPayFen)}` : t.fees.confirmNoPay}
              >
                {s.selfPayFen > 0 ? `${t.fees.confirm} ${formatFen(s.selfPayFen)}` : t.fees.confirmNoPay}
              </Button>
              {s.status === 'PENDING' ? (
                <Button className='btn btn-plain' disabled={busy} onClick={() => decline(s)} ariaLabel={t.fees.decline}>
                  {t.fees.decline}
                </Button>
              ) : null}
            </>
          ) : null}
          {s.status === 'REVERSED' || s.status === 'REVERSING' ? (
            <View ariaRole='status'>
              <Text>{t.fees.declined}</Text>
            </View>
          ) : null}
          {s.status === 'SETTLED' ? (
            <View ariaRole='status'>
              <Text>{t.fees.settled}</Text>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
