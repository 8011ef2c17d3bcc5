import type { Scheduler } from '../../lib/scheduler';
import type { ApiRouter } from '../../http/api-router';
import { mountMedicalRoutes } from './medical.routes';
import { MedicalService, type MedicalServiceDeps } from './medical.service';

/** Medical settlement: the self-pay payable, its payment hooks, routes, and the sweeper/worker job. */
export function createMedicalModule(d: Omit<MedicalServiceDeps, 'kick'>) {
  let timer: NodeJS.Timeout | null = null;
  // After the payment's transaction commits, tell the platform soon; the job catches anything missed.
  const kick = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      service.workDue().catch((err) => d.logger.warn({ err }, 'medical worker pass failed'));
    }, 50);
    timer.unref();
  };
  const service: MedicalService = new MedicalService({ ...d, kick });
  d.payments.payables.register(service.payable());
  service.registerHooks();
  return {
    service,
    mount(api: ApiRouter) {
      mountMedicalRoutes(api, { medical: service });
    },
    schedule(scheduler: Scheduler, opts: { everyMs?: number } = {}) {
      scheduler.every('medical.sweep', opts.everyMs ?? 10_000, () => service.sweep());
      return scheduler;
    },
  };
}

export type MedicalModule = ReturnType<typeof createMedicalModule>;
