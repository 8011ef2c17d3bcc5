import { errorMessage, type PaymentParams, type PaymentProvider } from '@qdssc/shared';
import { ApiError } from '../services/http';
import { getSettings } from '../state/settings';

declare const my: {
  tradePay(opts: { tradeNO: string; success: (r: { resultCode: string }) => void; fail: (e: { error?: number; errorMessage?: string }) => void }): void;
};

/** Inside Alipay: `my.tradePay` with the trade number of `alipay.trade.create`. */
export const PAY_PROVIDER: PaymentProvider = 'alipay';

/** The BFF places Alipay trades (alipay.trade.create) and trusts only Alipay's signed notification or query. */
export const HOST_PAY_READY = true;

export interface PayInfo {
  orderId: string;
  amountFen: number;
  description: string;
}

/**
 * my.tradePay result codes: 9000 paid; 8000 / 6004 result unknown (the result page asks the
 * BFF, which asks Alipay); 6001 cancelled by the payer; anything else failed.
 */
export function requestHostPayment(payment: PaymentParams, _info: PayInfo): Promise<'paid' | 'cancelled'> {
  if (payment.provider !== 'alipay') return Promise.reject(coded('PAYMENT_NOT_AVAILABLE_ON_HOST'));
  return new Promise((resolve, reject) => {
    my.tradePay({
      tradeNO: payment.tradeNo,
      success: (r) => {
        if (r.resultCode === '9000' || r.resultCode === '8000' || r.resultCode === '6004') resolve('paid');
        else if (r.resultCode === '6001') resolve('cancelled');
        else reject(coded('PAYMENT_FAILED', `resultCode ${r.resultCode}`));
      },
      fail: (e) => reject(coded('PAYMENT_FAILED', e?.errorMessage ?? e?.error)),
    });
  });
}

function coded(code: 'PAYMENT_NOT_AVAILABLE_ON_HOST' | 'PAYMENT_FAILED', cause?: unknown): ApiError {
  return new ApiError(code, errorMessage(code, getSettings().lang), 0, undefined, cause === undefined ? undefined : { cause: String(cause) });
}
