import { z } from 'zod';
import { FEE_BILL_KINDS } from '../domain/fees';
import { MEDICAL_ITEM_CATEGORIES, MEDICAL_SETTLEMENT_STATUSES } from '../domain/medical-settlement';
import { endpoint } from './endpoint';
import { CheckoutResponse, ClientOperationId, OrderKindSchema, PaymentProviderSchema } from './payments.api';

const Fen = z.number().int().nonnegative().describe('Integer amount in fen (1/100 yuan)');
const IsoTime = z.string().datetime();
const WardId = z.string().min(1).max(64).optional().describe('Pay for a ward (child) instead of oneself');

export const FeeBillKindSchema = z.enum(FEE_BILL_KINDS);

/** One bill as the HRSS system holds it (amount decided there). */
export const FeeBill = z.object({
  billNo: z.string(),
  kind: FeeBillKindSchema,
  title: z.string(),
  detail: z.string().nullable(),
  /** `YYYY` (annual contribution, fees) or `YYYY-MM` (flexible-employment month). */
  period: z.string(),
  amountFen: Fen,
  parts: z.array(z.object({ item: z.string(), label: z.string(), amountFen: Fen })).describe('What the amount is made of (pension + medical for a flexible month)'),
  dueDate: z.string().nullable(),
  status: z.enum(['unpaid', 'paid']),
  /** Our order that paid it, when it was paid through this app by the caller. */
  paidOrderId: z.string().nullable(),
});
export type FeeBill = z.infer<typeof FeeBill>;

export const FeeBillsQuery = z.object({ kind: FeeBillKindSchema.optional(), for: WardId });
export const FeeBillsResponse = z.object({ items: z.array(FeeBill), holderMaskedId: z.string() });

export const CreateFeeOrderRequest = z.object({
  billNos: z.array(z.string().regex(/^[A-Z0-9]{6,32}$/, '账单号格式不正确')).min(1).max(12),
  provider: PaymentProviderSchema,
  clientOperationId: ClientOperationId,
  for: WardId,
});

export const FeeReceipt = z.object({
  orderId: z.string(),
  outTradeNo: z.string(),
  kind: OrderKindSchema,
  description: z.string(),
  amountFen: Fen,
  paidAt: IsoTime.nullable(),
  status: z.string().describe('Order status: SUCCESS or REFUNDED'),
  bills: z.array(z.object({ billNo: z.string(), title: z.string(), period: z.string(), amountFen: Fen })),
  hrssMarked: z.boolean().describe('Whether the HRSS system has booked the payment'),
});
export const FeeReceiptsResponse = z.object({ items: z.array(FeeReceipt) });

export const feesApi = {
  bills: endpoint({
    method: 'get', path: '/api/v1/fees/bills', tag: 'fees', auth: 'session',
    summary: 'Bills the resident (or a ward) can pay, from the HRSS system: resident medical insurance, flexible-employment months, exam, training and work-injury fees',
    query: FeeBillsQuery, response: FeeBillsResponse,
    errors: ['REAL_NAME_REQUIRED', 'WARD_NOT_FOUND', 'HRSS_PERSON_UNKNOWN', 'UPSTREAM_UNAVAILABLE'],
  }),
  createOrder: endpoint({
    method: 'post', path: '/api/v1/fees/orders', tag: 'fees', auth: 'session',
    summary: 'Pay one or more bills in one payment order; returns the payment sheet parameters',
    description: 'Idempotent on clientOperationId. Amounts come from the HRSS system, never from the client. A bill is in at most one open or paid order (guarded in the database).',
    body: CreateFeeOrderRequest, response: CheckoutResponse,
    errors: ['FEE_BILL_NOT_FOUND', 'FEE_BILLS_PICK_INVALID', 'PAYABLE_ALREADY_PAID', 'PAYMENT_IN_PROGRESS', 'PAYMENT_PROVIDER_UNAVAILABLE', 'IDEMPOTENCY_CONFLICT', 'UPSTREAM_UNAVAILABLE'],
  }),
  receipts: endpoint({
    method: 'get', path: '/api/v1/fees/receipts', tag: 'fees', auth: 'session',
    summary: 'My paid fees and contributions, newest first', response: FeeReceiptsResponse,
  }),
  receiptFile: endpoint({
    method: 'get', path: '/api/v1/fees/receipts/:file', tag: 'fees', auth: 'session',
    summary: 'The signed PDF receipt of one of my paid orders: `/api/v1/fees/receipts/{orderId}.pdf` (application/pdf)',
    params: z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.pdf$/, '凭证编号格式不正确') }), response: z.unknown(),
    errors: ['FEE_RECEIPT_NOT_FOUND'],
  }),
};

// ── medical settlement ───────────────────────────────────────────────────────

export const MedicalItemSchema = z.object({
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(64),
  category: z.enum(MEDICAL_ITEM_CATEGORIES),
  quantity: z.number().positive().max(10_000).default(1),
  amountFen: z.number().int().positive().max(100_000_000).describe('Line total in fen'),
});

export const MedicalBillRequest = z.object({
  qrcode: z.string().min(1).max(256),
  busiType: z.enum(['01', '04']).default('04').describe('04 就医购药 (or 01 identity) of the shown e-card code'),
  outBillNo: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, '单据号为6–32位字母数字'),
  items: z.array(MedicalItemSchema).min(1).max(100),
});

