import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { ORDER_TRANSITIONS, REFUND_TRANSITIONS, type OrderEvent, type RefundEvent } from '@qdssc/shared';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { PaymentEvent, type PaymentEventType } from './payment-event.entity';
import type { PaymentHooks } from './payment-hooks';
import { PaymentOrder } from './payment-order.entity';
import { PaymentRefund } from './payment-refund.entity';

/** Datetimes as raw SQL parameters: the same `YYYY-MM-DD HH:mm:ss.SSS` (UTC) TypeORM writes on both databases. */
export function sqlDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Runs a write and returns how many rows it changed, on MySQL and SQLite alike. */
export async function exec(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const r = (await m.queryRunner!.query(sql, params, true)) as { affected?: number };
  return r.affected ?? 0;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export type TransitionResult<T> = { changed: true; value: T } | { changed: false; value: T | null };

/**
 * Every state change of orders and refunds. Each is one transaction whose first statement is a
 * conditional UPDATE naming the states the transition table allows it from; only when that
 * UPDATE changed a row does the rest run (event row, hooks). Two callbacks, a query and the
 * closer racing for the same order therefore cannot both win — on MySQL the row lock orders
 * them, on SQLite `inTransaction` does — and a loser learns it from `changed: false` and reads
 * what the winner made of the order.
 */
export class PaymentStore {
  readonly orders: Repository<PaymentOrder>;
  readonly refunds: Repository<PaymentRefund>;
  readonly events: Repository<PaymentEvent>;

  constructor(
    readonly db: DataSource,
    private readonly clock: Clock,
    private readonly hooks: PaymentHooks,
  ) {
    this.orders = db.getRepository(PaymentOrder);
    this.refunds = db.getRepository(PaymentRefund);
    this.events = db.getRepository(PaymentEvent);
  }

  now(): number {
    return this.clock.now();
  }

  /** Inserts a new order; returns null when a unique key (client operation, active payable, trade number) already exists. */
  async insertOrder(o: PaymentOrder): Promise<PaymentOrder | null> {
    try {
      await inTransaction(this.db, (m) => m.insert(PaymentOrder, o));
      return o;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  private async event(m: EntityManager, type: PaymentEventType, key: string, orderId: string, refundId: string | null, source: string, detail: Record<string, string | number | boolean | null> | null): Promise<void> {
    await m.insert(PaymentEvent, m.create(PaymentEvent, { id: newId(this.now()), eventKey: key, type, orderId, refundId, source, detail, createdAt: new Date(this.now()) }));
  }

  private orderGuard(event: OrderEvent): { sql: string; params: string[] } {
    const from = ORDER_TRANSITIONS[event].from;
    return { sql: `status IN (${placeholders(from.length)})`, params: [...from] };
  }

  /** CREATED → PAYING once the provider accepted the prepay. */
  async markPrepaid(orderId: string, prepayId: string): Promise<TransitionResult<PaymentOrder>> {
    const g = this.orderGuard('prepay');
    return inTransaction(this.db, async (m) => {
      const n = await exec(
        m,
        `UPDATE payment_order SET status = ?, prepay_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND ${g.sql}`,
        [ORDER_TRANSITIONS.prepay.to, prepayId, sqlDate(this.now()), orderId, ...g.params],
      );
      const order = await m.findOneBy(PaymentOrder, { id: orderId });
      return n === 1 ? { changed: true as const, value: order! } : { changed: false as const, value: order };
    });
  }

  /**
   * CREATED/PAYING → SUCCESS on the provider's word (verified notification or query). Records
   * ORDER_PAID and runs the `paid` hooks in the same transaction: exactly once per order.
   */
  async markPaid(orderId: string, p: { providerTxnId: string; paidAt: number; source: string }): Promise<TransitionResult<PaymentOrder>> {
    const g = this.orderGuard('paid');
    return inTransaction(this.db, async (m) => {
      const n = await exec(
        m,
        `UPDATE payment_order SET status = ?, provider_txn_id = ?, paid_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND ${g.sql}`,
        [ORDER_TRANSITIONS.paid.to, p.providerTxnId, sqlDate(p.paidAt), sqlDate(this.now()), orderId, ...g.params],
      );
      const order = await m.findOneBy(PaymentOrder, { id: orderId });
      if (n !== 1) return { changed: false as const, value: order };
      await this.event(m, 'ORDER_PAID', `paid:${orderId}`, orderId, null, p.source, { providerTxnId: p.providerTxnId, amountFen: order!.amountFen });
      await this.hooks.run('paid', { order: order!, manager: m, source: p.source });
      return { changed: true as const, value: order! };
    });
  }

  /** CREATED/PAYING → CLOSED (or REVOKED). Frees the payable for a new order. */
  async markClosed(orderId: string, p: { reason: string; source: string; event?: 'close' | 'revoke' }): Promise<TransitionResult<PaymentOrder>> {
    const event = p.event ?? 'close';
    const g = this.orderGuard(event);
    return inTransaction(this.db, async (m) => {
      const n = await exec(
        m,
        `UPDATE payment_order SET status = ?, active_key = NULL, closed_at = ?, close_reason = ?, updated_at = ?, version = version + 1 WHERE id = ? AND ${g.sql}`,
        [ORDER_TRANSITIONS[event].to, sqlDate(this.now()), p.reason.slice(0, 32), sqlDate(this.now()), orderId, ...g.params],
      );
      const order = await m.findOneBy(PaymentOrder, { id: orderId });
      if (n !== 1) return { changed: false as const, value: order };
      await this.event(m, event === 'close' ? 'ORDER_CLOSED' : 'ORDER_REVOKED', `${event}:${orderId}`, orderId, null, p.source, { reason: p.reason });
      await this.hooks.run('closed', { order: order!, manager: m, source: p.source });
      return { changed: true as const, value: order! };
    });
  }

  /**
   * Reserves `amountFen` of a paid order for a new refund and writes the refund row, in one
   * transaction. The UPDATE's condition is the rule itself — SUCCESS and refunded + in flight +
   * this ≤ paid — so concurrent requests can never refund more than was paid.
   * Returns null when the reservation was refused (the order is not SUCCESS or not enough is left).
   */
  async reserveRefund(order: PaymentOrder, r: { amountFen: number; reason: string; userId: string | null; clientOperationId: string; outRefundNo: string }): Promise<PaymentRefund | null> {
    return inTransaction(this.db, async (m) => {
      const n = await exec(
        m,
        `UPDATE payment_order SET refunding_fen = refunding_fen + ?, updated_at = ?, version = version + 1
          WHERE id = ? AND status = 'SUCCESS' AND refunded_fen + refunding_fen + ? <= amount_fen`,
        [r.amountFen, sqlDate(this.now()), order.id, r.amountFen],
      );
      if (n !== 1) return null;
      const refund = m.create(PaymentRefund, {
        id: newId(this.now()), orderId: order.id, outRefundNo: r.outRefundNo, amountFen: r.amountFen, reason: r.reason, status: 'PROCESSING',
        providerRefundId: null, requestedByUserId: r.userId, clientOperationId: r.clientOperationId, succeededAt: null, lastQueriedAt: null,
        createdAt: new Date(this.now()), updatedAt: new Date(this.now()), version: 1,
      });
      await m.insert(PaymentRefund, refund);
      return refund;
    });
  }

  /**
   * Applies a refund's outcome. SUCCESS moves the held amount to refunded and, when everything
   * is refunded, the order to REFUNDED (status and active key are assigned before the amounts:
   * MySQL evaluates SET left to right with new values, SQLite with old ones — this order reads
   * old values on both). CLOSED gives the held amount back; ABNORMAL keeps holding it.
   */
  async applyRefund(refundId: string, p: { outcome: RefundEvent; providerRefundId?: string | null; succeededAt?: number; source: string }): Promise<TransitionResult<PaymentRefund>> {
    const t = REFUND_TRANSITIONS[p.outcome];
    return inTransaction(this.db, async (m) => {
      const now = sqlDate(this.now());
      const n = await exec(
        m,
        `UPDATE payment_refund SET status = ?, provider_refund_id = COALESCE(?, provider_refund_id), succeeded_at = ?, updated_at = ?, version = version + 1
          WHERE id = ? AND status IN (${placeholders(t.from.length)})`,
        [t.to, p.providerRefundId ?? null, p.outcome === 'succeeded' ? sqlDate(p.succeededAt ?? this.now()) : null, now, refundId, ...t.from],
      );
      const refund = await m.findOneBy(PaymentRefund, { id: refundId });
      if (n !== 1 || !refund) return { changed: false as const, value: refund };
      const a = refund.amountFen;
      if (p.outcome === 'succeeded') {
        const full = ORDER_TRANSITIONS.refund;
        const moved = await exec(
          m,
          `UPDATE payment_order SET
             status = CASE WHEN refunded_fen + ? >= amount_fen THEN ? ELSE status END,
             active_key = CASE WHEN refunded_fen + ? >= amount_fen THEN NULL ELSE active_key END,
             refunded_fen = refunded_fen + ?, refunding_fen = refunding_fen - ?, updated_at = ?, version = version + 1
           WHERE id = ? AND status IN (${placeholders(full.from.length)}) AND refunding_fen >= ?`,
          [a, full.to, a, a, a, now, refund.orderId, ...full.from, a],
        );
        if (moved !== 1) throw new Error(`refund ${refundId} succeeded but its order ${refund.orderId} does not hold ${a} fen`);
        const order = (await m.findOneBy(PaymentOrder, { id: refund.orderId }))!;
        const fully = order.status === 'REFUNDED';
        await this.event(m, 'REFUND_SUCCEEDED', `refund:${refundId}`, order.id, refundId, p.source, { amountFen: a });
        if (fully) await this.event(m, 'ORDER_REFUNDED', `refunded:${order.id}`, order.id, refundId, p.source, { refundedFen: order.refundedFen });
        await this.hooks.run('refunded', { order, refund, fullyRefunded: fully, manager: m, source: p.source });
      } else if (p.outcome === 'closed') {
        const released = await exec(m, `UPDATE payment_order SET refunding_fen = refunding_fen - ?, updated_at = ?, version = version + 1 WHERE id = ? AND refunding_fen >= ?`, [a, now, refund.orderId, a]);
        if (released !== 1) throw new Error(`refund ${refundId} closed but its order ${refund.orderId} does not hold ${a} fen`);
        await this.event(m, 'REFUND_FAILED', `refund-closed:${refundId}`, refund.orderId, refundId, p.source, { amountFen: a });
      }
      return { changed: true as const, value: refund };
    });
  }

  /** Claims the right to ask the provider about an order now (at most once per `minGapMs`, across processes). */
  async claimOrderQuery(orderId: string, minGapMs: number): Promise<boolean> {
    return inTransaction(this.db, async (m) => {
      const now = this.now();
      const n = await exec(m, 'UPDATE payment_order SET last_queried_at = ? WHERE id = ? AND (last_queried_at IS NULL OR last_queried_at < ?)', [sqlDate(now), orderId, sqlDate(now - minGapMs)]);
      return n === 1;
    });
  }

  async claimRefundQuery(refundId: string, minGapMs: number): Promise<boolean> {
    return inTransaction(this.db, async (m) => {
      const now = this.now();
      const n = await exec(m, 'UPDATE payment_refund SET last_queried_at = ? WHERE id = ? AND (last_queried_at IS NULL OR last_queried_at < ?)', [sqlDate(now), refundId, sqlDate(now - minGapMs)]);
      return n === 1;
    });
  }

  async refundsOf(orderId: string): Promise<PaymentRefund[]> {
    return this.refunds.find({ where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async refundsOfMany(orderIds: string[]): Promise<PaymentRefund[]> {
    return orderIds.length ? this.refunds.find({ where: { orderId: In(orderIds) } }) : [];
  }
}
