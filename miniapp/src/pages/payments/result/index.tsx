import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatFen, isFinalOrderStatus, type OrderView } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { SubscribeButton } from '../../../components/subscribe-button';
import { paymentsService } from '../../../services/payments.service';
import { useSettings } from '../../../state/settings';
import { formatTime, Row } from '../payments-ui';
import '../payments.scss';

/** How long the page keeps asking before it says "still confirming" (the BFF's closer settles the order anyway). */
const POLL_MS = 1000;
const POLL_TIMES = 20;

/**
 * The payment result, as the BFF knows it — never as the phone's sheet claimed. Each check asks
 * the BFF to query the provider if the callback has not arrived yet.
 */
export default function ResultPage() {
  const { t } = useSettings();
  const { params } = useRouter();
  const id = params.id ?? '';
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const alive = useRef(true);

  const check = useCallback(async () => {
    setError(null);
    setGaveUp(false);
    for (let i = 0; i < POLL_TIMES && alive.current; i++) {
      try {
        const o = await paymentsService.getOrder(id, true);
        if (!alive.current) return;
        setOrder(o);
        if (isFinalOrderStatus(o.status)) return;
      } catch (e) {
        if (alive.current) setError(e as ShownError);
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (alive.current) setGaveUp(true);
  }, [id]);

  useEffect(() => {
    alive.current = true;
    void check();
    return () => {
      alive.current = false;
    };
  }, [check]);

  const done = order && isFinalOrderStatus(order.status);
  const success = order?.status === 'SUCCESS' || order?.status === 'REFUNDED';

  return (
    <PageShell label={t.payments.resultTitle}>
      <View className='card pay-result' ariaRole='status'>
        <Heading>{t.payments.resultTitle}</Heading>
        {!done && !error ? <Text className='muted'>{gaveUp ? t.payments.resultPending : t.payments.resultChecking}</Text> : null}
        {done && success ? (
          <>
            <Text className='subtitle'>{t.payments.resultSuccess}</Text>
            <Text className='pay-amount'>{formatFen(order.amountFen)}</Text>
          </>
        ) : null}
        {done && !success ? <Text className='subtitle'>{t.payments.resultClosed}</Text> : null}
      </View>
      {order && done ? (
        <View className='card'>
          <Row label={t.payments.item} value={order.description} />
          <Row label={t.payments.orderNo} value={order.outTradeNo} />
          {order.paidAt ? <Row label={t.payments.paidAt} value={formatTime(order.paidAt)} /> : null}
        </View>
      ) : null}
      {error ? <ErrorPanel error={error} onRetry={check} /> : null}
      {/* Refunds and a result still pending are announced later: offer to be told. */}
      <SubscribeButton topics={['payment_result']} />
      {gaveUp && !done ? (
        <Button className='btn btn-primary' onClick={check} ariaLabel={t.payments.refresh}>
          {t.payments.refresh}
        </Button>
      ) : null}
      <Button className='btn btn-secondary' onClick={() => Taro.redirectTo({ url: `/pages/payments/order/index?id=${id}` })} ariaLabel={t.payments.viewOrder}>
        {t.payments.viewOrder}
      </Button>
      <Button className='btn btn-plain' onClick={() => Taro.switchTab({ url: '/pages/services/index' })} ariaLabel={t.payments.backToServices}>
        {t.payments.backToServices}
      </Button>
    </PageShell>
  );
}
