import { z } from 'zod';
import { endpoint } from './endpoint';
import { MaskedHolder } from './ecard.api';
import { ClientOperationId, OrderView } from './payments.api';

const Fen = z.number().int().positive().describe('Integer amount in fen (1/100 yuan)');
const IsoTime = z.string().datetime();
const EcardPassword = z.string().regex(/^\d{6}$/, '请输入6位数字密码');
const TERMINAL_GUARD_ERRORS = ['TERMINAL_HEADERS_MISSING', 'TERMINAL_SIGNATURE_INVALID', 'TERMINAL_TIMESTAMP_STALE', 'TERMINAL_NONCE_REPLAYED', 'TERMINAL_DISABLED'] as const;

export const TERMINAL_CHARGE_STATUSES = ['USERPAYING', 'SUCCESS', 'CLOSED', 'REFUNDED', 'FAILED'] as const;
export type TerminalChargeStatus = (typeof TERMINAL_CHARGE_STATUSES)[number];

export const TerminalChargeItem = z.object({
  name: z.string().trim().min(1).max(40),
  quantity: z.number().int().positive().max(9999).default(1),
  amountFen: Fen,
});

export const TerminalChargeRequest = z.object({
  qrcode: z.string().min(1).max(256).describe('The resident\'s e-card QR payload as scanned (busiType 02)'),
  amountFen: Fen.max(100_000_000),
  outTradeNo: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, '商户订单号须为6–32位字母、数字、_或-').describe("The terminal's own order number: a repeat with the same one returns the first answer"),
  items: z.array(TerminalChargeItem).max(50).default([]),
});
export type TerminalChargeRequest = z.infer<typeof TerminalChargeRequest>;

export const TerminalChargeView = z.object({
  outTradeNo: z.string(),
  status: z.enum(TERMINAL_CHARGE_STATUSES).describe('USERPAYING: the resident confirms with the e-card password on the phone; poll until it changes'),
  amountFen: Fen,
  refundedFen: z.number().int().nonnegative(),
  transactionId: z.string().nullable().describe('Our order id once created'),
  holder: MaskedHolder.nullable(),
  passwordRequired: z.boolean(),
  confirmBy: IsoTime.nullable().describe('USERPAYING only: reversed automatically if not confirmed by then'),
  paidAt: IsoTime.nullable(),
  errorCode: z.string().nullable().describe('FAILED only: why (e.g. ECARD_PAY_DAILY_LIMIT, QR_CODE_USED)'),
});
export type TerminalChargeView = z.infer<typeof TerminalChargeView>;

export const TerminalChargeParams = z.object({ outTradeNo: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

export const PendingCharge = z.object({
  id: z.string(),
  merchantName: z.string(),
  amountFen: Fen,
  items: z.array(z.object({ name: z.string(), quantity: z.number().int(), amountFen: z.number().int() })),
  createdAt: IsoTime,
  confirmBy: IsoTime,
  status: z.enum(TERMINAL_CHARGE_STATUSES),
});
export type PendingCharge = z.infer<typeof PendingCharge>;

export const PendingChargeParams = z.object({ id: z.string().uuid() });

export const MerchantView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['pharmacy', 'hospital', 'canteen', 'other']),
});
export type MerchantView = z.infer<typeof MerchantView>;

export const ResolveMerchantCodeRequest = z.object({
  code: z.string().trim().min(4).max(256).describe('A scanned merchant code (M1.…) or the short code printed under it'),
  amountFen: Fen.optional().describe('What the resident typed, when the code has no fixed amount'),
});

export const ResolveMerchantCodeResponse = z.object({
  merchant: MerchantView,
  fixedAmountFen: z.number().int().positive().nullable(),
  /** Present once an amount is known: pay it with POST /api/v1/payments/orders {payableType: 'merchant', payableRef}. */
  payableRef: z.string().nullable(),
  amountFen: z.number().int().positive().nullable(),
});
export type ResolveMerchantCodeResponse = z.infer<typeof ResolveMerchantCodeResponse>;

export const EcardPayRequest = z.object({ password: EcardPassword, clientOperationId: ClientOperationId.optional() });

