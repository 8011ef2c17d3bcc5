import type { DataSource } from 'typeorm';
import type { HrssClient } from '../../adapters/hrss/hrss.client';
import { PaymentOrder } from '../payments/payment-order.entity';
import { FeeOrder } from './fee.entities';
import { HRSS_BILL_PAYABLE } from './fees.service';

export interface FeeReconMismatch {
  orderNo: string;
  problem: 'missing_at_hrss' | 'missing_here' | 'amount' | 'bills';
  ours: { amountFen: number; bills: string[] } | null;
  hrss: { amountFen: number; bills: string[] } | null;
}

export interface FeeReconReport {
  date: string;
  matched: number;
  mismatches: FeeReconMismatch[];
}

const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Compares the bills HRSS marked paid on a day (China time) with our hrss-bill orders paid that
 * day and not refunded in full: per order number, the same bills and the same total. Orders the
 * forwarder has not delivered yet show as missing at HRSS — run it for a past day.
 */
export async function reconcileFeesWithHrss(db: DataSource, hrss: HrssClient, date: string): Promise<FeeReconReport> {
  const theirs = new Map<string, { amountFen: number; bills: string[] }>();
  for (const b of (await hrss.paidBills(date)).items) {
    const e = theirs.get(b.orderNo) ?? { amountFen: 0, bills: [] };
    e.amountFen += b.amountFen;
    e.bills.push(b.billNo);
    theirs.set(b.orderNo, e);
  }
  const ours = new Map<string, { amountFen: number; bills: string[] }>();
  const orders = await db.getRepository(PaymentOrder).find({ where: { payableType: HRSS_BILL_PAYABLE } });
  const feeOrders = new Map((await db.getRepository(FeeOrder).find()).map((f) => [f.id, f]));
  for (const o of orders) {
    if (!o.paidAt || cstDay(o.paidAt) !== date || o.status !== 'SUCCESS') continue;
    const fo = feeOrders.get(o.payableRef);
    ours.set(o.outTradeNo, { amountFen: o.amountFen, bills: (fo?.bills ?? []).map((b) => b.billNo) });
  }
  const mismatches: FeeReconMismatch[] = [];
  let matched = 0;
  for (const no of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = ours.get(no) ?? null;
    const b = theirs.get(no) ?? null;
    if (!b) mismatches.push({ orderNo: no, problem: 'missing_at_hrss', ours: a, hrss: null });
    else if (!a) mismatches.push({ orderNo: no, problem: 'missing_here', ours: null, hrss: b });
    else if (a.amountFen !== b.amountFen) mismatches.push({ orderNo: no, problem: 'amount', ours: a, hrss: b });
    else if ([...a.bills].sort().join() !== [...b.bills].sort().join()) mismatches.push({ orderNo: no, problem: 'bills', ours: a, hrss: b });
    else matched++;
  }
  return { date, matched, mismatches };
}

export function formatFeeReconReport(r: FeeReconReport): string {
  const lines = [`HRSS bills ${r.date}: ${r.matched} matched, ${r.mismatches.length} mismatched`];
  for (const m of r.mismatches) lines.push(`  ${m.problem.padEnd(16)} ${m.orderNo}  ours=${m.ours ? `${m.ours.amountFen} [${m.ours.bills.join(',')}]` : '—'}  hrss=${m.hrss ? `${m.hrss.amountFen} [${m.hrss.bills.join(',')}]` : '—'}`);
  return lines.join('\n');
}
