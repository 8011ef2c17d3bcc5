import { API } from '@qdssc/shared';
import type { WechatPaySheetSandbox } from '../../adapters/wechat-pay/wechat-pay-sheet.sandbox';
import { AppError } from '../../http/app-error';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext, AppMiddleware } from '../../http/context';
import type { Payer } from './payables';
import type { PaymentsService } from './payments.service';

export interface PaymentRouteDeps {
  payments: PaymentsService;
  wechatPayNotify: AppMiddleware;
  alipayNotify: AppMiddleware;
  /** Present only in sandbox deployments. */
  sheet?: WechatPaySheetSandbox;
}

/** This BFF as the caller reached it (Koa 3's ctx.origin is the Origin request header, not this). */
function selfOrigin(ctx: AppContext): string {
  return `${ctx.protocol}://${ctx.host}`;
}

function payerOf(ctx: AppContext): Payer {
  const s = ctx.state.session!;
  return { userId: s.userId, residentId: s.residentId, channel: s.channel };
}

export function mountPaymentRoutes(r: ApiRouter, { payments, wechatPayNotify, alipayNotify, sheet }: PaymentRouteDeps): void {
  r.mount(API.payments.payables, async ({ ctx }) => payments.listPayables(payerOf(ctx)));

  r.mount(API.payments.createOrder, async ({ body, ctx }) => payments.createOrder(payerOf(ctx), body, selfOrigin(ctx)));

  r.mount(API.payments.payOrder, async ({ params, ctx }) => payments.pay(payerOf(ctx), params.orderId, selfOrigin(ctx)));

  r.mount(API.payments.getOrder, async ({ params, query, ctx }) => payments.getOrder(payerOf(ctx), params.orderId, query.sync === '1'));

  r.mount(API.payments.listOrders, async ({ query, ctx }) => payments.listOrders(payerOf(ctx), query));

  r.mount(API.payments.cancelOrder, async ({ params, ctx }) => payments.cancel(payerOf(ctx), params.orderId));

  r.mount(API.payments.refund, async ({ params, body, ctx }) => payments.requestRefund(payerOf(ctx), params.orderId, body, selfOrigin(ctx)));

  r.mount(API.payments.sandboxCompletePayment, async ({ body, ctx }) => {
    if (!sheet) throw new AppError('SANDBOX_ONLY');
    const order = await payments.ownOrder(payerOf(ctx), body.orderId);
    if (`prepay_id=${order.prepayId}` !== body.requestPayment.package) throw new AppError('PAYMENT_ORDER_NOT_FOUND');
    const answer = await sheet.requestPayment(body.requestPayment, body.action);
    if ('result' in answer) return { result: answer.result };
    if (answer.refused === 'ORDERPAID') return { result: 'paid' as const };
    if (answer.refused === 'ORDER_CLOSED') throw new AppError('PAYMENT_ORDER_CLOSED');
    throw new AppError('PAYMENT_FAILED', { sheet: answer.refused });
  });

  // Not a JSON API contract: WeChat Pay's own request and answer format (see wechat-pay.notify.ts).
  r.router.post('/notify/wechatpay', wechatPayNotify as never);
  // Alipay's form post, answered with the text `success` (see alipay.notify.ts).
  r.router.post('/notify/alipay', alipayNotify as never);
}
