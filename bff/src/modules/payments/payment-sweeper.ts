import type { Logger } from '../../lib/logger';
import { sqlDate, type PaymentStore } from './payment.store';
import type { PaymentsService } from './payments.service';

export interface SweeperOptions {
  /** How long after its expiry an unpaid order is settled (lets a last-second payment's callback arrive first). */
  expiryGraceMs: number;
  /** A PAYING order without a callback this long after its prepay is chased with a query. */
  lateCallbackMs: number;
  /** Minimum gap between two queries of the same order or refund (across processes). */
  queryGapMs: number;
  /** At most this many orders and refunds per pass. */
  batch: number;
}

export const DEFAULT_SWEEPER: SweeperOptions = { expiryGraceMs: 30_000, lateCallbackMs: 60_000, queryGapMs: 60_000, batch: 100 };

export interface SweepReport {
  expired: number;
  chased: number;
  refunds: number;
  errors: number;
}

/**
 * The closer job: makes sure every order ends in a final state and no callback is waited for
 * forever. Each pass
 *  1. settles open orders past expiry + grace (query first; paid → SUCCESS, else close at the
 *     provider, then CLOSED),
 *  2. queries PAYING orders whose callback is late (paid → SUCCESS at once, not at expiry),
 *  3. queries refunds still in flight (and resubmits those the provider never received).
 * Work is claimed per row through `last_queried_at`, so several BFF processes share it.
 */
export class PaymentSweeper {
  constructor(
    private readonly store: PaymentStore,
    private readonly payments: PaymentsService,
    private readonly logger: Logger,
    private readonly opts: SweeperOptions = DEFAULT_SWEEPER,
  ) {}

  async runOnce(): Promise<SweepReport> {
    const report: SweepReport = { expired: 0, chased: 0, refunds: 0, errors: 0 };
    const now = this.store.now();
    const attempt = async (what: string, id: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
        return true;
      } catch (err) {
        report.errors += 1;
        this.logger.warn({ err, id, what }, 'payment sweep step failed; retried on the next pass');
        return false;
      }
    };

    const expired = await this.store.orders
      .createQueryBuilder('o')
      .where("o.status IN ('CREATED', 'PAYING') AND o.expiresAt < :t", { t: sqlDate(now - this.opts.expiryGraceMs) })
      .orderBy('o.expiresAt', 'ASC')
      .limit(this.opts.batch)
      .getMany();
    for (const o of expired) {
      if (!(await this.store.claimOrderQuery(o.id, this.opts.queryGapMs))) continue;
      if (await attempt('settle expired order', o.id, () => this.payments.settleExpired(o, 'closer'))) report.expired += 1;
    }

    const late = await this.store.orders
      .createQueryBuilder('o')
      .where("o.status = 'PAYING' AND o.updatedAt < :t", { t: sqlDate(now - this.opts.lateCallbackMs) })
      .orderBy('o.updatedAt', 'ASC')
      .limit(this.opts.batch)
      .getMany();
    for (const o of late) {
      if (expired.some((e) => e.id === o.id)) continue;
      if (!(await this.store.claimOrderQuery(o.id, this.opts.queryGapMs))) continue;
      if (await attempt('chase late callback', o.id, () => this.payments.syncOrder(o, 'query'))) report.chased += 1;
    }

    // Refunds in flight whose notification is late; ABNORMAL ones are re-checked at the same pace (staff may have re-routed them).
    const refunds = await this.store.refunds
      .createQueryBuilder('r')
      .where("r.status IN ('PROCESSING', 'ABNORMAL') AND r.updatedAt < :t", { t: sqlDate(now - this.opts.lateCallbackMs) })
      .orderBy('r.updatedAt', 'ASC')
      .limit(this.opts.batch)
      .getMany();
    for (const r of refunds) {
      if (!(await this.store.claimRefundQuery(r.id, this.opts.queryGapMs))) continue;
      if (await attempt('sync refund', r.id, () => this.payments.syncRefund(r, 'query'))) report.refunds += 1;
    }
    if (report.expired || report.chased || report.refunds || report.errors) this.logger.info({ ...report }, 'payment sweep');
    return report;
  }
}
