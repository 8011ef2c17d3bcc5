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
  const forwarder = new FeeForwarder(d.db, d.hrss, d.clock, d.logger, d.audit);
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
