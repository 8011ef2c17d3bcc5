import { API, type RecordSubscriptionsRequest } from '@qdssc/shared';
import { call } from './http';

/** Typed client of the BFF's notifications module (subscriptions and the inbox). */
export const notificationsService = {
  subscriptions: () => call(API.notifications.subscriptions),
  record: (body: RecordSubscriptionsRequest) => call(API.notifications.recordSubscriptions, { body }),
  inbox: (query: { page?: number; pageSize?: number; unread?: '1' | '0' } = {}) => call(API.notifications.inbox, { query }),
  markRead: (id: string) => call(API.notifications.markRead, { params: { id } }),
  unreadCount: () => call(API.notifications.unreadCount),
};
