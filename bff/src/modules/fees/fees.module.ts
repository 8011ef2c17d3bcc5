import type { DataSource } from 'typeorm';
import type { HrssClient } from '../../adapters/hrss/hrss.client';
import type { ApiRouter } from '../../http/api-router';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { Scheduler } from '../../lib/scheduler';
import type { AuditService } from '../audit/audit.service';
import type { PaymentsModule } from '../payments/payments.module';
import type { ProofSigner } from '../records/proof-signer';
import type { RecordsSubjectResolver } from '../records/records-subject';
import { FeeForwarder } from './fee-forwarder';
import { newOutRefundNo } from '../payments/trade-numbers';
import { mountFeesRoutes } from './fees.routes';
import { FeesService } from './fees.service';

export interface FeesModuleDeps {
  db: DataSource;
  hrss: HrssClient;
  payments: PaymentsModule;
  audit: AuditService;
  clock: Clock;
  logger: Logger;
  subjects: RecordsSubjectResolver;
  signer: ProofSigner;
  fontPath?: string;
}

/** Fees online: the hrss-bill payable, its payment hooks, the HRSS forwarder, routes and job. */
export function createFeesModule(d: FeesModuleDeps) {
  // Paid twice (the bills were paid elsewhere meanwhile): our payment goes back in full, whatever the refund policy.
  const refundConflict = async (orderId: string) => {
    const store = d.payments.store;
    const order = await store.orders.findOneBy({ id: orderId });
    if (!order || order.status !== 'SUCCESS') return;
    const op = `fee-conflict-${order.id}`.slice(0, 64);
    const refund =
      (await store.refunds.findOneBy({ orderId, clientOperationId: op })) ??
      (await store.reserveRefund(order, { amountFen: order.amountFen - order.refundedFen - order.refundingFen, reason: '人社系统显示该费用已由其他订单缴纳，自动退款', userId: null, clientOperationId: op, outRefundNo: newOutRefundNo(d.clock.now()) }));
    if (refund && refund.status === 'PROCESSING') await d.payments.service.submitRefund(order, refund, undefined, 'fees.conflict');
  };
  const forwarder = new FeeForwarder(d.db, d.hrss, d.clock, d.logger, d.audit, refundConflict);
  let kickTimer: NodeJS.Timeout | null = null;
  // After the payment's transaction commits, tell HRSS soon; the job picks up whatever this misses.
  const kick = () => {
    if (kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = null;
      forwarder.runOnce().catch((err) => d.logger.warn({ err }, 'fee forwarder pass failed'));
    }, 100);
    kickTimer.unref();
  };
  const service = new FeesService({ db: d.db, hrss: d.hrss, payments: d.payments, audit: d.audit, clock: d.clock, logger: d.logger, kick });
  d.payments.payables.register(service.payable());
  service.registerHooks();
  return {
    service,
    forwarder,
    mount(api: ApiRouter) {
      mountFeesRoutes(api, { fees: service, subjects: d.subjects, signer: d.signer, fontPath: d.fontPath });
    },
    schedule(scheduler: Scheduler, opts: { everyMs?: number } = {}) {
      scheduler.every('fees.forward', opts.everyMs ?? 15_000, () => forwarder.runOnce());
      return scheduler;
    },
  };
}

export type FeesModule = ReturnType<typeof createFeesModule>;
