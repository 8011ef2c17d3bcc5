import { z } from 'zod';
import { ORDER_KINDS, ORDER_STATUSES, PAYMENT_PROVIDERS, REFUND_STATUSES } from '../domain/payment-state';
import { endpoint } from './endpoint';

const Fen = z.number().int().nonnegative().describe('Integer amount in fen (1/100 yuan)');
const IsoTime = z.string().datetime();

/** A client-generated id for one user action (tap on 支付 / 申请退款): retries with it are answered with the first result. */
export const ClientOperationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '操作编号格式不正确')
  .describe('Idempotency key chosen by the client for this action; a retry with the same key returns the first result');

export const PaymentProviderSchema = z.enum(PAYMENT_PROVIDERS);
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export const RefundStatusSchema = z.enum(REFUND_STATUSES);
export const OrderKindSchema = z.enum(ORDER_KINDS);

/** Something a resident can pay, offered by a feature's payable provider (a bill, a fee). */
export const PayableItem = z.object({
  payableType: z.string().describe('Which payable provider offers it (e.g. `demo-exam-fee`, `contribution`)'),
  ref: z.string().describe("The provider's id of the thing to pay (a bill number, a catalogue item)"),
  kind: OrderKindSchema,
  title: z.string(),
  detail: z.string().nullable(),
  amountFen: Fen,
  refundable: z.boolean().describe('Whether the resident may ask for a refund online once paid'),
  /** When this item was already paid by this resident and cannot be paid again. */
  paidOrderId: z.string().nullable(),
});
export type PayableItem = z.infer<typeof PayableItem>;

export const RefundView = z.object({
  id: z.string(),
  outRefundNo: z.string(),
  amountFen: Fen,
  reason: z.string(),
  status: RefundStatusSchema,
  createdAt: IsoTime,
  succeededAt: IsoTime.nullable(),
});
export type RefundView = z.infer<typeof RefundView>;

export const OrderSummary = z.object({
  id: z.string(),
  outTradeNo: z.string(),
  kind: OrderKindSchema,
  description: z.string(),
  amountFen: Fen,
  refundedFen: Fen,
  provider: PaymentProviderSchema,
  status: OrderStatusSchema,
  createdAt: IsoTime,
  paidAt: IsoTime.nullable(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderView = OrderSummary.extend({
  payableType: z.string(),
  payableRef: z.string(),
  refundingFen: Fen,
  refundableFen: Fen.describe('What may still be refunded now (0 unless SUCCESS)'),
  providerTransactionId: z.string().nullable(),
  expiresAt: IsoTime.describe('Unpaid orders are closed after this moment'),
  closedAt: IsoTime.nullable(),
  /** Whether the payable lets the resident ask for a refund online (policy of the payable). */
  refundAllowed: z.boolean(),
  refunds: z.array(RefundView),
});
export type OrderView = z.infer<typeof OrderView>;

/** What `wx.requestPayment` takes, signed by the merchant key (WeChat Pay JSAPI / mini-program). */
export const WechatRequestPayment = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string().describe('`prepay_id=…`'),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type WechatRequestPayment = z.infer<typeof WechatRequestPayment>;

export const PaymentParams = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('wechatpay'), requestPayment: WechatRequestPayment }),
  z.object({ provider: z.literal('alipay'), tradeNo: z.string() }),
  z.object({ provider: z.literal('ecard'), passwordRequired: z.boolean() }),
]);
export type PaymentParams = z.infer<typeof PaymentParams>;

