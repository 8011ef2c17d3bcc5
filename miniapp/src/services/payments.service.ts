import { API, type CreateOrderRequest, type WechatRequestPayment } from '@qdssc/shared';
import { call } from './http';

export type OrderFilter = 'open' | 'paid' | 'closed' | 'refunded';

/** Typed client of the BFF's payments module. */
export const paymentsService = {
  payables: () => call(API.payments.payables),
  createOrder: (body: CreateOrderRequest) => call(API.payments.createOrder, { body }),
  payOrder: (orderId: string) => call(API.payments.payOrder, { params: { orderId } }),
  /** `sync` after the payment sheet returned: the BFF asks the provider if no callback came yet. */
  getOrder: (orderId: string, sync = false) => call(API.payments.getOrder, { params: { orderId }, query: sync ? { sync: '1' } : undefined }),
  listOrders: (q: { status?: OrderFilter; before?: string; limit?: number } = {}) => call(API.payments.listOrders, { query: q }),
  cancelOrder: (orderId: string) => call(API.payments.cancelOrder, { params: { orderId } }),
  refund: (orderId: string, body: { amountFen?: number; reason: string; clientOperationId: string }) => call(API.payments.refund, { params: { orderId }, body }),
  /** Sandbox H5 only: the twin plays the payment sheet. */
  sandboxComplete: (orderId: string, requestPayment: WechatRequestPayment, action: 'pay' | 'cancel') =>
    call(API.payments.sandboxCompletePayment, { body: { orderId, requestPayment, action } }),
};

/** One id per user action, reused when the same action is retried (the BFF answers a retry with the first result). */
export function newOperationId(): string {
  const rnd = Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  return `op-${Date.now().toString(36)}-${rnd}`;
}
