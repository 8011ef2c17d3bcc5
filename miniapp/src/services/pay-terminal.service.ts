import { API } from '@qdssc/shared';
import { call } from './http';

/** Typed client of merchant codes, e-card payments and pending terminal charges. */
export const payTerminalService = {
  resolveMerchantCode: (code: string, amountFen?: number) => call(API.payTerminal.resolveMerchantCode, { body: { code, amountFen } }),
  ecardPay: (orderId: string, password: string) => call(API.payTerminal.ecardPay, { params: { orderId }, body: { password } }),
  pendingCharges: () => call(API.payTerminal.pendingCharges),
  confirmCharge: (id: string, password: string) => call(API.payTerminal.confirmPendingCharge, { params: { id }, body: { password } }),
  declineCharge: (id: string) => call(API.payTerminal.declinePendingCharge, { params: { id } }),
};
