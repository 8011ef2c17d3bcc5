import { Text, View } from '@tarojs/components';
import type { OrderStatus, OrderSummary } from '@qdssc/shared';
import type { Messages } from '../../i18n';

/** `2026-11-29T02:00:00Z` → `2026-11-29 10:00` (China time, as receipts show it). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** The status a resident reads: partly refunded orders say so. */
export function statusLabel(t: Messages['payments'], o: Pick<OrderSummary, 'status' | 'refundedFen'>): string {
  if (o.status === 'SUCCESS' && o.refundedFen > 0) return t.partlyRefunded;
  return t.status[o.status];
}

const TONE: Record<OrderStatus, string> = { CREATED: 'warn', PAYING: 'warn', SUCCESS: 'ok', CLOSED: 'muted', REVOKED: 'muted', REFUNDED: 'info' };

export function StatusTag({ t, order }: { t: Messages['payments']; order: Pick<OrderSummary, 'status' | 'refundedFen'> }) {
  return (
    <Text className={`pay-tag pay-tag-${TONE[order.status]}`} data-status={order.status}>
      {statusLabel(t, order)}
    </Text>
  );
}

export function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='row'>
      <Text className='muted'>{label}</Text>
      <Text className='pay-value'>{value}</Text>
    </View>
  );
}