export const MedicalSplitView = z.object({
  totalFen: Fen,
  fundFen: Fen.describe('统筹基金支付'),
  accountFen: Fen.describe('个人账户支付'),
  selfPayFen: Fen.describe('个人自付（需在手机上支付）'),
});

export const MedicalTerminalBillView = MedicalSplitView.extend({
  outBillNo: z.string(),
  settlementId: z.string(),
  status: z.enum(['WAITING', 'SETTLED', 'REVERSED', 'REFUNDING', 'REFUNDED']),
  reason: z.string().nullable().describe('Why it was reversed: DECLINED, TIMEOUT, PAYMENT_CLOSED'),
  holderMasked: z.string(),
  expiresAt: IsoTime,
  settledAt: IsoTime.nullable(),
});

export const MedicalSettlementView = MedicalSplitView.extend({
  id: z.string(),
  status: z.enum(MEDICAL_SETTLEMENT_STATUSES),
  institution: z.string(),
  outBillNo: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string(), category: z.enum(MEDICAL_ITEM_CATEGORIES), amountFen: Fen })),
  expiresAt: IsoTime,
  orderId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: IsoTime,
});
export type MedicalSettlementView = z.infer<typeof MedicalSettlementView>;

const SettlementIdParams = z.object({ id: z.string().uuid('结算单编号格式不正确') });
const OutBillNoParams = z.object({ outBillNo: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
const TERMINAL_ERRORS = ['TERMINAL_HEADERS_MISSING', 'TERMINAL_SIGNATURE_INVALID', 'TERMINAL_TIMESTAMP_STALE', 'TERMINAL_NONCE_REPLAYED', 'TERMINAL_DISABLED'] as const;

export const medicalApi = {
  uploadBill: endpoint({
    method: 'post', path: '/terminal/v1/medical-bills', tag: 'terminal', auth: 'terminal',
    summary: 'Upload a medical bill for the resident whose e-card code was scanned: pre-settles it and waits for the resident',
    description: 'Idempotent on outBillNo per terminal: a repeat with the same items answers the first result; different items answer MEDICAL_BILL_CONFLICT.',
    body: MedicalBillRequest, response: MedicalTerminalBillView,
    errors: [...TERMINAL_ERRORS, 'QR_CODE_INVALID', 'QR_CODE_EXPIRED', 'QR_CODE_USED', 'MEDICAL_BILL_INVALID', 'MEDICAL_BILL_CONFLICT', 'MEDICAL_BILL_IN_PROGRESS', 'MEDICAL_PERSON_NOT_INSURED', 'UPSTREAM_UNAVAILABLE'],
  }),
  billStatus: endpoint({
    method: 'get', path: '/terminal/v1/medical-bills/:outBillNo', tag: 'terminal', auth: 'terminal',
    summary: 'Where a medical bill is: WAITING for the resident, SETTLED, REVERSED, REFUNDING, REFUNDED',
    params: OutBillNoParams, response: MedicalTerminalBillView, errors: [...TERMINAL_ERRORS, 'MEDICAL_SETTLEMENT_NOT_FOUND'],
  }),
  refundBill: endpoint({
    method: 'post', path: '/terminal/v1/medical-bills/:outBillNo/refund', tag: 'terminal', auth: 'terminal',
    summary: 'Refund a settled medical bill along each part: fund and personal account at the platform, self-pay through the payment provider',
    params: OutBillNoParams, body: z.object({ reason: z.string().trim().min(1).max(80).default('退费') }), response: MedicalTerminalBillView,
    errors: [...TERMINAL_ERRORS, 'MEDICAL_SETTLEMENT_NOT_FOUND', 'MEDICAL_SETTLEMENT_NOT_REFUNDABLE'],
  }),
  pending: endpoint({
    method: 'get', path: '/api/v1/medical/settlements/pending', tag: 'medical', auth: 'session',
    summary: 'Medical bills waiting for my confirmation', response: z.object({ items: z.array(MedicalSettlementView) }),
  }),
  settlement: endpoint({
    method: 'get', path: '/api/v1/medical/settlements/:id', tag: 'medical', auth: 'session',
    summary: 'One of my medical settlements with its split', params: SettlementIdParams, response: MedicalSettlementView,
    errors: ['MEDICAL_SETTLEMENT_NOT_FOUND'],
  }),
  confirm: endpoint({
    method: 'post', path: '/api/v1/medical/settlements/:id/confirm', tag: 'medical', auth: 'session',
    summary: 'Authorise the settlement; the self-pay part becomes a payment order (sheet parameters returned, null payment when nothing is self-paid)',
    params: SettlementIdParams, body: z.object({ provider: PaymentProviderSchema, clientOperationId: ClientOperationId }),
    response: z.object({ settlement: MedicalSettlementView, checkout: CheckoutResponse.nullable() }),
    errors: ['MEDICAL_SETTLEMENT_NOT_FOUND', 'MEDICAL_SETTLEMENT_NOT_PENDING', 'PAYMENT_PROVIDER_UNAVAILABLE'],
  }),
  decline: endpoint({
    method: 'post', path: '/api/v1/medical/settlements/:id/decline', tag: 'medical', auth: 'session',
    summary: 'Decline the settlement: it is reversed at the platform and the terminal sees REVERSED',
    params: SettlementIdParams, response: MedicalSettlementView,
    errors: ['MEDICAL_SETTLEMENT_NOT_FOUND', 'MEDICAL_SETTLEMENT_NOT_PENDING'],
  }),
};
