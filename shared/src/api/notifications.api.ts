import { z } from 'zod';
import { NOTIFICATION_TOPICS, SUBSCRIBE_OUTCOMES } from '../domain/notifications';
import { endpoint } from './endpoint';

export const NotificationTopicSchema = z.enum(NOTIFICATION_TOPICS);
export const SubscribeOutcomeSchema = z.enum(SUBSCRIBE_OUTCOMES);

export const TopicSubscription = z.object({
  topic: NotificationTopicSchema,
  /** The template id to pass to the host's subscribe dialog on this account's host (null: the host has no subscription messages). */
  templateId: z.string().nullable(),
  /** Messages the host still lets us send on this topic (one per accept). */
  grants: z.number().int(),
  lastAnswer: SubscribeOutcomeSchema.nullable(),
  updatedAt: z.string().datetime().nullable(),
});
export type TopicSubscription = z.infer<typeof TopicSubscription>;

export const SubscriptionState = z.object({
  channel: z.enum(['wechat', 'alipay', 'h5']),
  topics: z.array(TopicSubscription),
});
export type SubscriptionState = z.infer<typeof SubscriptionState>;

export const RecordSubscriptionsRequest = z.object({
  topics: z.array(NotificationTopicSchema).min(1).max(NOTIFICATION_TOPICS.length).describe('The topics the dialog was opened for'),
  results: z
    .record(z.string().min(1).max(128), SubscribeOutcomeSchema)
    .describe('What the host dialog answered, per template id (WeChat: the success result minus errMsg; Alipay: subscribed → accept, others reject)'),
});
export type RecordSubscriptionsRequest = z.infer<typeof RecordSubscriptionsRequest>;

export const InboxMessage = z.object({
  id: z.string(),
  topic: NotificationTopicSchema,
  /** Already-masked template fields (the client renders them with its own labels). */
  data: z.record(z.string(), z.string()),
  page: z.string().nullable(),
  /** Set when the message is about a ward rather than the reader. */
  aboutWard: z.boolean(),
  read: z.boolean(),
  createdAt: z.string().datetime(),
});
export type InboxMessage = z.infer<typeof InboxMessage>;

export const InboxPage = z.object({
  items: z.array(InboxMessage),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  unread: z.number().int(),
});
export type InboxPage = z.infer<typeof InboxPage>;

export const notificationsApi = {
  subscriptions: endpoint({
    method: 'get', path: '/api/v1/notifications/subscriptions', tag: 'notifications', auth: 'session',
    summary: 'Per topic: the template id for this host, and how many messages the resident has allowed',
    response: SubscriptionState,
  }),
  recordSubscriptions: endpoint({
    method: 'post', path: '/api/v1/notifications/subscriptions', tag: 'notifications', auth: 'session',
    summary: 'Report what the host subscribe dialog answered; each accept allows one message of that topic',
    body: RecordSubscriptionsRequest, response: SubscriptionState,
    errors: ['NOTIFICATION_TEMPLATE_UNKNOWN'],
  }),
  inbox: endpoint({
    method: 'get', path: '/api/v1/notifications/inbox', tag: 'notifications', auth: 'session',
    summary: 'Messages in the in-app inbox, newest first (every message lands here, subscribed or not)',
    query: z.object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(50).default(20),
      unread: z.enum(['1', '0']).optional().describe('1: unread only'),
    }),
    response: InboxPage,
  }),
  markRead: endpoint({
    method: 'post', path: '/api/v1/notifications/inbox/:id/read', tag: 'notifications', auth: 'session',
    summary: 'Mark one message read (idempotent)',
    params: z.object({ id: z.string().min(1).max(64) }), response: z.object({ unread: z.number().int() }),
    errors: ['NOTIFICATION_NOT_FOUND'],
  }),
  unreadCount: endpoint({
    method: 'get', path: '/api/v1/notifications/unread-count', tag: 'notifications', auth: 'session',
    summary: 'How many inbox messages are unread (the badge on 我的)',
    response: z.object({ unread: z.number().int() }),
  }),
};
