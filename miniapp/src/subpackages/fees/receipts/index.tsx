import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { formatFen } from '@qdssc/shared';
import type { z } from 'zod';
import type { FeeReceipt } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { openReceipt } from '../../../platform/receipt';
import { feesService } from '../../../services/fees.service';
import { useSettings } from '../../../state/settings';
import '../fees.scss';

type Receipt = z.infer<typeof FeeReceipt>;

const chinaTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');

/** Paid fees and contributions with their signed PDF receipts. */
export default function FeeReceiptsPage() {
  const { t } = useSettings();
  const [items, setItems] = useState<Receipt[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await feesService.receipts()).items);
    } catch (e) {
      setError(e as ShownError);
    }
  }, []);

  useDidShow(() => void load());

  const download = async (r: Receipt) => {
    setBusy(r.orderId);
    try {
      await openReceipt(feesService.receiptRequest(r.orderId), `jiaofei-pingzheng-${r.outTradeNo}.pdf`);
    } catch {
      setError({ code: 'FEE_RECEIPT_NOT_FOUND', message: t.common.retry });
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell label={t.fees.receiptsTitle}>
      <View className='card'>
        <Heading>{t.fees.receiptsTitle}</Heading>
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      {items === null && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
      {items?.length === 0 ? (
        <View className='card'>
          <Text>{t.fees.receiptsEmpty}</Text>
        </View>
      ) : null}
      {items?.map((r) => (
        <View key={r.orderId} className='card' data-order={r.orderId}>
          <View className='fee-bill-head'>
            <Text className='subtitle'>{r.description}</Text>
            <Text className='fee-amount'>{formatFen(r.amountFen)}</Text>
          </View>
          <Text className='muted'>{chinaTime(r.paidAt)}</Text>
          {r.bills.map((b) => (
            <View key={b.billNo} className='row'>
              <Text className='muted'>{b.title}</Text>
              <Text>{formatFen(b.amountFen)}</Text>
            </View>
          ))}
          <View className='row'>
            <Text className={`fee-tag ${r.hrssMarked ? 'fee-tag-ok' : ''}`}>{r.status === 'REFUNDED' ? t.fees.refunded : r.hrssMarked ? t.fees.hrssMarked : t.fees.hrssPending}</Text>
          </View>
          <Button className='btn btn-secondary' disabled={busy === r.orderId} loading={busy === r.orderId} onClick={() => download(r)} ariaLabel={`${r.description} ${t.fees.download}`}>
            {busy === r.orderId ? t.fees.downloading : t.fees.download}
          </Button>
          <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: `/pages/payments/order/index?id=${r.orderId}` })} ariaLabel={`${r.description} ${t.payments.viewOrder}`}>
            {t.payments.viewOrder}
          </Button>
        </View>
      ))}
    </PageShell>
  );
}
