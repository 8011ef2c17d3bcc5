import Taro from '@tarojs/taro';
import { errorMessage, formatFen, type PaymentParams, type PaymentProvider } from '@qdssc/shared';
import { messagesFor } from '../i18n';
import { ApiError } from '../services/http';
import { paymentsService } from '../services/payments.service';
import { getSettings } from '../state/settings';

/**
 * In a browser there is no host payment sheet. The sandbox H5 build shows a stand-in sheet and
 * asks the BFF's sandbox endpoint to let the WeChat Pay twin complete the payment exactly as the
 * phone would (paySign checked, notification sent). A production H5 deployment has no sandbox:
 * the BFF refuses the order before this is reached.
 */
export const PAY_PROVIDER: PaymentProvider = 'wechatpay';

export const HOST_PAY_READY = true;

export interface PayInfo {
  orderId: string;
  amountFen: number;
  description: string;
}

export async function requestHostPayment(payment: PaymentParams, info: PayInfo): Promise<'paid' | 'cancelled'> {
  const lang = getSettings().lang;
  if (payment.provider !== 'wechatpay') throw new ApiError('PAYMENT_PROVIDER_UNAVAILABLE', errorMessage('PAYMENT_PROVIDER_UNAVAILABLE', lang), 0);
  const t = messagesFor(lang).payments;
  const choice = await Taro.showModal({
    title: t.sheetTitle,
    content: `${info.description}\n${formatFen(info.amountFen)}`,
    confirmText: t.sheetConfirm,
    cancelText: messagesFor(lang).common.cancel,
  });
  const action = choice.confirm ? 'pay' : 'cancel';
  const r = await paymentsService.sandboxComplete(info.orderId, payment.requestPayment, action);
  return r.result;
}
