import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatFen, parseYuanToFen, type OrderView } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { requestHostPayment } from '../../../platform/pay';
import { newOperationId, paymentsService } from '../../../services/payments.service';
import { useSettings } from '../../../state/settings';
import { formatTime, Row, StatusTag } from '../payments-ui';
import '../payments.scss';

/** While a refund is in flight the page re-reads the order, so PROCESSING turns into its outcome on screen. */
const REFRESH_MS = 1500;
const REFRESH_TIMES = 20;

/** One order with its refunds: pay or cancel it while open, ask for a refund once paid (if its payable allows). */
export default function OrderPage() {
  const { t } = useSettings();
  const { params } = useRouter();
  const id = params.id ?? '';
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [amountText, setAmountText] = useState('');
  const [reasonIndex, setReasonIndex] = useState(0);
  const refundOp = useRef(newOperationId());
  const alive = useRef(true);

  const load = useCallback(async () => {
    setError(null);
    try {
      const o = await paymentsService.getOrder(id);
      if (alive.current) setOrder(o);
      return o;
    } catch (e) {
      if (alive.current) setError(e as ShownError);
      return null;
    }
  }, [id]);

  /** Re-reads the order until no refund is PROCESSING any more. */
  const follow = useCallback(async () => {
    for (let i = 0; i < REFRESH_TIMES && alive.current; i++) {
      const o = await load();
      if (!o || !o.refunds.some((r) => r.status === 'PROCESSING')) return;
      await new Promise((r) => setTimeout(r, REFRESH_MS));
    }
  }, [load]);

  useEffect(() => {
    alive.current = true;
    void follow();
    return () => {
      alive.current = false;
    };
  }, [follow]);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  const payAgain = () =>
    act(async () => {
      const r = await paymentsService.payOrder(id);
      if (!r.payment) return void Taro.redirectTo({ url: `/pages/payments/result/index?id=${id}` });
      const outcome = await requestHostPayment(r.payment, { orderId: id, amountFen: r.order.amountFen, description: r.order.description });
      if (outcome === 'paid') return void Taro.redirectTo({ url: `/pages/payments/result/index?id=${id}` });
      setNotice(t.payments.cancelledNotice);
    });

  const cancel = () =>
    act(async () => {
      const ok = await Taro.showModal({ title: t.payments.cancelOrder, content: t.payments.cancelConfirm, confirmText: t.common.confirm, cancelText: t.common.back });
      if (!ok.confirm) return;
      setOrder(await paymentsService.cancelOrder(id));
    });

  const refund = () =>
    act(async () => {
      if (!order) return;
      const typed = amountText.trim();
      const amountFen = typed === '' ? undefined : parseYuanToFen(typed);
      if (amountFen === null || (amountFen !== undefined && (amountFen <= 0 || amountFen > order.refundableFen))) {
        setError({ code: 'VALIDATION_FAILED', message: t.payments.refundAmountInvalid });
        return;
      }
      const shown = formatFen(amountFen ?? order.refundableFen);
      const ok = await Taro.showModal({ title: t.payments.refundTitle, content: t.payments.refundConfirm.replace('{amount}', shown), confirmText: t.common.confirm, cancelText: t.common.cancel });
      if (!ok.confirm) return;
      try {
        const r = await paymentsService.refund(id, { amountFen, reason: t.payments.refundReasons[reasonIndex], clientOperationId: refundOp.current });
        refundOp.current = newOperationId();
        setOrder(r.order);
        setAmountText('');
        await Taro.showToast({ title: t.payments.refundSubmitted, icon: 'none' });
        void follow();
      } catch (e) {
        const err = e as ShownError;
        if (err.code !== 'NETWORK_UNREACHABLE' && err.code !== 'UPSTREAM_TIMEOUT') refundOp.current = newOperationId();
        throw err;
      }
    });

  if (!order) {
    return (
      <PageShell label={t.payments.orderTitle}>
        {error ? <ErrorPanel error={error} onRetry={load} /> : <Text className='muted'>{t.common.loading}</Text>}
      </PageShell>
    );
  }

  const open = order.status === 'CREATED' || order.status === 'PAYING';
  const canRefund = order.status === 'SUCCESS' && order.refundAllowed && order.refundableFen > 0;

  return (
    <PageShell label={t.payments.orderTitle}>
      <View className='card'>
        <Heading>{order.description}</Heading>
        <View ariaLabel={`${t.payments.amount} ${formatFen(order.amountFen)}`}>
          <Text className='pay-amount'>{formatFen(order.amountFen)}</Text>
        </View>
        <StatusTag t={t.payments} order={order} />
      </View>

      <View className='card'>
        <Row label={t.payments.orderNo} value={order.outTradeNo} />
        <Row label={t.payments.method} value={t.payments.methodName[order.provider]} />
        <Row label={t.payments.createdAt} value={formatTime(order.createdAt)} />
        {open ? <Row label={t.payments.expiresAt} value={formatTime(order.expiresAt)} /> : null}
        {order.paidAt ? <Row label={t.payments.paidAt} value={formatTime(order.paidAt)} /> : null}
        {order.providerTransactionId ? <Row label={t.payments.transactionNo} value={order.providerTransactionId} /> : null}
        {order.closedAt ? <Row label={t.payments.closedAt} value={formatTime(order.closedAt)} /> : null}
        {order.refundedFen > 0 ? <Row label={t.payments.refunded} value={formatFen(order.refundedFen)} /> : null}
        {order.status === 'SUCCESS' ? <Row label={t.payments.refundable} value={formatFen(order.refundableFen)} /> : null}
      </View>

      {order.refunds.length > 0 ? (
        <View className='card' ariaLabel={t.payments.refundsTitle}>
          <Heading level={2}>{t.payments.refundsTitle}</Heading>
          {order.refunds.map((r) => (
            <View key={r.id} className='pay-item' data-refund-status={r.status}>
              <View className='pay-item-head'>
                <Text>{formatFen(r.amountFen)}</Text>
                <Text className='pay-value'>{t.payments.refundStatus[r.status]}</Text>
              </View>
              <Text className='muted'>
                {r.reason} · {formatTime(r.succeededAt ?? r.createdAt)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {notice ? (
        <View className='notice' ariaRole='status'>
          <Text>{notice}</Text>
        </View>
      ) : null}
      {error ? <ErrorPanel error={error} /> : null}

      {open ? (
        <>
          <Button className='btn btn-primary' disabled={busy} onClick={payAgain} ariaLabel={`${t.payments.continuePay} ${formatFen(order.amountFen)}`}>
            {`${t.payments.continuePay} ${formatFen(order.amountFen)}`}
          </Button>
          <Button className='btn btn-secondary' disabled={busy} onClick={cancel} ariaLabel={t.payments.cancelOrder}>
            {t.payments.cancelOrder}
          </Button>
        </>
      ) : null}

      {canRefund ? (
        <View className='card' ariaLabel={t.payments.refundTitle}>
          <Heading level={2}>{t.payments.refundTitle}</Heading>
          <Text className='muted'>{t.payments.refundAmount}</Text>
          <Input className='pay-input' type='digit' value={amountText} placeholder={t.payments.refundAmountHint} onInput={(e) => setAmountText(e.detail.value)} ariaLabel={t.payments.refundAmount} />
          <Text className='muted'>{t.payments.refundReason}</Text>
          <Picker mode='selector' range={t.payments.refundReasons} value={reasonIndex} onChange={(e) => setReasonIndex(Number(e.detail.value))}>
            <View className='pay-input row' ariaRole='button' ariaLabel={`${t.payments.refundReason} ${t.payments.refundReasons[reasonIndex]}`}>
              <Text>{t.payments.refundReasons[reasonIndex]}</Text>
            </View>
          </Picker>
          <Button className='btn btn-secondary' disabled={busy} onClick={refund} ariaLabel={t.payments.refundSubmit}>
            {t.payments.refundSubmit}
          </Button>
        </View>
      ) : null}
      {order.status === 'SUCCESS' && !order.refundAllowed ? (
        <View className='notice'>
          <Text>{t.payments.refundNotAllowed}</Text>
        </View>
      ) : null}
    </PageShell>
  );
}
