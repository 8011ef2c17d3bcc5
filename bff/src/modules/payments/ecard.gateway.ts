import { NationalBusinessError, type EsscPayment, type NationalPlatformClient } from '../../adapters/national-platform/national-platform.client';
import { MSG } from '../../adapters/national-platform/csb-codec';
import { ProviderRefusal, type PaymentGateway, type ProviderOrderState, type ProviderRefundState } from './payment-gateway';
import type { PaymentOrder } from './payment-order.entity';
import type { PaymentRefund } from './payment-refund.entity';

/** The app id an e-card payment is "placed with": the national platform, through our channel. */
export const ECARD_PAY_APPID = 'essc';
/** The order's handle while nobody is charging it, and once a charge was sent (a guarded claim between them). */
export const ECARD_HANDLE_READY = 'ecard-ready';
export const ECARD_HANDLE_CHARGING = 'ecard-charging';

export function esscPaidAt(p: EsscPayment): number {
  const t = Date.parse(`${p.payTime.replace(' ', 'T')}+08:00`);
  return Number.isFinite(t) ? t : Date.now();
}

/**
 * The bank account behind a level-2 e-card, charged through the national platform
 * (`essc.pay.*`, idempotent on busiSeq = our out_trade_no). There is no payment sheet: placing
 * the order asks nothing of the platform, and the charge itself is made by EcardPayService once
 * the resident confirmed (password) or the amount is password-free — not through `prepare`.
 */
export function ecardGateway(national: NationalPlatformClient, channelNo: string): PaymentGateway {
  const refundState = (p: EsscPayment, refund: PaymentRefund): ProviderRefundState | null => {
    const r = p.refunds.find((x) => x.refundSeq === refund.outRefundNo);
    return r ? { status: 'SUCCESS', providerRefundId: `${p.payNo ?? ''}:${refund.outRefundNo}`.slice(0, 64), succeededAt: Date.now(), amountFen: r.amount } : null;
  };
  return {
    provider: 'ecard',
    merchantAccount: () => ({ mchid: channelNo, appid: ECARD_PAY_APPID }),
    payerIdOf: (user) => user.id,
    async prepare() {
      return { handle: ECARD_HANDLE_READY, params: { provider: 'ecard' as const, passwordRequired: true } };
    },
    paramsFor: () => ({ provider: 'ecard' as const, passwordRequired: true }),

    async query(order: PaymentOrder): Promise<ProviderOrderState> {
      const p = await national.payQuery(order.outTradeNo);
      if (!p) return { state: 'UNKNOWN_ORDER' };
      if (p.status === 'REVERSED') return { state: 'CLOSED' };
      return { state: 'PAID', providerTxnId: p.payNo ?? order.outTradeNo, paidAt: esscPaidAt(p), amountFen: p.amount, mchid: channelNo, appid: ECARD_PAY_APPID };
    },

    /** 冲正 by busiSeq: undoes a charge that got through after all, and bars one still on its way. */
    async close(order: PaymentOrder) {
      await national.payReverse(order.outTradeNo);
      return 'closed';
    },

    async refund(order: PaymentOrder, refund: PaymentRefund) {
      try {
        const p = await national.payRefund({ busiSeq: order.outTradeNo, refundSeq: refund.outRefundNo, amountFen: refund.amountFen });
        return refundState(p, refund) ?? { status: 'PROCESSING' as const, providerRefundId: null, succeededAt: null, amountFen: refund.amountFen };
      } catch (err) {
        if (err instanceof NationalBusinessError && err.msgCode !== MSG.SYSTEM_BUSY) throw new ProviderRefusal(err.msgCode, err.msg);
        throw err;
      }
    },

    async queryRefund(order: PaymentOrder, refund: PaymentRefund) {
      const p = await national.payQuery(order.outTradeNo);
      return p ? refundState(p, refund) : null;
    },
  };
}
