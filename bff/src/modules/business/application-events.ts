import { APPLICATION_STATUSES } from '@qdssc/shared';
import { z } from 'zod';
import type { HrssEventHandler } from '../hrss-notify/hrss-event-registry';
import type { BusinessService } from './business.service';
import type { Notifier } from '../notifications/notifier.port';
import { announceApplicationStatus } from '../notifications/producers';

export const APPLICATION_STATUS_EVENT = 'business.application.status';

const Payload = z.object({
  applicationNo: z.string().min(8).max(32),
  status: z.enum(APPLICATION_STATUSES),
  reason: z.string().max(500).nullable().optional(),
  acceptNo: z.string().max(32).nullable().optional(),
  note: z.string().max(500).nullable().optional(),
});

/**
 * HRSS tells us an application moved (accepted, in review, approved, rejected, withdrawn). With a
 * notifier, an applied change is announced (topic `application_status`) in the same transaction.
 */
export function applicationStatusHandler(business: BusinessService, notifier?: Notifier): HrssEventHandler<z.infer<typeof Payload>> {
  return {
    type: APPLICATION_STATUS_EVENT,
    payload: Payload,
    aggregate: (e) => `application:${e.payload.applicationNo}`,
    async handle({ event, em, log }) {
      const p = event.payload;
      const r = await business.applyStatus(
        {
          applicationNo: p.applicationNo, status: p.status, version: event.version, by: 'hrss',
          note: p.note ?? (p.status === 'rejected' ? (p.reason ?? null) : null), reason: p.reason ?? null, acceptNo: p.acceptNo ?? null,
          at: Date.parse(event.occurredAt),
        },
        em,
      );
      if (r === 'unknown') {
        // Not ours (another environment's number): nothing a redelivery could fix.
        log.warn({ applicationNo: p.applicationNo }, 'HRSS callback for an unknown application');
        return 'stale';
      }
      if (r === 'applied' && notifier) await announceApplicationStatus(notifier, em, { applicationNo: p.applicationNo, version: event.version, at: Date.parse(event.occurredAt) });
      return r;
    },
    async afterCommit(event, outcome) {
      if (outcome === 'applied') await business.notifyListeners(event.payload.applicationNo);
    },
  };
}
