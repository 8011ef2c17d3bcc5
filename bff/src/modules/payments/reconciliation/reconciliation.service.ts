import type { DataSource } from 'typeorm';
import { fenToYuanString } from '@qdssc/shared';
import { parseTradeBill, type TradeBillRow } from '../../../adapters/wechat-pay/trade-bill';
import type { AlipayClient } from '../../../adapters/alipay/alipay.client';
import type { WechatPayClient } from '../../../adapters/wechat-pay/wechat-pay.client';
import type { NationalPlatformClient } from '../../../adapters/national-platform/national-platform.client';
import { cstDayRange } from '../../../adapters/wechat-pay/wechat-pay.crypto';
import type { Clock } from '../../../lib/clock';
import { newId } from '../../../lib/ids';
import { PaymentOrder } from '../payment-order.entity';
import { PaymentRefund } from '../payment-refund.entity';
import { sqlDate } from '../payment.store';
import { PaymentReconciliation, type ReconciliationMismatch } from './payment-reconciliation.entity';

export interface ReconciliationReport {
  id: string;
  provider: ReconciledProvider;
  billDate: string;
  ourEntries: number;
  theirEntries: number;
  matched: number;
  mismatches: ReconciliationMismatch[];
}

/** Providers whose bill we can fetch: WeChat Pay's trade bill, the national platform's e-card payment bill, Alipay's trade bill (业务明细). */
export type ReconciledProvider = 'wechatpay' | 'ecard' | 'alipay';

export const RECONCILED_PROVIDERS: readonly ReconciledProvider[] = ['wechatpay', 'ecard', 'alipay'];

/** What the comparison reads of a bill row. */
type BillRow = Pick<TradeBillRow, 'outTradeNo' | 'tradeState' | 'outRefundNo' | 'refundStatus' | 'refundFen' | 'settlementFen'>;

interface Entry {
  key: string;
  outTradeNo: string;
  outRefundNo?: string;
  amountFen: number;
}

/**
 * Daily reconciliation against the provider's trade bill of a China calendar day. Payments are
 * matched by out_trade_no (our SUCCESS/REFUNDED orders whose paid_at — the provider's success
 * time — falls on that day), refunds by out_refund_no (our SUCCESS refunds settled that day).
 * Everything that does not match is reported: missing on either side, different amount, or
 * present on both sides in states that disagree.
 */
