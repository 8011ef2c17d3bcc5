import type { DataSource } from 'typeorm';
import type { Adapters } from '../../adapters';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { Scheduler } from '../../lib/scheduler';
import type { AuditService } from '../audit/audit.service';
import type { GuardianshipQueries } from '../family/guardianship.queries';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationService } from './notification.service';
import { mountNotificationRoutes } from './notifications.routes';

export interface NotificationsModuleDeps {
  config: Config;
  db: DataSource;
  kv: KvStore;
  clock: Clock;
  logger: Logger;
  adapters: Adapters;
  guardians: GuardianshipQueries;
  audit: AuditService;
}

/**
 * The notifications feature assembled: `service` is the Notifier features call; `dispatcher()`
 * makes a sender (tests run several side by side); `schedule` adds the sending job to server.ts's
 * scheduler, every NOTIFY_DISPATCH_INTERVAL_MS.
 */
export function createNotificationsModule(d: NotificationsModuleDeps) {
  const service = new NotificationService(d.db, d.clock, d.config.notifications);
  const dispatcher = () => new NotificationDispatcher({ db: d.db, clock: d.clock, logger: d.logger, notifications: service, wechat: d.adapters.wechat, alipay: d.adapters.alipay, guardians: d.guardians });
  const main = dispatcher();
  return {
    service,
    notify: service.notify,
    dispatcher: main,
    newDispatcher: dispatcher,
    mount(api: ApiRouter) {
      mountNotificationRoutes(api, { notifications: service, kv: d.kv, audit: d.audit });
    },
    schedule(scheduler: Scheduler, opts: { everyMs?: number } = {}) {
      scheduler.every('notifications.dispatch', opts.everyMs ?? d.config.notifications.dispatchIntervalMs, async () => {
        // Keep going while full batches come back, so a burst drains in one tick.
        for (let i = 0; i < 20; i++) {
          const r = await main.runOnce();
          if (r.claimed < d.config.notifications.batchSize) break;
        }
      });
      return scheduler;
    },
  };
}

export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
