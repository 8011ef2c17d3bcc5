import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import type { AuditService } from '../audit/audit.service';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { NotificationService } from './notification.service';

export function mountNotificationRoutes(r: ApiRouter, { notifications, kv, audit }: { notifications: NotificationService; kv: KvStore; audit: AuditService }): void {
  r.mount(API.notifications.subscriptions, async ({ ctx }) => notifications.subscriptionState(ctx.state.session!));
  r.mount(API.notifications.recordSubscriptions, async ({ body, ctx }) => {
    // Grants are capped per topic anyway; this keeps a looping client from hammering the table.
    await enforceRateLimit(kv, `notify-subscribe:${ctx.state.session!.userId}`, 60, 60_000);
    const session = ctx.state.session!;
    const state = await notifications.recordSubscriptions(session, body);
    // Consent to be messaged is the resident's decision: keep who allowed or refused what, and when.
    await audit.record({ action: 'notifications.subscribe', result: 'ok', actorUserId: session.userId, channel: session.channel, requestId: ctx.state.requestId, detail: { topics: body.topics.join(','), answers: Object.values(body.results).join(',') } });
    return state;
  });
  r.mount(API.notifications.inbox, async ({ query, ctx }) => notifications.inbox(ctx.state.session!, query));
  r.mount(API.notifications.markRead, async ({ params, ctx }) => notifications.markRead(ctx.state.session!, params.id));
  r.mount(API.notifications.unreadCount, async ({ ctx }) => notifications.unreadCount(ctx.state.session!));
}
