import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, formatFen, type PayableItem, type PaymentParams } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { HOST_PAY_READY, PAY_PROVIDER, requestHostPayment } from '../../../platform/pay';
import { newOperationId, paymentsService } from '../../../services/payments.service';
import { useSettings } from '../../../state/settings';
import { Row } from '../payments-ui';
import '../payments.scss';

/**
 * Pay confirmation: the item and the amount the server decided, the way of paying, one button.
 * A tap creates (or finds) the order with one operation id — a retry after a network error
 * reuses it — then opens the host payment sheet; the result page confirms with the server.
 */
export default function CheckoutPage() {
  const { t, settings } = useSettings();
  const { params } = useRouter();
  const type = decodeURIComponent(params.type ?? '');
  const ref = decodeURIComponent(params.ref ?? '');
  const [item, setItem] = useState<PayableItem | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelledOrder, setCancelledOrder] = useState<string | null>(null);
  const operation = useRef(newOperationId());

  const load = useCallback(async () => {
    setError(null);
    try {
      const found = (await paymentsService.payables()).find((i) => i.payableType === type && i.ref === ref);
      if (!found) setError({ code: 'PAYABLE_NOT_FOUND', message: errorMessage('PAYABLE_NOT_FOUND', settings.lang) });
      setItem(found ?? null);
    } catch (e) {
      setError(e as ShownError);
    }
  }, [type, ref, settings.lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const sheet = async (orderId: string, payment: PaymentParams | null) => {
    if (!payment) return Taro.redirectTo({ url: `/pages/payments/result/index?id=${orderId}` });
    const outcome = await requestHostPayment(payment, { orderId, amountFen: item!.amountFen, description: item!.title });
    if (outcome === 'paid') return Taro.redirectTo({ url: `/pages/payments/result/index?id=${orderId}` });
    setCancelledOrder(orderId);
  };

  const pay = async () => {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      if (cancelledOrder) {
        const again = await paymentsService.payOrder(cancelledOrder);
        await sheet(again.order.id, again.payment);
      } else {
        const r = await paymentsService.createOrder({ payableType: type, payableRef: ref, provider: PAY_PROVIDER, clientOperationId: operation.current });
        await sheet(r.order.id, r.payment);
      }
    } catch (e) {
      const err = e as ShownError;
      // A definite refusal ends this attempt: the next tap is a new operation.
      if (err.code && err.code !== 'NETWORK_UNREACHABLE' && err.code !== 'UPSTREAM_TIMEOUT') operation.current = newOperationId();
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!HOST_PAY_READY) {
    return (
      <PageShell label={t.payments.checkoutTitle}>
        <ErrorPanel error={{ code: 'PAYMENT_NOT_AVAILABLE_ON_HOST', message: errorMessage('PAYMENT_NOT_AVAILABLE_ON_HOST', settings.lang) }} />
      </PageShell>
    );
  }

  return (
    <PageShell label={t.payments.checkoutTitle}>
      <View className='card'>
        <Heading>{t.payments.checkoutTitle}</Heading>
        {item ? (
          <>
            <Text className='muted'>{t.payments.amount}</Text>
            <View ariaLabel={`${t.payments.amount} ${formatFen(item.amountFen)}`}>
              <Text className='pay-amount'>{formatFen(item.amountFen)}</Text>
            </View>
            <Row label={t.payments.item} value={item.title} />
            <Row label={t.payments.method} value={t.payments.methodName[PAY_PROVIDER]} />
          </>
        ) : !error ? (
          <Text className='muted'>{t.common.loading}</Text>
        ) : null}
      </View>
      {cancelledOrder ? (
        <View className='notice' ariaRole='status'>
          <Text>{t.payments.cancelledNotice}</Text>
        </View>
      ) : null}
      {error ? <ErrorPanel error={error} onRetry={item ? undefined : load} /> : null}
      {item && !item.paidOrderId ? (
        <Button className='btn btn-primary' disabled={busy} loading={busy} onClick={pay} ariaLabel={`${cancelledOrder ? t.payments.continuePay : t.payments.payButton} ${formatFen(item.amountFen)}`}>
          {busy ? t.payments.paying : `${cancelledOrder ? t.payments.continuePay : t.payments.payButton} ${formatFen(item.amountFen)}`}
        </Button>
      ) : null}
      {item?.paidOrderId || error?.code === 'PAYABLE_ALREADY_PAID' ? (
        <Button className='btn btn-secondary' onClick={() => Taro.redirectTo({ url: item?.paidOrderId ? `/pages/payments/order/index?id=${item.paidOrderId}` : '/pages/payments/orders/index' })} ariaLabel={t.payments.viewOrder}>
          {t.payments.viewOrder}
        </Button>
      ) : null}
    </PageShell>
  );
}
