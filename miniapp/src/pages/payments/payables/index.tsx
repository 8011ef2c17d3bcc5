import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { formatFen, type PayableItem } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { LoginRequired } from '../../../components/login-required';
import { PageShell } from '../../../components/page-shell';
import { paymentsService } from '../../../services/payments.service';
import { useSession } from '../../../state/session';
import { useSettings } from '../../../state/settings';
import '../payments.scss';

/** What the resident can pay now, from every payable that lists items (today: the demo exam fees). */
export default function PayablesPage() {
  const { t } = useSettings();
  const session = useSession();
  const [items, setItems] = useState<PayableItem[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems(await paymentsService.payables());
    } catch (e) {
      setError(e as ShownError);
    }
  }, []);

  useDidShow(() => {
    if (session) void load();
  });

  if (!session) {
    return <LoginRequired label={t.payments.payablesTitle} />;
  }

  return (
    <PageShell label={t.payments.payablesTitle}>
      <View className='card'>
        <Heading>{t.payments.payablesTitle}</Heading>
        <Text className='muted'>{t.payments.payablesHint}</Text>
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      {items === null && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
      {items?.length === 0 ? (
        <View className='card'>
          <Text>{t.payments.payablesEmpty}</Text>
        </View>
      ) : null}
      {items && items.length > 0 ? (
        <View className='card' ariaRole='list'>
          {items.map((item) => (
            <View key={`${item.payableType}:${item.ref}`} className='pay-item' ariaRole='listitem'>
              <View className='pay-item-head'>
                <Text className='subtitle'>{item.title}</Text>
                <Text className='pay-value'>{formatFen(item.amountFen)}</Text>
              </View>
              {item.detail ? <Text className='muted'>{item.detail}</Text> : null}
              {item.payableType.startsWith('demo-') ? <Text className='pay-tag pay-tag-muted'>{t.payments.demoBadge}</Text> : null}
              {item.paidOrderId ? (
                <Button
                  className='btn btn-secondary'
                  onClick={() => Taro.navigateTo({ url: `/pages/payments/order/index?id=${item.paidOrderId}` })}
                  ariaLabel={`${item.title} ${t.payments.viewPaid}`}
                >
                  {t.payments.viewPaid}
                </Button>
              ) : (
                <Button
                  className='btn btn-primary'
                  onClick={() => Taro.navigateTo({ url: `/pages/payments/checkout/index?type=${encodeURIComponent(item.payableType)}&ref=${encodeURIComponent(item.ref)}` })}
                  ariaLabel={`${item.title} ${t.payments.payNow} ${formatFen(item.amountFen)}`}
                >
                  {t.payments.payNow}
                </Button>
              )}
            </View>
          ))}
        </View>
      ) : null}
      <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/pages/payments/orders/index' })} ariaLabel={t.payments.myOrders}>
        {t.payments.myOrders}
      </Button>
    </PageShell>
  );
}
