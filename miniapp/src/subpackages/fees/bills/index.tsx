import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { FEE_BILL_KINDS, feesPickProblem, formatFen, type FeeBill, type FeeBillKind, type PaymentParams } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { WardSwitch } from '../../../components/ward-switch';
import { Heading } from '../../../components/heading';
import { LoginRequired } from '../../../components/login-required';
import { PageShell } from '../../../components/page-shell';
import { fmt } from '../../../i18n';
import { HOST_PAY_READY, PAY_PROVIDER, requestHostPayment } from '../../../platform/pay';
import { feesService } from '../../../services/fees.service';
import { newOperationId } from '../../../services/payments.service';
import { useSession } from '../../../state/session';
import { useSettings } from '../../../state/settings';
import '../fees.scss';

/**
 * Bills the HRSS system holds for the resident (or, with `?for=`, a ward): pick one kind, tick
 * bills (flexible-employment months oldest first), pay them in one order through the host sheet;
 * the shared payments result page confirms with the server.
 */
export default function FeeBillsPage() {
  const { t } = useSettings();
  const session = useSession();
  const { params } = useRouter();
  // A guardian pays a ward's bills too: the ward comes from the link (`?for=`) or the switch below.
  const [ward, setWard] = useState<string | undefined>(params.for ? decodeURIComponent(params.for) : undefined);
  const [kind, setKind] = useState<FeeBillKind | 'all'>((params.kind as FeeBillKind) ?? 'all');
  const [bills, setBills] = useState<FeeBill[] | null>(null);
  const [holder, setHolder] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const operation = useRef(newOperationId());

  const load = useCallback(async (k: FeeBillKind | 'all' = kind, w: string | undefined = ward) => {
    setError(null);
    try {
      const r = await feesService.bills({ kind: k === 'all' ? undefined : k, for: w });
      setBills(r.items);
      setHolder(r.holderMaskedId);
      setPicked([]);
    } catch (e) {
      setError(e as ShownError);
    }
  }, [kind, ward]);

  useDidShow(() => {
    if (session) void load();
  });

  const chooseWhose = (w: string | undefined) => {
    setWard(w);
    setBills(null);
    operation.current = newOperationId(); // another person's bills: another order
    void load(kind, w);
  };

  const choose = (k: FeeBillKind | 'all') => {
    setKind(k);
    void load(k);
  };

  const chosen = (bills ?? []).filter((b) => picked.includes(b.billNo));
  const unpaidMonths = (bills ?? []).filter((b) => b.kind === 'flexible' && b.status === 'unpaid').map((b) => b.period);
  const problem = chosen.length ? feesPickProblem(chosen, unpaidMonths) : 'EMPTY';
  const total = chosen.reduce((s, b) => s + b.amountFen, 0);

  const toggle = (b: FeeBill) => {
    setPicked((p) => (p.includes(b.billNo) ? p.filter((n) => n !== b.billNo) : [...p, b.billNo]));
    operation.current = newOperationId();
  };

  const sheet = async (orderId: string, payment: PaymentParams | null, description: string) => {
    if (!payment) return Taro.navigateTo({ url: `/pages/payments/result/index?id=${orderId}` });
    const outcome = await requestHostPayment(payment, { orderId, amountFen: total, description });
    if (outcome === 'paid') return Taro.navigateTo({ url: `/pages/payments/result/index?id=${orderId}` });
    return Taro.navigateTo({ url: `/pages/payments/order/index?id=${orderId}` });
  };

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await feesService.createOrder({ billNos: picked, provider: PAY_PROVIDER, clientOperationId: operation.current, for: ward });
      await sheet(r.order.id, r.payment, r.order.description);
    } catch (e) {
      const err = e as ShownError;
      if (err.code && err.code !== 'NETWORK_UNREACHABLE' && err.code !== 'UPSTREAM_TIMEOUT') operation.current = newOperationId();
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!session) {
    return <LoginRequired label={t.fees.billsTitle} />;
  }

  return (
    <PageShell label={t.fees.billsTitle}>
      <View className='card'>
        <Heading>{t.fees.billsTitle}</Heading>
        <Text className='muted'>{t.fees.billsHint}</Text>
        {holder ? <Text className='muted'>{`${t.fees.forWhom}：${ward ? t.fees.ward : t.fees.self} · ${t.fees.holder} ${holder}`}</Text> : null}
      </View>
      <WardSwitch value={ward} onChange={chooseWhose} />
      <View className='fee-kinds' ariaRole='tablist'>
        {(['all', ...FEE_BILL_KINDS] as const).map((k) => (
          <View key={k} className={`fee-kind ${kind === k ? 'fee-kind-on' : ''}`} ariaRole='tab' aria-selected={kind === k} ariaLabel={t.fees.kinds[k]} onClick={() => choose(k)}>
            <Text>{t.fees.kinds[k]}</Text>
          </View>
        ))}
      </View>
      {error ? <ErrorPanel error={error} onRetry={bills ? undefined : () => load()} /> : null}
      {bills === null && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
      {bills?.length === 0 ? (
        <View className='card'>
          <Text>{t.fees.empty}</Text>
        </View>
      ) : null}
      {bills && bills.length > 0 ? (
        <View className='card' ariaRole='list'>
          {bills.map((b) => {
            const on = picked.includes(b.billNo);
            return (
              <View key={b.billNo} className={`fee-bill ${on ? 'fee-bill-on' : ''}`} ariaRole='listitem' data-bill={b.billNo}>
                <View className='fee-bill-head'>
                  <Text className='subtitle'>{b.title}</Text>
                  <Text className='fee-amount'>{formatFen(b.amountFen)}</Text>
                </View>
                {b.detail ? <Text className='muted'>{b.detail}</Text> : null}
                {b.parts.length > 1 ? <Text className='muted'>{`${t.fees.parts}：${b.parts.map((p) => `${p.label} ${formatFen(p.amountFen)}`).join(' + ')}`}</Text> : null}
                {b.dueDate ? <Text className='muted'>{`${t.fees.due}：${b.dueDate}`}</Text> : null}
                {b.status === 'paid' ? (
                  <View className='row'>
                    <Text className='fee-tag fee-tag-ok'>{t.fees.paid}</Text>
                    {b.paidOrderId ? (
                      <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/subpackages/fees/receipts/index' })} ariaLabel={`${b.title} ${t.fees.viewReceipt}`}>
                        {t.fees.viewReceipt}
                      </Button>
                    ) : null}
                  </View>
                ) : (
                  <View
                    className='row'
                    ariaRole='checkbox'
                    aria-checked={on}
                    ariaLabel={`${b.title} ${formatFen(b.amountFen)} ${on ? t.fees.unselect : t.fees.select}`}
                    onClick={() => toggle(b)}
                  >
                    <Text>{on ? `☑ ${t.fees.unselect}` : `☐ ${t.fees.select}`}</Text>
                  </View>
                )}
              </View>
            );
          })}
        </View>
      ) : null}
      {chosen.length > 0 ? (
        <View className='card' aria-live='polite'>
          <Text className='muted'>{fmt(t.fees.selected, { count: chosen.length })}</Text>
          <Text className='fee-total'>{formatFen(total)}</Text>
          {problem === 'NOT_OLDEST_FIRST' ? <Text className='muted'>{t.fees.mustBeOldestFirst}</Text> : null}
          <Button className='btn btn-primary' disabled={busy || Boolean(problem) || !HOST_PAY_READY} loading={busy} onClick={pay} ariaLabel={`${t.fees.pay} ${formatFen(total)}`}>
            {busy ? t.fees.paying : `${t.fees.pay} ${formatFen(total)}`}
          </Button>
        </View>
      ) : null}
      <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/subpackages/fees/receipts/index' })} ariaLabel={t.fees.entryReceipts}>
        {t.fees.entryReceipts}
      </Button>
    </PageShell>
  );
}
