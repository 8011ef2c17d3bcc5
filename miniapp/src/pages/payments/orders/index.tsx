import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { formatFen, type OrderSummary } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { paymentsService, type OrderFilter } from '../../../services/payments.service';
import { useSettings } from '../../../state/settings';
import { formatTime, StatusTag } from '../payments-ui';
import '../payments.scss';

const FILTERS: Array<OrderFilter | 'all'> = ['all', 'open', 'paid', 'refunded', 'closed'];

/** My orders, newest first, filtered by what a resident asks ("what do I still have to pay?"). */
export default function OrdersPage() {
  const { t } = useSettings();
  const [filter, setFilter] = useState<OrderFilter | 'all'>('all');
  const [items, setItems] = useState<OrderSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (f: OrderFilter | 'all', before?: string) => {
    setError(null);
    setBusy(true);
    try {
      const page = await paymentsService.listOrders({ status: f === 'all' ? undefined : f, before });
      setItems((prev) => (before && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  }, []);

  useDidShow(() => {
    void load(filter);
  });

  const choose = (f: OrderFilter | 'all') => {
    setFilter(f);
    setItems(null);
    void load(f);
  };

  return (
    <PageShell label={t.payments.ordersTitle}>
      <Heading>{t.payments.ordersTitle}</Heading>
      <View className='pay-filters'>
        {FILTERS.map((f) => (
          <Button key={f} className={`pay-filter${filter === f ? ' pay-filter-on' : ''}`} ariaLabel={`${t.payments.filter[f]}${filter === f ? t.payments.selectedSuffix : ''}`} onClick={() => choose(f)}>
            {t.payments.filter[f]}
          </Button>
        ))}
      </View>
      {error ? <ErrorPanel error={error} onRetry={() => load(filter)} /> : null}
      {items === null && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
      {items?.length === 0 ? (
        <View className='card'>
          <Text>{t.payments.ordersEmpty}</Text>
        </View>
      ) : null}
      {items && items.length > 0 ? (
        <View className='card' ariaRole='list'>
          {items.map((o) => (
            <View
              key={o.id}
              className='pay-item'
              ariaRole='link'
              ariaLabel={`${o.description} ${formatFen(o.amountFen)} ${t.payments.status[o.status]}`}
              data-order={o.id}
              onClick={() => Taro.navigateTo({ url: `/pages/payments/order/index?id=${o.id}` })}
            >
              <View className='pay-item-head'>
                <Text>{o.description}</Text>
                <Text className='pay-value'>{formatFen(o.amountFen)}</Text>
              </View>
              <View className='pay-item-head'>
                <Text className='muted'>{formatTime(o.createdAt)}</Text>
                <StatusTag t={t.payments} order={o} />
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {cursor ? (
        <Button className='btn btn-plain' disabled={busy} onClick={() => load(filter, cursor)} ariaLabel={t.payments.loadMore}>
          {t.payments.loadMore}
        </Button>
      ) : null}
    </PageShell>
  );
}
