import { FEE_ORDER_KIND, feesPickProblem, maskIdNumber, type CheckoutResponse, type FeeBill, type FeeBillKind, type PaymentProvider } from '@qdssc/shared';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { HrssBill, HrssClient } from '../../adapters/hrss/hrss.client';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import type { PaymentsModule } from '../payments/payments.module';
import type { Payer, PayableProvider } from '../payments/payables';
import { mapHrssRefusal } from '../records/records.service';
import type { RecordsSubject } from '../records/records-subject';
import { FeeBillClaim, FeeOrder, FeeOutbox, type FeeOutboxAction } from './fee.entities';

export const HRSS_BILL_PAYABLE = 'hrss-bill';

/** Our merchant per kind of bill (out_trade_no is unique per merchant). */
const MERCHANT: Record<string, string> = {
  contribution: 'QD-HRSS-CONTRIB',
  exam_fee: 'QD-HRSS-EXAM',
  training_fee: 'QD-HRSS-TRAIN',
  work_injury_medical: 'QD-HRSS-WI',
};

/** Kinds whose paid bills may be refunded online before HRSS has used them (contributions are refunded at the office). */
const REFUNDABLE_KINDS = new Set(['exam_fee', 'training_fee']);

async function exec(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const r = (await m.queryRunner!.query(sql, params, true)) as { affected?: number };
  return r.affected ?? 0;
}

/**
 * Fees and contributions online. Bills and their amounts come from the HRSS system; the resident
 * picks some; we keep the pick (fee_order) with a claim row per bill — a bill can be in only one
 * open or paid order — and pay it through the payments module as payable `hrss-bill`. The paid
 * hook writes an outbox row in the payment's own transaction; FeeForwarder tells HRSS.
 */
export class FeesService {
  constructor(
    private readonly d: {
      db: DataSource;
      hrss: HrssClient;
      payments: PaymentsModule;
      audit: AuditService;
      clock: Clock;
      logger: Logger;
      /** Called after a commit that left outbox work, so HRSS hears soon (the job catches anything missed). */
      kick?: () => void;
    },
  ) {}

  private now(): number {
    return this.d.clock.now();
  }

  get orders() {
    return this.d.db.getRepository(FeeOrder);
  }

  get outbox() {
    return this.d.db.getRepository(FeeOutbox);
  }

  async bills(payer: Payer, subject: RecordsSubject, kind?: FeeBillKind): Promise<{ items: FeeBill[]; holderMaskedId: string }> {
    const hrssBills = await this.hrssBills(subject, kind);
    // Bills paid by our own orders: show which order, so the page links the receipt.
    const claims = hrssBills.length ? await this.d.db.getRepository(FeeBillClaim).findBy({ billNo: In(hrssBills.map((b) => b.billNo)) }) : [];
    const feeOrders = claims.length ? await this.orders.findBy({ id: In([...new Set(claims.map((c) => c.feeOrderId))]) }) : [];
    const items = hrssBills.map((b): FeeBill => {
      const claim = claims.find((c) => c.billNo === b.billNo);
      const fo = claim && feeOrders.find((f) => f.id === claim.feeOrderId && f.userId === payer.userId);
      const paidHere = fo && fo.status === 'PAID' ? fo.orderId : null;
      return {
        billNo: b.billNo, kind: b.kind, title: b.title, detail: b.detail, period: b.period, amountFen: b.amountFen, parts: b.parts, dueDate: b.dueDate,
        // Paid here but not yet booked by HRSS counts as paid: never offer it twice.
        status: b.status === 'paid' || fo?.status === 'PAID' ? 'paid' : 'unpaid',
        paidOrderId: paidHere ?? null,
      };
    });
    return { items, holderMaskedId: maskIdNumber(subject.idNumber) };
  }

  private async hrssBills(subject: RecordsSubject, kind?: string): Promise<HrssBill[]> {
    try {
      return (await this.d.hrss.bills(subject.idNumber, kind)).items;
    } catch (err) {
      throw mapHrssRefusal(err);
    }
  }

