import type { PaymentParams } from '@qdssc/shared';
import { WechatPayApiError, type WechatPayClient } from '../../adapters/wechat-pay/wechat-pay.client';
import type { WxRefund } from '../../adapters/wechat-pay/wechat-pay.types';
import { ProviderRefusal, type PaymentGateway, type PrepareContext, type ProviderOrderState, type ProviderRefundState } from './payment-gateway';
import type { PaymentOrder } from './payment-order.entity';
import type { PaymentRefund } from './payment-refund.entity';

function refundState(r: WxRefund): ProviderRefundState {
  return { status: r.status, providerRefundId: r.refund_id, succeededAt: r.success_time ? Date.parse(r.success_time) : null, amountFen: r.amount.refund };
}

/** WeChat Pay (JSAPI / mini-program) behind the PaymentGateway interface. */
export function wechatPayGateway(client: WechatPayClient): PaymentGateway {
  const params = (prepayId: string): PaymentParams => ({ provider: 'wechatpay', requestPayment: client.requestPaymentParams(prepayId) });
  return {
    provider: 'wechatpay',
    merchantAccount: () => ({ mchid: client.mchid, appid: client.appid }),

    payerIdOf(user, sandbox) {
      if (user.channel === 'wechat') return user.channelUserId;
      return sandbox ? `sbx-${user.channel}-${user.id}` : null;
    },

    async prepare(order: PaymentOrder, ctx: PrepareContext) {
      try {
        const prepayId = await client.jsapiPrepay({
          outTradeNo: order.outTradeNo,
          description: order.description,
          amountFen: order.amountFen,
          openid: ctx.payerProviderId,
          expiresAt: order.expiresAt.getTime(),
          notifyUrl: ctx.notifyUrl,
        });
        return { handle: prepayId, params: params(prepayId) };
      } catch (err) {
        if (err instanceof WechatPayApiError && err.httpStatus < 500) throw new ProviderRefusal(err.wxCode, err.wxMessage);
        throw err;
      }
    },

    paramsFor(order: PaymentOrder) {
      if (!order.prepayId) throw new Error(`order ${order.id} has no prepay_id`);
      return params(order.prepayId);
    },

    async query(order: PaymentOrder): Promise<ProviderOrderState> {
      const t = await client.queryByOutTradeNo(order.outTradeNo);
      if (!t) return { state: 'UNKNOWN_ORDER' };
      switch (t.trade_state) {
        case 'SUCCESS':
        case 'REFUND': // paid, then (partly) refunded: for the order it was paid
          return {
            state: 'PAID',
            providerTxnId: t.transaction_id ?? '',
            paidAt: t.success_time ? Date.parse(t.success_time) : Date.now(),
            amountFen: t.amount?.total ?? -1,
            mchid: t.mchid,
            appid: t.appid,
          };
        case 'CLOSED':
          return { state: 'CLOSED' };
        case 'REVOKED':
          return { state: 'REVOKED' };
        default: // NOTPAY, USERPAYING, PAYERROR: not paid (yet)
          return { state: 'NOT_PAID' };
      }
    },

    async close(order: PaymentOrder) {
      try {
        await client.close(order.outTradeNo);
        return 'closed';
      } catch (err) {
        if (err instanceof WechatPayApiError && err.wxCode === 'ORDERPAID') return 'paid';
        if (err instanceof WechatPayApiError && err.wxCode === 'ORDER_CLOSED') return 'closed';
        throw err;
      }
    },

    async refund(order: PaymentOrder, refund: PaymentRefund, notifyUrl: string | undefined) {
      try {
        return refundState(
          await client.refund({ outTradeNo: order.outTradeNo, outRefundNo: refund.outRefundNo, reason: refund.reason, refundFen: refund.amountFen, totalFen: order.amountFen, notifyUrl }),
        );
      } catch (err) {
        if (err instanceof WechatPayApiError && err.httpStatus < 500 && err.wxCode !== 'FREQUENCY_LIMITED') throw new ProviderRefusal(err.wxCode, err.wxMessage);
        throw err;
      }
    },

    async queryRefund(_order: PaymentOrder, refund: PaymentRefund) {
      const r = await client.queryRefund(refund.outRefundNo);
      return r ? refundState(r) : null;
    },
  };
}