export const payTerminalApi = {
  resolveMerchantCode: endpoint({
    method: 'post', path: '/api/v1/payments/merchant-codes/resolve', tag: 'payments', auth: 'session',
    summary: 'Read a scanned merchant code: the registered merchant, its fixed amount, and (with an amount) the payable to order',
    body: ResolveMerchantCodeRequest, response: ResolveMerchantCodeResponse,
    errors: ['MERCHANT_CODE_INVALID', 'MERCHANT_AMOUNT_INVALID'],
  }),
  ecardPay: endpoint({
    method: 'post', path: '/api/v1/payments/orders/:orderId/ecard-pay', tag: 'payments', auth: 'session',
    summary: 'Pay an e-card order from the bank account of the level-2 e-card, confirmed with its password',
    params: z.object({ orderId: z.string().uuid() }), body: EcardPayRequest, response: OrderView,
    errors: ['PAYMENT_ORDER_NOT_FOUND', 'PAYMENT_ORDER_CLOSED', 'ECARD_PAY_NOT_ENABLED', 'ECARD_PASSWORD_WRONG', 'ECARD_PASSWORD_LOCKED', 'ECARD_PAY_DAILY_LIMIT', 'ECARD_PAY_BALANCE_INSUFFICIENT'],
  }),
  pendingCharges: endpoint({
    method: 'get', path: '/api/v1/payments/pending-charges', tag: 'payments', auth: 'session',
    summary: 'Terminal charges waiting for my password (a cashier scanned my e-card QR code for more than the password-free amount)',
    response: z.array(PendingCharge),
  }),
  confirmPendingCharge: endpoint({
    method: 'post', path: '/api/v1/payments/pending-charges/:id/confirm', tag: 'payments', auth: 'session',
    summary: 'Confirm a waiting terminal charge with the e-card password; the account is charged and the terminal sees SUCCESS',
    params: PendingChargeParams, body: z.object({ password: EcardPassword }), response: PendingCharge,
    errors: ['PENDING_CHARGE_NOT_FOUND', 'ECARD_PASSWORD_WRONG', 'ECARD_PASSWORD_LOCKED', 'ECARD_PAY_BALANCE_INSUFFICIENT'],
  }),
  declinePendingCharge: endpoint({
    method: 'post', path: '/api/v1/payments/pending-charges/:id/decline', tag: 'payments', auth: 'session',
    summary: 'Decline a waiting terminal charge (the terminal sees CLOSED)',
    params: PendingChargeParams, response: PendingCharge, errors: ['PENDING_CHARGE_NOT_FOUND'],
  }),
  terminalCharge: endpoint({
    method: 'post', path: '/terminal/v1/charges', tag: 'terminal', auth: 'terminal',
    summary: "Charge the e-card account of the resident whose QR code was scanned (busiType 02); idempotent on outTradeNo per terminal",
    description: 'Up to the password-free limit: SUCCESS at once. Above: USERPAYING until the resident confirms on the phone (poll GET); ' +
      'not confirmed in time → reversed (CLOSED). A repeat with the same outTradeNo and body returns the first answer.',
    body: TerminalChargeRequest, response: TerminalChargeView,
    errors: [...TERMINAL_GUARD_ERRORS, 'TERMINAL_CHARGE_CONFLICT'],
  }),
  terminalChargeStatus: endpoint({
    method: 'get', path: '/terminal/v1/charges/:outTradeNo', tag: 'terminal', auth: 'terminal',
    summary: 'The state of a charge of this terminal', params: TerminalChargeParams, response: TerminalChargeView,
    errors: [...TERMINAL_GUARD_ERRORS, 'TERMINAL_CHARGE_NOT_FOUND'],
  }),
  terminalChargeReverse: endpoint({
    method: 'post', path: '/terminal/v1/charges/:outTradeNo/reverse', tag: 'terminal', auth: 'terminal',
    summary: 'Reverse a charge (撤销): a waiting one is closed, a paid one fully refunded to the card account',
    params: TerminalChargeParams, response: TerminalChargeView,
    errors: [...TERMINAL_GUARD_ERRORS, 'TERMINAL_CHARGE_NOT_FOUND', 'TERMINAL_CHARGE_NOT_REVERSIBLE'],
  }),
};