export class ReconciliationService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly wechatPay: WechatPayClient,
    private readonly national?: NationalPlatformClient,
    private readonly alipay?: AlipayClient,
  ) {}

  /** The provider's bill of the day, as bill rows (the e-card bill is mapped onto WeChat Pay's columns). */
  private async billRows(provider: ReconciledProvider, billDate: string): Promise<BillRow[]> {
    if (provider === 'wechatpay') {
      const text = await this.wechatPay.tradeBill(billDate);
      return text === null ? [] : parseTradeBill(text).rows;
    }
    if (provider === 'alipay') {
      if (!this.alipay) throw new Error('no Alipay client for Alipay reconciliation');
      // A 交易 row is a payment (订单金额), a 退款 row one refund (商家实收 is its amount, negative).
      return ((await this.alipay.tradeBill(billDate)) ?? []).map(
        (r): BillRow => ({ outTradeNo: r.outTradeNo, tradeState: r.kind === '退款' ? 'REFUND' : 'SUCCESS', outRefundNo: r.outRequestNo, refundStatus: 'SUCCESS', refundFen: r.kind === '退款' ? -r.receivedFen : 0, settlementFen: r.kind === '交易' ? r.orderFen : 0 }),
      );
    }
    if (!this.national) throw new Error('no national platform client for e-card reconciliation');
    return (await this.national.payBill(billDate)).map(
      (e): BillRow => ({ outTradeNo: e.busiSeq, tradeState: e.type === 'REFUND' ? 'REFUND' : 'SUCCESS', outRefundNo: e.refundSeq ?? '', refundStatus: e.status, refundFen: e.type === 'REFUND' ? e.amount : 0, settlementFen: e.type === 'PAY' ? e.amount : 0 }),
    );
  }

  async reconcile(billDate: string, provider: ReconciledProvider = 'wechatpay'): Promise<ReconciliationReport> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate) || Number.isNaN(Date.parse(billDate))) throw new Error(`not a date: ${billDate} (use YYYY-MM-DD)`);
    const [start, end] = cstDayRange(billDate).map(sqlDate);
    const rows = await this.billRows(provider, billDate);

    const paid = await this.db
      .getRepository(PaymentOrder)
      .createQueryBuilder('o')
      .where("o.provider = :provider AND o.status IN ('SUCCESS', 'REFUNDED') AND o.paidAt >= :start AND o.paidAt < :end", { provider, start, end })
      .getMany();
    const refunded: Array<{ out_refund_no: string; amount_fen: number | string; out_trade_no: string }> = await this.db.query(
      `SELECT r.out_refund_no AS out_refund_no, r.amount_fen AS amount_fen, o.out_trade_no AS out_trade_no
         FROM payment_refund r JOIN payment_order o ON o.id = r.order_id
        WHERE o.provider = ? AND r.status = 'SUCCESS' AND r.succeeded_at >= ? AND r.succeeded_at < ?`,
      [provider, start, end],
    );

    const ours = new Map<string, Entry>();
    for (const o of paid) ours.set(`P:${o.outTradeNo}`, { key: `P:${o.outTradeNo}`, outTradeNo: o.outTradeNo, amountFen: o.amountFen });
    for (const r of refunded) ours.set(`R:${r.out_refund_no}`, { key: `R:${r.out_refund_no}`, outTradeNo: r.out_trade_no, outRefundNo: r.out_refund_no, amountFen: Number(r.amount_fen) });

    const theirs = new Map<string, Entry & { state: string }>();
    for (const row of rows) {
      const isRefund = row.tradeState === 'REFUND';
      const key = isRefund ? `R:${row.outRefundNo}` : `P:${row.outTradeNo}`;
      theirs.set(key, { key, outTradeNo: row.outTradeNo, outRefundNo: isRefund ? row.outRefundNo : undefined, amountFen: isRefund ? row.refundFen : row.settlementFen, state: isRefund ? `REFUND ${row.refundStatus}` : row.tradeState });
    }

    const mismatches: ReconciliationMismatch[] = [];
    let matched = 0;
    for (const t of theirs.values()) {
      const o = ours.get(t.key);
      const entry = t.key.startsWith('R:') ? ('refund' as const) : ('payment' as const);
      const theirSide = { state: t.state, amountFen: t.amountFen };
      if (!o) {
        const local = entry === 'payment' ? await this.orderState(t.outTradeNo, provider) : await this.refundState(t.outRefundNo!);
        mismatches.push({ kind: local ? 'STATE_MISMATCH' : 'MISSING_LOCALLY', entry, outTradeNo: t.outTradeNo, outRefundNo: t.outRefundNo, ours: local, theirs: theirSide });
      } else if (o.amountFen !== t.amountFen) {
        mismatches.push({ kind: 'AMOUNT_MISMATCH', entry, outTradeNo: t.outTradeNo, outRefundNo: t.outRefundNo, ours: { status: entry === 'payment' ? 'PAID' : 'SUCCESS', amountFen: o.amountFen }, theirs: theirSide });
      } else {
        matched += 1;
      }
    }
    for (const o of ours.values()) {
      if (theirs.has(o.key)) continue;
      const entry = o.key.startsWith('R:') ? ('refund' as const) : ('payment' as const);
      mismatches.push({ kind: 'MISSING_AT_PROVIDER', entry, outTradeNo: o.outTradeNo, outRefundNo: o.outRefundNo, ours: { status: entry === 'payment' ? 'PAID' : 'SUCCESS', amountFen: o.amountFen }, theirs: null });
    }

    const report: ReconciliationReport = { id: newId(this.clock.now()), provider, billDate, ourEntries: ours.size, theirEntries: theirs.size, matched, mismatches };
    await this.db.getRepository(PaymentReconciliation).insert({
      id: report.id, provider, billDate, ranAt: new Date(this.clock.now()), ourEntries: ours.size, theirEntries: theirs.size, mismatchCount: mismatches.length, mismatches,
    });
    return report;
  }

  private async orderState(outTradeNo: string, provider: ReconciledProvider): Promise<{ status: string; amountFen: number } | null> {
    const o = await this.db.getRepository(PaymentOrder).findOneBy({ outTradeNo, provider });
    return o ? { status: o.status, amountFen: o.amountFen } : null;
  }

  private async refundState(outRefundNo: string): Promise<{ status: string; amountFen: number } | null> {
    const r = await this.db.getRepository(PaymentRefund).findOneBy({ outRefundNo });
    return r ? { status: r.status, amountFen: r.amountFen } : null;
  }
}

const PROVIDER_LABELS: Record<ReconciledProvider, string> = { wechatpay: 'WeChat Pay', ecard: 'E-card account', alipay: 'Alipay' };

/** The report as the CLI prints it: one line per mismatch, amounts in yuan. */
export function formatReconciliationReport(r: ReconciliationReport): string {
  const lines = [
    `${PROVIDER_LABELS[r.provider]} reconciliation for ${r.billDate}: ${r.ourEntries} entries here, ${r.theirEntries} in the bill, ${r.matched} matched, ${r.mismatches.length} mismatch${r.mismatches.length === 1 ? '' : 'es'}`,
  ];
  for (const m of r.mismatches) {
    const no = m.outRefundNo ? `${m.outTradeNo} / refund ${m.outRefundNo}` : m.outTradeNo;
    const ours = m.ours ? `${m.ours.status} ¥${fenToYuanString(m.ours.amountFen)}` : '—';
    const theirs = m.theirs ? `${m.theirs.state} ¥${fenToYuanString(m.theirs.amountFen)}` : '—';
    lines.push(`  ${m.kind.padEnd(19)} ${m.entry.padEnd(7)} ${no}  ours: ${ours}  bill: ${theirs}`);
  }
  return lines.join('\n');
}
