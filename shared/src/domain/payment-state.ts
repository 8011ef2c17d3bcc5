/**
 * Payment orders and refunds: the one state machine every payment in the product goes through,
 * whatever pays it (WeChat Pay, Alipay, the e-card) and whatever it pays for (contributions,
 * fees, medical self-pay, a merchant). The BFF enforces each transition in the database with a
 * conditional UPDATE on the `from` states listed here; the mini-program reads the same table to
 * know what an order can still become.
 *
 *   CREATED ──prepay──▶ PAYING ──paid──▶ SUCCESS ──refund (full)──▶ REFUNDED
 *      │                  │ ╲
 *      │                  │  ╲──revoke──▶ REVOKED
 *      └──close──▶ CLOSED ◀┘
 *
 * Partial refunds keep the order SUCCESS and are counted in its refund records; the order becomes
 * REFUNDED when refunds add up to the paid amount. CREATED → SUCCESS exists because a provider's
 * word (a verified notification, a query) may overtake our own bookkeeping of the prepay.
 */

export const ORDER_STATUSES = ['CREATED', 'PAYING', 'SUCCESS', 'CLOSED', 'REVOKED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderEvent = 'prepay' | 'paid' | 'close' | 'revoke' | 'refund';

/** `event → from states → to state`. Anything not listed is refused. */
export const ORDER_TRANSITIONS: Record<OrderEvent, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  prepay: { from: ['CREATED'], to: 'PAYING' },
  paid: { from: ['CREATED', 'PAYING'], to: 'SUCCESS' },
  close: { from: ['CREATED', 'PAYING'], to: 'CLOSED' },
  revoke: { from: ['PAYING'], to: 'REVOKED' },
  refund: { from: ['SUCCESS'], to: 'REFUNDED' },
};

/** States an order never leaves (REFUNDED) or leaves only through refunds (SUCCESS). */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['SUCCESS', 'CLOSED', 'REVOKED', 'REFUNDED'];
/** States that still wait for the payer or the provider: the closer job watches these. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['CREATED', 'PAYING'];

export function isFinalOrderStatus(s: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.includes(s);
}

export function canOrderTransition(from: OrderStatus, event: OrderEvent): boolean {
  return ORDER_TRANSITIONS[event].from.includes(from);
}

/** The state after `event`, or null when the table does not allow it from `from`. */
export function nextOrderStatus(from: OrderStatus, event: OrderEvent): OrderStatus | null {
  return canOrderTransition(from, event) ? ORDER_TRANSITIONS[event].to : null;
}

export const REFUND_STATUSES = ['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export type RefundEvent = 'succeeded' | 'abnormal' | 'closed';

/**
 * A refund is PROCESSING until the provider says SUCCESS, CLOSED (failed, nothing moved) or
 * ABNORMAL (the money could not reach the payer's card: staff re-route it, after which it may
 * still succeed or be closed).
 */
export const REFUND_TRANSITIONS: Record<RefundEvent, { from: readonly RefundStatus[]; to: RefundStatus }> = {
  succeeded: { from: ['PROCESSING', 'ABNORMAL'], to: 'SUCCESS' },
  abnormal: { from: ['PROCESSING'], to: 'ABNORMAL' },
  closed: { from: ['PROCESSING', 'ABNORMAL'], to: 'CLOSED' },
};

export function nextRefundStatus(from: RefundStatus, event: RefundEvent): RefundStatus | null {
  return REFUND_TRANSITIONS[event].from.includes(from) ? REFUND_TRANSITIONS[event].to : null;
}

/** Whether a refund still holds part of the paid amount (so no other refund may take it). */
export function refundHoldsAmount(s: RefundStatus): boolean {
  return s === 'PROCESSING' || s === 'ABNORMAL';
}

export const PAYMENT_PROVIDERS = ['wechatpay', 'alipay', 'ecard'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/** What an order pays for; features register payables of these kinds. */
export const ORDER_KINDS = ['contribution', 'exam_fee', 'training_fee', 'work_injury_medical', 'merchant_scan', 'medical_self_pay'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/**
 * The merchant's order number as WeChat Pay and Alipay accept it: 6–32 characters of digits,
 * letters and `_-|*`, unique per merchant.
 */
export const OUT_TRADE_NO_PATTERN = /^[0-9A-Za-z_\-|*]{6,32}$/;

export function isValidOutTradeNo(s: string): boolean {
  return OUT_TRADE_NO_PATTERN.test(s);
}

/** How much of a paid order can still be refunded, given what is refunded or being refunded. */
export function refundableFen(o: { status: OrderStatus; amountFen: number; refundedFen: number; refundingFen: number }): number {
  if (o.status !== 'SUCCESS') return 0;
  return Math.max(0, o.amountFen - o.refundedFen - o.refundingFen);
}