  /** Picks bills into one order and hands it to payments (which returns the sheet parameters). */
  async createOrder(payer: Payer, subject: RecordsSubject, req: { billNos: string[]; provider: PaymentProvider; clientOperationId: string }, origin?: string): Promise<CheckoutResponse> {
    const prior = await this.orders.findOneBy({ userId: payer.userId, clientOperationId: req.clientOperationId });
    if (prior) {
      if ([...prior.bills.map((b) => b.billNo)].sort().join() !== [...req.billNos].sort().join() || prior.provider !== req.provider) throw new AppError('IDEMPOTENCY_CONFLICT');
      return this.checkout(payer, prior, origin);
    }
    const all = await this.hrssBills(subject);
    const picked = req.billNos.map((no) => all.find((b) => b.billNo === no));
    if (picked.some((b) => !b)) throw new AppError('FEE_BILL_NOT_FOUND');
    const bills = picked as HrssBill[];
    if (bills.some((b) => b.status === 'paid')) throw new AppError('PAYABLE_ALREADY_PAID');
    const unpaidMonths = all.filter((b) => b.kind === 'flexible' && b.status === 'unpaid').map((b) => b.period);
    const problem = feesPickProblem(bills, unpaidMonths);
    if (problem) throw new AppError('FEE_BILLS_PICK_INVALID', { problem });

    const now = this.now();
    const kind = FEE_ORDER_KIND[bills[0].kind];
    const fo = this.orders.create({
      id: newId(now), userId: payer.userId, clientOperationId: req.clientOperationId, residentRef: subject.residentRef, holderMasked: maskIdNumber(subject.idNumber),
      kind, bills: bills.map((b) => ({ billNo: b.billNo, kind: b.kind, title: b.title, period: b.period, amountFen: b.amountFen })),
      amountFen: bills.reduce((s, b) => s + b.amountFen, 0), provider: req.provider, orderId: null, status: 'OPEN', hrssState: 'NONE', createdAt: new Date(now), updatedAt: new Date(now),
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await inTransaction(this.d.db, async (m) => {
          await m.insert(FeeOrder, fo);
          await m.insert(FeeBillClaim, fo.bills.map((b) => ({ billNo: b.billNo, feeOrderId: fo.id, createdAt: new Date(now) })));
        });
        break;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const same = await this.orders.findOneBy({ userId: payer.userId, clientOperationId: req.clientOperationId });
        if (same) return this.checkout(payer, same, origin);
        // A bill is already in another live order: paid, in progress, or an expired one to settle first.
        if (!(await this.releaseStaleClaims(fo.bills.map((b) => b.billNo)))) continue;
      }
    }
    if (!(await this.orders.findOneBy({ id: fo.id }))) throw new AppError('PAYMENT_IN_PROGRESS');
    await this.d.audit.record({ action: 'fees.order.create', result: 'ok', actorUserId: payer.userId, channel: payer.channel, detail: { feeOrderId: fo.id, bills: fo.bills.length, amountFen: fo.amountFen, kind } });
    return this.checkout(payer, fo, origin);
  }

  /** Returns false when claims were freed (try again); throws when a bill is paid or being paid. */
  private async releaseStaleClaims(billNos: string[]): Promise<boolean> {
    const claims = await this.d.db.getRepository(FeeBillClaim).findBy({ billNo: In(billNos) });
    for (const c of claims) {
      const other = await this.orders.findOneBy({ id: c.feeOrderId });
      if (!other) continue;
      if (other.status === 'PAID') throw new AppError('PAYABLE_ALREADY_PAID');
      const order = other.orderId ? await this.d.payments.store.orders.findOneBy({ id: other.orderId }) : null;
      if (order && ['CREATED', 'PAYING'].includes(order.status) && order.expiresAt.getTime() <= this.now()) {
        const settled = await this.d.payments.service.settleExpired(order, 'user');
        if (settled.status === 'SUCCESS') throw new AppError('PAYABLE_ALREADY_PAID');
        continue; // the closed hook released its claims
      }
      if (!order && other.createdAt.getTime() < this.now() - 60_000) {
        // A pick whose order was never created (the payment step failed): release it.
        await this.releaseClaims(other.id, 'CLOSED');
        continue;
      }
      throw new AppError('PAYMENT_IN_PROGRESS', { orderId: order && order.payerUserId === other.userId ? order.id : undefined });
    }
    return false;
  }

