import type { DataSource } from 'typeorm';
import { In, LessThanOrEqual } from 'typeorm';
import { HrssBusinessError, type HrssClient } from '../../adapters/hrss/hrss.client';
import { HRSS_CODE } from '../../adapters/hrss/hrss-wire';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import { PaymentOrder } from '../payments/payment-order.entity';
import { FeeOrder, FeeOutbox } from './fee.entities';
import { run, sqlNow } from './fees.service';

/** Waits between attempts: 5 s, 10 s, 20 s … up to 10 min. */
export function feeRetryDelayMs(attempts: number): number {
  return Math.min(600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** How long a claimed row is ours before another process may take it (a crashed sender). */
const LEASE_MS = 60_000;

/**
 * Tells HRSS what was paid and refunded, from fee_outbox. Each row is claimed by moving its
 * next attempt into the future with a conditional UPDATE (so two processes never send the same
 * row at once), sent, and then marked DONE — HRSS's bills.pay is idempotent on our order number,
 * so a send repeated after a crash books nothing twice. Transient failures retry with backoff;
 * HRSS saying another order paid the bills is a CONFLICT for staff (logged and audited).
 */
export class FeeForwarder {
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly hrss: HrssClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly audit: AuditService,
    /** Gives the money back when HRSS says another order already paid the bills (paid twice). */
    private readonly refundConflict?: (orderId: string) => Promise<void>,
  ) {}

  /** One pass; concurrent calls in this process share it. */
  runOnce(): Promise<number> {
    if (!this.running) this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.getRepository(FeeOutbox).find({ where: { status: 'PENDING', nextAttemptAt: LessThanOrEqual(new Date(now)) }, order: { createdAt: 'ASC' }, take: 50 });
    let sent = 0;
    for (const row of due) {
      const claimed = await run(
        this.db,
        'UPDATE fee_outbox SET next_attempt_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = ? AND attempts = ?',
        [sqlNow(now + LEASE_MS), sqlNow(now), row.id, 'PENDING', row.attempts],
      );
      if (!claimed) continue;
      row.attempts += 1;
      if (await this.send(row)) sent++;
    }
    return sent;
  }

  private async send(row: FeeOutbox): Promise<boolean> {
    const fo = await this.db.getRepository(FeeOrder).findOneBy({ id: row.feeOrderId });
    const order = fo?.orderId ? await this.db.getRepository(PaymentOrder).findOneBy({ id: fo.orderId }) : null;
    if (!fo || !order) {
      await this.finish(row, 'FAILED', 'fee order or payment order missing');
      return false;
    }
    const billNos = fo.bills.map((b) => b.billNo);
    try {
      if (row.action === 'pay') {
        await this.hrss.payBills({ billNos, orderNo: order.outTradeNo, amountFen: fo.amountFen, paidAt: (order.paidAt ?? new Date(this.clock.now())).toISOString() });
        await run(this.db, `UPDATE fee_order SET hrss_state = 'MARKED', updated_at = ? WHERE id = ? AND hrss_state IN ('NONE', 'CONFLICT')`, [sqlNow(this.clock.now()), fo.id]);
      } else {
        await this.hrss.refundBills({ billNos, orderNo: order.outTradeNo, refundNo: row.ref });
        await run(this.db, `UPDATE fee_order SET hrss_state = 'REVERSED', updated_at = ? WHERE id = ?`, [sqlNow(this.clock.now()), fo.id]);
      }
      await this.finish(row, 'DONE', null);
      await this.audit.record({ action: `fees.hrss.${row.action}`, result: 'ok', actorUserId: fo.userId, detail: { feeOrderId: fo.id, orderId: order.id, bills: billNos.length, attempts: row.attempts } });
      return true;
    } catch (err) {
      if (err instanceof HrssBusinessError && err.code === HRSS_CODE.STATE_CONFLICT) {
        await run(this.db, `UPDATE fee_order SET hrss_state = 'CONFLICT', updated_at = ? WHERE id = ?`, [sqlNow(this.clock.now()), fo.id]);
        await this.finish(row, 'FAILED', `HRSS ${err.code}: ${err.hrssMessage}`.slice(0, 255));
        this.logger.error({ feeOrderId: fo.id, orderId: order.id, action: row.action }, 'HRSS says another order paid these bills: refunding ours');
        await this.audit.record({ action: `fees.hrss.${row.action}`, result: 'refused', code: err.code, actorUserId: fo.userId, detail: { feeOrderId: fo.id, orderId: order.id } });
        if (row.action === 'pay' && this.refundConflict) {
          await this.refundConflict(order.id).catch((e) => this.logger.error({ err: e, orderId: order.id }, 'refunding a fee paid twice failed; the payments sweeper or staff must finish it'));
        }
        return false;
      }
      const wait = feeRetryDelayMs(row.attempts);
      await run(this.db, 'UPDATE fee_outbox SET next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = ?', [
        sqlNow(this.clock.now() + wait), String((err as Error).message ?? err).slice(0, 255), sqlNow(this.clock.now()), row.id, 'PENDING',
      ]);
      this.logger.warn({ err, feeOrderId: fo.id, action: row.action, attempts: row.attempts, retryInMs: wait }, 'telling HRSS about a fee payment failed; will retry');
      return false;
    }
  }

  private async finish(row: FeeOutbox, status: 'DONE' | 'FAILED', error: string | null): Promise<void> {
    await run(this.db, 'UPDATE fee_outbox SET status = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = ?', [status, error, sqlNow(this.clock.now()), row.id, 'PENDING']);
  }

  /** Rows not yet DONE (for tests and the health view). */
  pending(): Promise<FeeOutbox[]> {
    return this.db.getRepository(FeeOutbox).findBy({ status: In(['PENDING', 'FAILED']) });
  }
}

