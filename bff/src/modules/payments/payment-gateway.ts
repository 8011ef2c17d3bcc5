import type { PaymentParams, PaymentProvider } from '@qdssc/shared';
import type { PaymentOrder } from './payment-order.entity';
import type { PaymentRefund } from './payment-refund.entity';

/** What a provider says about an order when asked (a query), in our words. */
export type ProviderOrderState =
  | { state: 'PAID'; providerTxnId: string; paidAt: number; amountFen: number; mchid: string; appid: string }
  | { state: 'NOT_PAID' }
  | { state: 'CLOSED' }
  | { state: 'REVOKED' }
  /** The provider never saw the order (the prepay did not reach it). */
  | { state: 'UNKNOWN_ORDER' };

export type ProviderRefundState = { status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED'; providerRefundId: string | null; succeededAt: number | null; amountFen: number };

export interface PrepareContext {
  /** Where the provider should post notifications for this order. */
  notifyUrl: string;
  /** The payer's id at the provider (WeChat openid of this mini-program). */
  payerProviderId: string;
}

/**
 * One payment provider as the order service sees it. The WeChat Pay gateway is the first;
 * Alipay (`alipay.trade.create` for my.tradePay) and the e-card account plug in the same way.
 * Every method is safe to call again with the same order or refund (the provider's keys —
 * out_trade_no, out_refund_no — make it idempotent).
 */
export interface PaymentGateway {
  provider: PaymentProvider;
  /** The provider merchant and app the order is placed with (checked against notifications). */
  merchantAccount(): { mchid: string; appid: string };
  /**
   * The payer's id at this provider for an account of ours (WeChat openid, Alipay user id), or
   * null when this account cannot pay here (an H5 account has no openid). In sandbox mode a
   * stand-in id is allowed, so the H5 demo can pay through the twin.
   */
  payerIdOf(user: { id: string; channel: string; channelUserId: string }, sandbox: boolean): string | null;
  /** Places the order at the provider; returns its handle (prepay_id) and the host sheet parameters. */
  prepare(order: PaymentOrder, ctx: PrepareContext): Promise<{ handle: string; params: PaymentParams }>;
  /** Fresh sheet parameters for an order already placed (the payer closed the sheet and tries again). */
  paramsFor(order: PaymentOrder): PaymentParams;
  query(order: PaymentOrder): Promise<ProviderOrderState>;
  /** Closes an unpaid order at the provider. `paid` when the provider says it was paid meanwhile. */
  close(order: PaymentOrder): Promise<'closed' | 'paid'>;
  refund(order: PaymentOrder, refund: PaymentRefund, notifyUrl: string | undefined): Promise<ProviderRefundState>;
  /** null when the provider has no such refund (the request did not reach it). */
  queryRefund(order: PaymentOrder, refund: PaymentRefund): Promise<ProviderRefundState | null>;
}

/** A definite refusal by the provider (as opposed to not reaching it): the operation did not and will not happen. */
export class ProviderRefusal extends Error {
  constructor(readonly providerCode: string, message: string) {
    super(message);
    this.name = 'ProviderRefusal';
  }
}