  private async releaseClaims(feeOrderId: string, status: 'CLOSED' | 'REFUNDED', m?: EntityManager): Promise<void> {
    const run = async (em: EntityManager) => {
      await exec(em, 'DELETE FROM fee_bill_claim WHERE fee_order_id = ?', [feeOrderId]);
      await exec(em, `UPDATE fee_order SET status = ?, updated_at = ? WHERE id = ? AND status IN ('OPEN', 'PAID')`, [status, sqlNow(this.now()), feeOrderId]);
    };
    if (m) return run(m);
    await inTransaction(this.d.db, run);
  }

  private async checkout(payer: Payer, fo: FeeOrder, origin?: string): Promise<CheckoutResponse> {
    try {
      const res = await this.d.payments.service.createOrder(payer, { payableType: HRSS_BILL_PAYABLE, payableRef: fo.id, provider: fo.provider as PaymentProvider, clientOperationId: fo.clientOperationId }, origin);
      if (!fo.orderId) {
        await this.orders.update({ id: fo.id, orderId: IsNull() }, { orderId: res.order.id, updatedAt: new Date(this.now()) });
        fo.orderId = res.order.id;
      }
      return res;
    } catch (err) {
      // Nothing was charged: free the bills so the resident can try again (e.g. another host).
      if (!fo.orderId && err instanceof AppError && ['PAYMENT_PROVIDER_UNAVAILABLE', 'PAYABLE_NOT_FOUND'].includes(err.code)) await this.releaseClaims(fo.id, 'CLOSED');
      throw err;
    }
  }

  /** The payable the payments module asks for the amount: our stored pick, made from HRSS's amounts. */
  payable(): PayableProvider {
    return {
      type: HRSS_BILL_PAYABLE,
      resolve: async (ref, payer) => {
        const fo = await this.orders.findOneBy({ id: ref });
        if (!fo || fo.userId !== payer.userId || fo.status === 'CLOSED') return null;
        return { kind: fo.kind as never, merchantId: MERCHANT[fo.kind] ?? 'QD-HRSS-FEES', description: describe(fo), amountFen: fo.amountFen, oncePerPayer: true };
      },
      refundPolicy: async (order) => {
        const fo = await this.orders.findOneBy({ id: order.payableRef });
        if (!fo || !REFUNDABLE_KINDS.has(fo.kind)) return { allowed: false, code: 'REFUND_NOT_ALLOWED' };
        return { allowed: true };
      },
    };
  }

