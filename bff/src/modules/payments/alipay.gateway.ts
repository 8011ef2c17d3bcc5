import { UpstreamError } from '../../adapters/http-client';
import { AlipayTradeError, type AlipayClient } from '../../adapters/alipay/alipay.client';
import { ProviderRefusal, type PaymentGateway, type PrepareContext, type ProviderOrderState } from './payment-gateway';
import type { PaymentOrder } from './payment-order.entity';
import type { PaymentRefund } from './payment-refund.entity';

/** Trade answers that mean "this will not work" rather than "try again". */
const REFUSALS = new Set(['ACQ.TRADE_HAS_SUCCESS', 'ACQ.TRADE_HAS_CLOSE', 'ACQ.CONTEXT_INCONSISTENT', 'ACQ.TRADE_STATUS_ERROR', 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', 'ACQ.SELLER_BALANCE_NOT_ENOUGH', 'ACQ.INVALID_PARAMETER', 'ACQ.TRADE_NOT_EXIST']);

function refusal(err: unknown): never {
  if (err instanceof AlipayTradeError && REFUSALS.has(err.subCode)) {
    const code = err.subCode === 'ACQ.TRADE_HAS_SUCCESS' ? 'ORDERPAID' : err.subCode === 'ACQ.TRADE_HAS_CLOSE' ? 'ORDER_CLOSED' : err.subCode;
    throw new ProviderRefusal(code, err.message);
  }
  if (err instanceof AlipayTradeError) throw new UpstreamError('alipay', 'protocol', err.message, err);
  throw err;
}

/**
 * Alipay (小程序支付) behind PaymentGateway: `alipay.trade.create` places the trade and its
 * trade_no is what my.tradePay takes (kept as the order's prepay handle); the seller PID stands
 * where WeChat Pay has the mchid, so notifications are matched on it.
 */
export function alipayGateway(client: AlipayClient): PaymentGateway {
  return {
    provider: 'alipay',
    merchantAccount: () => ({ mchid: client.sellerId, appid: client.appId }),

    payerIdOf(user, sandbox) {
      if (user.channel === 'alipay') return user.channelUserId;
      // A stand-in buyer so the H5 demo can pay through the twin's sheet.
      return sandbox ? `2088${String(Math.abs(hash(user.id))).padStart(12, '0').slice(0, 12)}` : null;
    },

    async prepare(order: PaymentOrder, ctx: PrepareContext) {
      try {
        const { tradeNo } = await client.tradeCreate({ outTradeNo: order.outTradeNo, amountFen: order.amountFen, subject: order.description, buyerId: ctx.payerProviderId, expiresAt: order.expiresAt.getTime(), notifyUrl: ctx.notifyUrl });
        return { handle: tradeNo, params: { provider: 'alipay' as const, tradeNo } };
      } catch (err) {
        return refusal(err);
      }
    },

    paramsFor(order: PaymentOrder) {
      if (!order.prepayId) throw new Error(`order ${order.id} has no trade_no`);
      return { provider: 'alipay' as const, tradeNo: order.prepayId };
    },

    async query(order: PaymentOrder): Promise<ProviderOrderState> {
      const t = await client.tradeQuery(order.outTradeNo);
      if (!t) return { state: 'UNKNOWN_ORDER' };
      if (t.status === 'TRADE_SUCCESS' || t.status === 'TRADE_FINISHED' || (t.status === 'TRADE_CLOSED' && t.paidAt)) {
        // A query answer is signed by Alipay for our app: its merchant is ours.
        return { state: 'PAID', providerTxnId: t.tradeNo, paidAt: t.paidAt ?? Date.now(), amountFen: t.totalFen, mchid: client.sellerId, appid: client.appId };
      }
      if (t.status === 'TRADE_CLOSED') return { state: 'CLOSED' };
      return { state: 'NOT_PAID' };
    },

    async close(order: PaymentOrder) {
      const r = await client.tradeClose(order.outTradeNo);
      return r === 'paid' ? 'paid' : 'closed';
    },

    async refund(order: PaymentOrder, refund: PaymentRefund) {
      try {
        const r = await client.tradeRefund({ outTradeNo: order.outTradeNo, outRequestNo: refund.outRefundNo, amountFen: refund.amountFen, reason: refund.reason });
        return { status: 'SUCCESS' as const, providerRefundId: `${r.tradeNo}:${refund.outRefundNo}`.slice(0, 64), succeededAt: r.refundedAt, amountFen: refund.amountFen };
      } catch (err) {
        return refusal(err);
      }
    },

    async queryRefund(order: PaymentOrder, refund: PaymentRefund) {
      const r = await client.refundQuery(order.outTradeNo, refund.outRefundNo);
      if (!r) return null;
      return { status: 'SUCCESS' as const, providerRefundId: refund.providerRefundId, succeededAt: r.at, amountFen: r.amountFen };
    },
  };
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
