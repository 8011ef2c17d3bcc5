import type { OrderView, PayableItem } from '@qdssc/shared';

/** An order as the BFF answers it; tests override what matters to them. */
export function orderFixture(over: Partial<OrderView> = {}): OrderView {
  return {
    id: '01a228ac-3de3-7fee-9d77-fd63cd6f2fd3',
    outTradeNo: 'Q20261129100000ABCDEFGHJKLM',
    kind: 'exam_fee',
    description: '企业人力资源管理师（三级）考试费',
    amountFen: 12000,
    refundedFen: 0,
    provider: 'wechatpay',
    status: 'PAYING',
    createdAt: '2026-11-29T02:00:00.000Z',
    paidAt: null,
    payableType: 'demo-exam-fee',
    payableRef: 'EXAM-HRM-3',
    refundingFen: 0,
    refundableFen: 0,
    providerTransactionId: null,
    expiresAt: '2026-11-29T02:15:00.000Z',
    closedAt: null,
    refundAllowed: false,
    refunds: [],
    ...over,
  };
}

export const paidOrder = (over: Partial<OrderView> = {}) =>
  orderFixture({ status: 'SUCCESS', paidAt: '2026-11-29T02:01:00.000Z', providerTransactionId: '4200001234202611291234567890', refundableFen: 12000, refundAllowed: true, ...over });

export const requestPayment = { appId: 'wx5a3c0e7b11d2f001', timeStamp: '1795978725', nonceStr: 'ABC', package: 'prepay_id=wx2026112910000012345678901234567890', signType: 'RSA' as const, paySign: 'c2lnbmVk' };

export const examItem: PayableItem = {
  payableType: 'demo-exam-fee', ref: 'EXAM-HRM-3', kind: 'exam_fee', title: '企业人力资源管理师（三级）考试费', detail: '职业技能等级认定', amountFen: 12000, refundable: true, paidOrderId: null,
};
