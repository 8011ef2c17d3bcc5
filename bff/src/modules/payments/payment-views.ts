import { refundableFen, type OrderSummary, type OrderView, type RefundView } from '@qdssc/shared';
import type { PaymentOrder } from './payment-order.entity';
import type { PaymentRefund } from './payment-refund.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function refundView(r: PaymentRefund): RefundView {
  return { id: r.id, outRefundNo: r.outRefundNo, amountFen: r.amountFen, reason: r.reason, status: r.status, createdAt: r.createdAt.toISOString(), succeededAt: iso(r.succeededAt) };
}

export function orderSummary(o: PaymentOrder): OrderSummary {
  return {
    id: o.id,
    outTradeNo: o.outTradeNo,
    kind: o.kind,
    description: o.description,
    amountFen: o.amountFen,
    refundedFen: o.refundedFen,
    provider: o.provider,
    status: o.status,
    createdAt: o.createdAt.toISOString(),
    paidAt: iso(o.paidAt),
  };
}

export function orderView(o: PaymentOrder, refunds: PaymentRefund[], refundAllowed: boolean): OrderView {
  return {
    ...orderSummary(o),
    payableType: o.payableType,
    payableRef: o.payableRef,
    refundingFen: o.refundingFen,
    refundableFen: refundableFen(o),
    providerTransactionId: o.providerTxnId,
    expiresAt: o.expiresAt.toISOString(),
    closedAt: iso(o.closedAt),
    refundAllowed,
    refunds: refunds.map(refundView),
  };
}
