import { CARD_PRODUCTION_STAGES, PHYSICAL_CARD_STATUSES } from '@qdssc/shared';
import { z } from 'zod';
import type { HrssEventHandler } from '../hrss-notify/hrss-event-registry';
import type { CardService } from './card.service';

export const CARD_STATUS_EVENT = 'card.status';
export const CARD_PRODUCTION_EVENT = 'card.production';

const StatusPayload = z.object({ status: z.enum(PHYSICAL_CARD_STATUSES), source: z.enum(['online', 'branch']).default('branch') });
const ProductionPayload = z.object({ stage: z.enum(CARD_PRODUCTION_STAGES), at: z.string().datetime({ offset: true }) });

const refOf = (e: { subject: { ref?: string } }) => e.subject.ref ?? '';

/**
 * HRSS tells us a card's status changed (at a branch, or the echo of our own operation): mirrored
 * through the same guarded path as an online operation, so a duplicate or a late (lower-version)
 * callback changes nothing and the e-card follows at once.
 */
export function cardStatusHandler(cards: CardService): HrssEventHandler<z.infer<typeof StatusPayload>> {
  return {
    type: CARD_STATUS_EVENT,
    payload: StatusPayload,
    aggregate: (e) => `card:${refOf(e)}`,
    handle: ({ event, em }) => cards.applyHrssStatus(em, refOf(event), event.payload.status, event.version, event.payload.source),
    async afterCommit(event, outcome) {
      if (outcome === 'applied' && (event.payload.status === 'cancelled' || event.payload.status === 'replaced')) await cards.drainOutbox();
    },
  };
}

/** HRSS reports production progress (submitted → in production → ready at branch → collected). */
export function cardProductionHandler(cards: CardService): HrssEventHandler<z.infer<typeof ProductionPayload>> {
  return {
    type: CARD_PRODUCTION_EVENT,
    payload: ProductionPayload,
    aggregate: (e) => `card-production:${refOf(e)}`,
    handle: ({ event, em }) => cards.applyHrssProduction(em, refOf(event), event.payload.stage, event.payload.at),
  };
}
