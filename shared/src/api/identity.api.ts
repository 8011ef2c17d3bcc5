import { z } from 'zod';
import { ID_TYPES } from '../domain/id-number';
import { SessionUser } from './auth.api';
import { endpoint } from './endpoint';

export const IdTypeSchema = z.enum(ID_TYPES);

/** A client-chosen key that makes a retried write safe: the same key never acts twice. */
export const OperationId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '操作编号格式有误');

/**
 * Starting a face check. `bind`: for the real-name binding, with the identity typed by the
 * resident. `confirm`: to prove it is still the bound resident (reveal, password reset).
 */
export const FaceCheckStart = z.discriminatedUnion('purpose', [
  z.object({
    purpose: z.literal('bind'),
    name: z.string().trim().min(1, '请填写姓名').max(60),
    idType: IdTypeSchema,
    idNumber: z.string().trim().min(1, '请填写证件号码').max(32),
  }),
  z.object({ purpose: z.literal('confirm') }),
]);
export type FaceCheckStart = z.infer<typeof FaceCheckStart>;

export const FaceProvider = z.enum(['wechat', 'alipay']);
export type FaceProvider = z.infer<typeof FaceProvider>;

export const FaceCheck = z.object({
  faceCheckId: z.string(),
  provider: FaceProvider.describe('Whose face SDK the device step uses: wx.requestFacialVerify or my.startAPVerify'),
  verifyId: z.string().optional().describe('WeChat: pass to wx.requestFacialVerify'),
  certifyId: z.string().optional().describe('Alipay: pass to my.startAPVerify with certifyUrl'),
  certifyUrl: z.string().optional(),
  expiresAt: z.string().datetime(),
});
export type FaceCheck = z.infer<typeof FaceCheck>;

export const BindRequest = z.object({ faceCheckId: z.string().min(8).max(64) });

export const BindResult = z.object({
  user: SessionUser,
  insuredInQingdao: z.boolean().describe('False: the page explains the refusal and offers the branch and 12345'),
  insuredArea: z.string().nullable(),
  hasEcard: z.boolean(),
});
export type BindResult = z.infer<typeof BindResult>;

export const identityApi = {
  startFaceCheck: endpoint({
    method: 'post', path: '/api/v1/identity/face-checks', tag: 'identity', auth: 'session',
    summary: 'Start a face check (getverifyid / alipay.user.certify.open.initialize) for binding or confirming',
    body: FaceCheckStart, response: FaceCheck,
    errors: ['ID_NUMBER_INVALID', 'NAME_INVALID', 'REAL_NAME_ALREADY_BOUND', 'REAL_NAME_REQUIRED', 'FACE_CHECK_UNAVAILABLE', 'RATE_LIMITED'],
  }),
  bind: endpoint({
    method: 'post', path: '/api/v1/identity/bind', tag: 'identity', auth: 'session',
    summary: 'Bind the account to the resident after a passed face check and the national person verification',
    body: BindRequest, response: BindResult,
    errors: ['FACE_CHECK_NOT_FOUND', 'FACE_CHECK_NOT_PASSED', 'FACE_CHECK_USED', 'IDENTITY_MISMATCH', 'REAL_NAME_ALREADY_BOUND'],
  }),
  sandboxCompleteFaceCheck: endpoint({
    method: 'post', path: '/api/v1/sandbox/face-checks/:id/complete', tag: 'sandbox', auth: 'session',
    summary: 'Stand in for the device face SDK: tell the twin the resident passed (or failed) the face check (sandbox only)',
    params: z.object({ id: z.string().min(8).max(64) }),
    body: z.object({ passed: z.boolean().default(true) }),
    response: z.object({ completed: z.literal(true) }),
    errors: ['SANDBOX_ONLY', 'FACE_CHECK_NOT_FOUND'],
  }),
};

