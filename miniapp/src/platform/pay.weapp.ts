import Taro from '@tarojs/taro';
import { errorMessage, type PaymentParams, type PaymentProvider } from '@qdssc/shared';
import { ApiError } from '../services/http';
import { getSettings } from '../state/settings';

/** Inside WeChat: WeChat Pay's own sheet, `wx.requestPayment` with the parameters the BFF signed. */
export const PAY_PROVIDER: PaymentProvider = 'wechatpay';

/** Whether this host can pay online today. */
export const HOST_PAY_READY = true;

export interface PayInfo {
  orderId: string;
  amountFen: number;
  description: string;
}

/**
 * Shows the host payment sheet. 'paid' only means the sheet said so: the result page still asks
 * the BFF, which trusts WeChat Pay's notification or query, never the phone.
 */
export async function requestHostPayment(payment: PaymentParams, _info: PayInfo): Promise<'paid' | 'cancelled'> {
  if (payment.provider !== 'wechatpay') throw coded('PAYMENT_PROVIDER_UNAVAILABLE');
  const p = payment.requestPayment;
  try {
    await Taro.requestPayment({ timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign });
    return 'paid';
  } catch (err) {
    if (/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))) return 'cancelled';
    throw coded('PAYMENT_FAILED', err);
  }
}

function coded(code: 'PAYMENT_PROVIDER_UNAVAILABLE' | 'PAYMENT_FAILED', cause?: unknown): ApiError {
  return new ApiError(code, errorMessage(code, getSettings().lang), 0, undefined, cause ? { cause: String((cause as { errMsg?: string })?.errMsg ?? cause) } : undefined);
}