export const CheckoutResponse = z.object({
  order: OrderView,
  /** Null when the order needs no payment step any more (already paid). */
  payment: PaymentParams.nullable(),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

export const CreateOrderRequest = z.object({
  payableType: z.string().min(1).max(32),
  payableRef: z.string().min(1).max(64),
  provider: PaymentProviderSchema,
  clientOperationId: ClientOperationId,
});
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const OrderIdParams = z.object({ orderId: z.string().uuid('订单编号格式不正确') });

export const ListOrdersQuery = z.object({
  status: z.enum(['open', 'paid', 'closed', 'refunded']).optional().describe('open = CREATED/PAYING, paid = SUCCESS, closed = CLOSED/REVOKED, refunded = REFUNDED'),
  before: z.string().uuid().optional().describe('Cursor: the last id of the previous page'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ListOrdersResponse = z.object({
  items: z.array(OrderSummary),
  nextCursor: z.string().nullable(),
});

export const GetOrderQuery = z.object({
  sync: z
    .enum(['0', '1'])
    .optional()
    .describe('1 = the payment sheet just returned: if no callback arrived yet, ask the provider now'),
});

export const RefundRequest = z.object({
  amountFen: z.number().int().positive().optional().describe('Default: everything still refundable'),
  reason: z.string().trim().min(1, '请填写退款原因').max(80),
  clientOperationId: ClientOperationId,
});

export const RefundResponse = z.object({ order: OrderView, refund: RefundView });

export const SandboxCompletePaymentRequest = z.object({
  orderId: z.string().uuid(),
  requestPayment: WechatRequestPayment,
  /** `pay` stands for the resident confirming in the sheet; `cancel` for closing it. */
  action: z.enum(['pay', 'cancel']).default('pay'),
});

export const paymentsApi = {
  payables: endpoint({
    method: 'get', path: '/api/v1/payments/payables', tag: 'payments', auth: 'session',
    summary: 'Things the logged-in resident can pay now (from every registered payable provider that lists items)',
    response: z.array(PayableItem),
  }),
  createOrder: endpoint({
    method: 'post', path: '/api/v1/payments/orders', tag: 'payments', auth: 'session',
    summary: 'Create (or return the open) order for a payable and get the parameters of the host payment sheet',
    description: 'Idempotent on clientOperationId. The amount comes from the payable on the server, never from the client. ' +
      'A payable that can be paid once returns the open order instead of a second one, and refuses when already paid.',
    body: CreateOrderRequest, response: CheckoutResponse,
    errors: ['PAYABLE_NOT_FOUND', 'PAYABLE_ALREADY_PAID', 'PAYMENT_PROVIDER_UNAVAILABLE', 'IDEMPOTENCY_CONFLICT', 'UPSTREAM_UNAVAILABLE'],
  }),
  payOrder: endpoint({
    method: 'post', path: '/api/v1/payments/orders/:orderId/pay', tag: 'payments', auth: 'session',
    summary: 'Get the payment sheet parameters again for an unpaid order (the resident closed the sheet and taps 支付 again)',
    params: OrderIdParams, response: CheckoutResponse,
    errors: ['PAYMENT_ORDER_NOT_FOUND', 'PAYMENT_ORDER_CLOSED', 'PAYMENT_PROVIDER_UNAVAILABLE'],
  }),
  getOrder: endpoint({
    method: 'get', path: '/api/v1/payments/orders/:orderId', tag: 'payments', auth: 'session',
    summary: 'One of my orders with its refunds', params: OrderIdParams, query: GetOrderQuery, response: OrderView,
    errors: ['PAYMENT_ORDER_NOT_FOUND'],
  }),
  listOrders: endpoint({
    method: 'get', path: '/api/v1/payments/orders', tag: 'payments', auth: 'session',
    summary: 'My orders, newest first', query: ListOrdersQuery, response: ListOrdersResponse,
  }),
  cancelOrder: endpoint({
    method: 'post', path: '/api/v1/payments/orders/:orderId/cancel', tag: 'payments', auth: 'session',
    summary: 'Cancel an unpaid order (closes it at the provider first, so it can no longer be paid)',
    params: OrderIdParams, response: OrderView,
    errors: ['PAYMENT_ORDER_NOT_FOUND', 'PAYMENT_ORDER_NOT_CANCELLABLE'],
  }),
  refund: endpoint({
    method: 'post', path: '/api/v1/payments/orders/:orderId/refunds', tag: 'payments', auth: 'session',
    summary: 'Ask for a (partial) refund of a paid order, if its payable allows refunds online',
    description: 'Idempotent on clientOperationId. Refunds of one order never add up to more than was paid (guarded in the database).',
    params: OrderIdParams, body: RefundRequest, response: RefundResponse,
    errors: ['PAYMENT_ORDER_NOT_FOUND', 'ORDER_NOT_REFUNDABLE', 'REFUND_NOT_ALLOWED', 'REFUND_AMOUNT_EXCEEDED', 'IDEMPOTENCY_CONFLICT'],
  }),
  sandboxCompletePayment: endpoint({
    method: 'post', path: '/api/v1/sandbox/payments/complete', tag: 'sandbox', auth: 'session',
    summary: 'H5 demo only: act as the host payment sheet and confirm (or cancel) the payment at the WeChat Pay twin',
    body: SandboxCompletePaymentRequest, response: z.object({ result: z.enum(['paid', 'cancelled']) }),
    errors: ['SANDBOX_ONLY', 'PAYMENT_ORDER_NOT_FOUND', 'PAYMENT_ORDER_CLOSED'],
  }),
};
