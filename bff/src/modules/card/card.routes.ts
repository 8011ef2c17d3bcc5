import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { CardAppointmentService } from './card-appointment.service';
import type { CardService } from './card.service';

export interface CardRouteDeps {
  cards: CardService;
  appointments: CardAppointmentService;
  kv: KvStore;
}

export function mountCardRoutes(r: ApiRouter, { cards, appointments, kv }: CardRouteDeps): void {
  const limit = (userId: string) => enforceRateLimit(kv, `card-op:${userId}`, 20, 3600_000);

  r.mount(API.card.list, async ({ ctx }) => cards.list(ctx.state.session!));
  r.mount(API.card.get, async ({ params, ctx }) => cards.get(ctx.state.session!, params.id));
  r.mount(API.card.activate, async ({ params, body, ctx }) => {
    await limit(ctx.state.session!.userId);
    return cards.operate(ctx.state.session!, params.id, 'activate', body, ctx.state.requestId);
  });
  r.mount(API.card.reportTemporaryLoss, async ({ params, body, ctx }) => {
    await limit(ctx.state.session!.userId);
    return cards.operate(ctx.state.session!, params.id, 'report_temporary_loss', body, ctx.state.requestId);
  });
  r.mount(API.card.releaseTemporaryLoss, async ({ params, body, ctx }) => {
    await limit(ctx.state.session!.userId);
    return cards.operate(ctx.state.session!, params.id, 'release_temporary_loss', body, ctx.state.requestId);
  });
  r.mount(API.card.cancel, async ({ params, body, ctx }) => {
    await limit(ctx.state.session!.userId);
    return cards.operate(ctx.state.session!, params.id, 'cancel', body, ctx.state.requestId);
  });

  r.mount(API.card.slots, async ({ query, ctx }) => appointments.slots(ctx.state.session!, query.branchId));
  r.mount(API.card.appointments, async ({ ctx }) => appointments.mine(ctx.state.session!));
  r.mount(API.card.book, async ({ body, ctx }) => appointments.book(ctx.state.session!, body, ctx.state.requestId));
  r.mount(API.card.reschedule, async ({ params, body, ctx }) => appointments.reschedule(ctx.state.session!, params.id, body, ctx.state.requestId));
  r.mount(API.card.cancelAppointment, async ({ params, ctx }) => appointments.cancel(ctx.state.session!, params.id, ctx.state.requestId));
}
