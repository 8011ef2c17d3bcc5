import type { ErrorTable } from './error-spec';

/**
 * Payment errors. Each says what to do next: pay again with a new order, wait for a refund,
 * open the app in WeChat. Provider codes (WeChat Pay ORDERPAID, ORDER_CLOSED, NOT_ENOUGH …) map
 * onto these in the adapter.
 */
export const paymentsErrors = {
  PAYABLE_NOT_FOUND: { status: 404, zh: '没有找到需要缴纳的项目，请返回重新选择', en: 'Nothing to pay was found. Please go back and choose again.' },
  PAYABLE_ALREADY_PAID: { status: 409, zh: '该项目已缴费，无需重复缴纳。可在“我的订单”中查看', en: 'This has already been paid. See My orders.' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 409, zh: '当前环境不支持该支付方式，请在微信或支付宝中打开小程序支付', en: 'This way of paying is not available here. Please pay in the WeChat or Alipay app.' },
  PAYMENT_ORDER_NOT_FOUND: { status: 404, zh: '没有找到该订单', en: 'This order was not found.' },
  PAYMENT_ORDER_CLOSED: { status: 409, zh: '订单已关闭或已超时，请重新下单', en: 'This order is closed or has expired. Please start a new payment.' },
  PAYMENT_ORDER_ALREADY_PAID: { status: 409, zh: '订单已支付成功，请勿重复支付', en: 'This order is already paid. Please do not pay again.' },
  PAYMENT_ORDER_NOT_CANCELLABLE: { status: 409, zh: '订单已支付或已结束，不能取消。如需退款请在订单详情中申请', en: 'This order is paid or finished and cannot be cancelled. Ask for a refund on the order page instead.' },
  PAYMENT_IN_PROGRESS: { status: 409, zh: '支付结果确认中，请稍后刷新查看，请勿重复支付', en: 'We are confirming the payment. Please refresh shortly and do not pay again.' },
  REFUND_NOT_ALLOWED: { status: 409, zh: '该订单不支持线上退款，请拨打12345或到经办机构办理', en: 'This order cannot be refunded online. Please call 12345 or visit a service office.' },
  REFUND_AMOUNT_EXCEEDED: { status: 409, zh: '退款金额超过可退金额，请刷新后重试', en: 'The refund is more than what can still be refunded. Please refresh and try again.' },
  ORDER_NOT_REFUNDABLE: { status: 409, zh: '订单尚未支付成功或已全额退款，不能退款', en: 'This order is not paid or is already fully refunded.' },
  PAYMENT_CANCELLED: { status: 400, zh: '您已取消支付，订单未支付', en: 'You cancelled the payment. Nothing was charged.' },
  PAYMENT_NOT_AVAILABLE_ON_HOST: { status: 409, zh: '当前应用内暂不支持在线支付，请在微信小程序中支付，或拨打12345咨询', en: 'Paying online is not available in this app yet. Please pay in the WeChat mini-program or call 12345.' },
  PAYMENT_FAILED: { status: 502, zh: '支付未完成，您的账户未被扣款，请稍后重试', en: 'The payment did not go through and nothing was charged. Please try again later.' },
} satisfies ErrorTable;
