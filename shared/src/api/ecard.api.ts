import { z } from 'zod';
import { BUSI_TYPES, ECARD_STATUSES, PHYSICAL_CARD_STATUSES, APPLICATION_KINDS, ECARD_APPLICATION_STATUSES } from '../domain/ecard';
import { LoginChannel } from './auth.api';
import { endpoint } from './endpoint';
import { IdTypeSchema, OperationId } from './identity.api';

export const MaskedHolder = z.object({
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  idType: IdTypeSchema,
});
export type MaskedHolder = z.infer<typeof MaskedHolder>;

export const PhysicalCardView = z.object({
  status: z.enum(PHYSICAL_CARD_STATUSES),
  maskedCardNo: z.string(),
  bank: z.string(),
});

export const EcardView = z.object({
  id: z.string(),
  relation: z.enum(['self', 'ward']).describe('self: the holder; ward: shown by a guardian (亲情服务)'),
  holder: MaskedHolder,
  status: z.enum(ECARD_STATUSES),
  signLevel: z.union([z.literal(1), z.literal(2)]),
  signNoMasked: z.string(),
  signDate: z.string().describe('YYYY-MM-DD'),
  validUntil: z.string().describe('YYYY-MM-DD'),
  channels: z.array(LoginChannel),
  physicalCard: PhysicalCardView.nullable(),
  usable: z.boolean(),
  unusableCode: z.string().nullable().describe('Why the card cannot be shown (an error code), when not usable'),
  passwordSet: z.boolean(),
  bankAccountMasked: z.string().nullable(),
});
export type EcardView = z.infer<typeof EcardView>;

/** Exactly one of the holder's e-card password or a passed face check ("confirm"). */
export const Credential = z
  .object({ password: z.string().max(32).optional(), faceCheckId: z.string().min(8).max(64).optional() })
  .refine((c) => (c.password === undefined) !== (c.faceCheckId === undefined), { message: '请输入密码或完成人脸核验' });
export type Credential = z.infer<typeof Credential>;

const IdParam = z.object({ id: z.string().min(1).max(64) });

export const QrCode = z.object({
  qrcode: z.string().describe('Signed payload to render as a QR code: random id, expiry, HMAC-SM3; no account data'),
  expiresAt: z.string().datetime(),
  ttlSeconds: z.number().int(),
  refreshInSeconds: z.number().int().describe('When the page should fetch the next code'),
});
export type QrCode = z.infer<typeof QrCode>;

