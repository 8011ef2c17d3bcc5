/**
 * Subscription messages: the topics a resident can subscribe to, and the one-time grant rule the
 * hosts impose (WeChat 一次性订阅消息, Alipay 一次性订阅): every "accept" in the host's dialog allows
 * exactly one message of that template, so grants are counted and one is used per message sent.
 */
export const NOTIFICATION_TOPICS = ['card_status', 'card_production', 'appointment', 'application_status', 'payment_result'] as const;
export type NotificationTopicName = (typeof NOTIFICATION_TOPICS)[number];

/** What the host's subscribe dialog said for one template. */
export const SUBSCRIBE_OUTCOMES = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeOutcome = (typeof SUBSCRIBE_OUTCOMES)[number];

/** At most this many unused grants are kept per topic (WeChat itself does not cap; a bound keeps a runaway client in check). */
export const NOTIFICATION_MAX_GRANTS = 50;

/** Grants after the dialog answered `outcome`: only `accept` adds one; refusals leave earlier grants (WeChat keeps them too). */
export function notificationGrantsAfter(grants: number, outcome: SubscribeOutcome): number {
  return outcome === 'accept' ? Math.min(NOTIFICATION_MAX_GRANTS, grants + 1) : grants;
}

/** The delay before retry `attempt` (1-based) of a message whose sending failed: 5 s doubling, at most 10 min, ±20 % jitter from `rand`. */
export function notificationRetryDelayMs(attempt: number, rand: number = Math.random()): number {
  const base = Math.min(600_000, 5_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * rand));
}
