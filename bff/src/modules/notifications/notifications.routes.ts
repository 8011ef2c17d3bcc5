import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { NotificationService } from './notification.service';

export function mountNotificationRoutes(r: ApiRouter, { notifications, kv }: { notifications: NotificationService; kv: KvStore }): void {
  r.mount(API.notifications.subscriptions, async ({ ctx }) => notifications.subscriptionState(ctx.state.session!));
  r.mount(API.notifications.recordSubscriptions, async ({ body, ctx }) => {
    // Grants are capped per topic anyway; this keeps a looping client from hammering the table.
    await enforceRateLimit(kv, `notify-subscribe:${ctx.state.session!.userId}`, 60, 60_000);
    return notifications.recordSubscriptions(ctx.state.session!, body);
  });
  r.mount(API.notifications.inbox, async ({ query, ctx }) => notifications.inbox(ctx.state.session!, query));
  r.mount(API.notifications.markRead, async ({ params, ctx }) => notifications.markRead(ctx.state.session!, params.id));
  r.mount(API.notifications.unreadCount, async ({ ctx }) => notifications.unreadCount(ctx.state.session!));
}