export const ApplicationView = z.object({
  id: z.string(),
  kind: z.enum(APPLICATION_KINDS),
  status: z.enum(ECARD_APPLICATION_STATUSES),
  subject: z.object({ maskedName: z.string() }),
  refusalCode: z.string().nullable(),
  channel: LoginChannel,
  createdAt: z.string().datetime(),
  completedAt: z.string().datetime().nullable(),
  ecardId: z.string().nullable(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const ecardApi = {
  list: endpoint({
    method: 'get', path: '/api/v1/ecards', tag: 'ecard', auth: 'session',
    summary: 'My e-card and those of my wards', response: z.array(EcardView),
  }),
  apply: endpoint({
    method: 'post', path: '/api/v1/ecards', tag: 'ecard', auth: 'session',
    summary: 'Apply for my own e-card (level 1 at once); idempotent by operationId',
    body: z.object({ operationId: OperationId }), response: EcardView,
    errors: ['REAL_NAME_REQUIRED', 'APPLICANT_UNDER_16', 'NOT_INSURED_IN_QINGDAO', 'IDENTITY_MISMATCH', 'CARD_NOT_FOUND', 'IDEMPOTENCY_CONFLICT'],
  }),
  get: endpoint({
    method: 'get', path: '/api/v1/ecards/:id', tag: 'ecard', auth: 'session',
    summary: 'One e-card (mine or a ward’s); another’s answers 404', params: IdParam, response: EcardView, errors: ['NOT_FOUND'],
  }),
  raiseToLevel2: endpoint({
    method: 'post', path: '/api/v1/ecards/:id/level-2', tag: 'ecard', auth: 'session',
    summary: 'Link the card’s bank account and set the 6-digit e-card password: sign level 2 (payments)',
    params: IdParam,
    body: z.object({ bankAccount: z.string().trim().regex(/^\d{12,19}$/, '请输入12至19位银行卡号'), password: z.string().max(32) }),
    response: EcardView,
    errors: ['ECARD_PASSWORD_WEAK', 'BANK_ACCOUNT_MISMATCH', 'ECARD_LEVEL2_SELF_ONLY', 'NOT_FOUND'],
  }),
  changePassword: endpoint({
    method: 'put', path: '/api/v1/ecards/:id/password', tag: 'ecard', auth: 'session',
    summary: 'Change the e-card password with the old one or a face check',
    params: IdParam,
    body: z.object({ oldPassword: z.string().max(32).optional(), faceCheckId: z.string().min(8).max(64).optional(), newPassword: z.string().max(32) })
      .refine((c) => (c.oldPassword === undefined) !== (c.faceCheckId === undefined), { message: '请输入原密码或完成人脸核验' }),
    response: z.object({ changed: z.literal(true) }),
    errors: ['ECARD_PASSWORD_WRONG', 'ECARD_PASSWORD_LOCKED', 'ECARD_PASSWORD_WEAK', 'FACE_CHECK_NOT_PASSED'],
  }),
  reveal: endpoint({
    method: 'post', path: '/api/v1/ecards/:id/reveal', tag: 'ecard', auth: 'session',
    summary: 'Show the full name and ID number after the e-card password or a face check (audited)',
    params: IdParam, body: Credential,
    response: z.object({ name: z.string(), idNumber: z.string(), idType: IdTypeSchema }),
    errors: ['ECARD_PASSWORD_WRONG', 'ECARD_PASSWORD_LOCKED', 'ECARD_PASSWORD_NOT_SET', 'FACE_CHECK_NOT_PASSED'],
  }),
  issueQrCode: endpoint({
    method: 'post', path: '/api/v1/ecards/:id/qrcodes', tag: 'ecard', auth: 'session',
    summary: 'A fresh single-use QR payload for this e-card (default 60 s)',
    params: IdParam, response: QrCode,
    errors: ['ECARD_REVOKED', 'CARD_TEMPORARILY_LOST', 'CARD_LOST', 'CARD_CANCELLED', 'CARD_NOT_ACTIVATED', 'CARD_REPLACED', 'CARD_NOT_FOUND', 'RATE_LIMITED', 'NOT_FOUND'],
  }),
  revoke: endpoint({
    method: 'post', path: '/api/v1/ecards/:id/revoke', tag: 'ecard', auth: 'session',
    summary: 'Stop using the e-card in this app (the national platform revokes this channel)',
    params: IdParam, body: Credential, response: EcardView,
    errors: ['ECARD_PASSWORD_WRONG', 'ECARD_PASSWORD_LOCKED', 'ECARD_PASSWORD_NOT_SET', 'FACE_CHECK_NOT_PASSED', 'ECARD_LEVEL2_SELF_ONLY'],
  }),
  applications: endpoint({
    method: 'get', path: '/api/v1/ecard-applications', tag: 'ecard', auth: 'session',
    summary: 'Applications I made, for myself and for my wards, newest first', response: z.array(ApplicationView),
  }),
};

export const TerminalVerifyRequest = z.object({
  qrcode: z.string().min(1).max(512),
  busiType: z.enum(BUSI_TYPES).describe('01 identity/query, 02 payment, 03 other, 04 out-of-area care'),
});

export const TerminalVerifyResult = z.object({
  verificationId: z.string(),
  holder: MaskedHolder,
  cardStatus: z.enum(PHYSICAL_CARD_STATUSES),
  signLevel: z.union([z.literal(1), z.literal(2)]),
  busiType: z.enum(BUSI_TYPES),
  verifiedAt: z.string().datetime(),
});
export type TerminalVerifyResult = z.infer<typeof TerminalVerifyResult>;

export const terminalApi = {
  verifyQrCode: endpoint({
    method: 'post', path: '/terminal/v1/qrcodes/verify', tag: 'terminal', auth: 'terminal',
    summary: 'Verify an e-card QR code once (signed terminal request, see "Terminal request signing")',
    body: TerminalVerifyRequest, response: TerminalVerifyResult,
    errors: ['TERMINAL_HEADERS_MISSING', 'TERMINAL_SIGNATURE_INVALID', 'TERMINAL_TIMESTAMP_STALE', 'TERMINAL_NONCE_REPLAYED', 'TERMINAL_DISABLED',
      'QR_CODE_INVALID', 'QR_CODE_EXPIRED', 'QR_CODE_USED', 'ECARD_LEVEL_TOO_LOW', 'ECARD_REVOKED', 'CARD_TEMPORARILY_LOST', 'CARD_LOST', 'CARD_CANCELLED', 'CARD_NOT_ACTIVATED', 'CARD_REPLACED'],
  }),
};