  /** Payment hooks: all run inside the payment's transaction. */
  registerHooks(): void {
    const hooks = this.d.payments.hooks;
    hooks.on('paid', async ({ order, manager }) => {
      const now = this.now();
      const changed = await exec(manager, `UPDATE fee_order SET status = 'PAID', order_id = ?, updated_at = ? WHERE id = ? AND status = 'OPEN'`, [order.id, sqlNow(now), order.payableRef]);
      if (!changed) {
        this.d.logger.error({ orderId: order.id, feeOrderId: order.payableRef }, 'a fee order was paid but is not open here (closed meanwhile?); booking it at HRSS anyway');
        await exec(manager, `UPDATE fee_order SET status = 'PAID', order_id = ?, updated_at = ? WHERE id = ?`, [order.id, sqlNow(now), order.payableRef]);
      }
      await this.enqueue(manager, order.payableRef, 'pay', order.outTradeNo);
    }, { payableType: HRSS_BILL_PAYABLE, name: 'fees.paid' });

    hooks.on('closed', async ({ order, manager }) => {
      await this.releaseClaims(order.payableRef, 'CLOSED', manager);
    }, { payableType: HRSS_BILL_PAYABLE, name: 'fees.closed' });

    hooks.on('refunded', async ({ order, refund, fullyRefunded, manager }) => {
      if (!fullyRefunded || !refund) return; // a partial refund leaves the bills paid at HRSS
      await this.releaseClaims(order.payableRef, 'REFUNDED', manager);
      // HRSS never booked our payment (another order paid the bills): nothing to reverse there.
      const [fo] = (await manager.query('SELECT hrss_state FROM fee_order WHERE id = ?', [order.payableRef])) as Array<{ hrss_state: string }>;
      if (fo?.hrss_state === 'CONFLICT') return;
      await this.enqueue(manager, order.payableRef, 'refund', refund.outRefundNo);
    }, { payableType: HRSS_BILL_PAYABLE, name: 'fees.refunded' });
  }

  private async enqueue(m: EntityManager, feeOrderId: string, action: FeeOutboxAction, ref: string): Promise<void> {
    const now = this.now();
    try {
      await m.insert(FeeOutbox, { id: newId(now), feeOrderId, action, ref, status: 'PENDING', attempts: 0, nextAttemptAt: new Date(now), lastError: null, createdAt: new Date(now), updatedAt: new Date(now) });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // already queued: exactly once
      return;
    }
    this.d.kick?.();
  }

  async receipts(payer: Payer) {
    const rows = await this.orders.find({ where: { userId: payer.userId, status: In(['PAID', 'REFUNDED']) }, order: { createdAt: 'DESC' }, take: 100 });
    const orders = rows.length ? await this.d.payments.store.orders.findBy({ id: In(rows.map((r) => r.orderId).filter(Boolean) as string[]) }) : [];
    return {
      items: rows.flatMap((fo) => {
        const o = orders.find((x) => x.id === fo.orderId);
        if (!o || !o.paidAt) return [];
        return [{
          orderId: o.id, outTradeNo: o.outTradeNo, kind: o.kind, description: o.description, amountFen: o.amountFen, paidAt: o.paidAt.toISOString(), status: o.status,
          bills: fo.bills.map((b) => ({ billNo: b.billNo, title: b.title, period: b.period, amountFen: b.amountFen })), hrssMarked: fo.hrssState === 'MARKED',
        }];
      }),
    };
  }

  /** The fee order and payment order behind a receipt, for its payer only (anyone else: 404). */
  async receiptOf(payer: Payer, orderId: string) {
    const order = await this.d.payments.store.orders.findOneBy({ id: orderId });
    if (!order || order.payerUserId !== payer.userId || order.payableType !== HRSS_BILL_PAYABLE || !order.paidAt) throw new AppError('FEE_RECEIPT_NOT_FOUND');
    const fo = await this.orders.findOneBy({ id: order.payableRef });
    if (!fo || fo.userId !== payer.userId) throw new AppError('FEE_RECEIPT_NOT_FOUND');
    return { order, fo };
  }
}

/** One guarded write in its own transaction; answers the affected rows (SQLite and MySQL alike). */
export function run(db: DataSource, sql: string, params: unknown[]): Promise<number> {
  return inTransaction(db, (m) => exec(m, sql, params));
}

export function sqlNow(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function describe(fo: FeeOrder): string {
  if (fo.bills.length === 1) return fo.bills[0].title;
  if (fo.bills.every((b) => b.kind === 'flexible')) {
    const months = fo.bills.map((b) => b.period).sort();
    return `灵活就业人员社会保险费（${months[0]}至${months[months.length - 1]}，共${months.length}个月）`;
  }
  return `${fo.bills[0].title}等${fo.bills.length}项`;
}
