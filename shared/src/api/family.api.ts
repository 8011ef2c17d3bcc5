import { z } from 'zod';
import { PROOF_KINDS, RELATIONSHIPS } from '../domain/ecard';
import { EcardView, MaskedHolder } from './ecard.api';
import { endpoint } from './endpoint';
import { IdTypeSchema, OperationId } from './identity.api';

export const UploadResult = z.object({
  uploadId: z.string(),
  mime: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  sizeBytes: z.number().int(),
  sha256: z.string(),
});
export type UploadResult = z.infer<typeof UploadResult>;

export const FamilyMember = z.object({
  id: z.string().describe('The guardianship'),
  relationship: z.enum(RELATIONSHIPS),
  ward: MaskedHolder.extend({ age: z.number().int(), turns16On: z.string() }),
  ecard: EcardView.nullable(),
  since: z.string().datetime(),
});
export type FamilyMember = z.infer<typeof FamilyMember>;

export const FamilyList = z.object({
  members: z.array(FamilyMember),
  agedOut: z.array(z.object({ maskedName: z.string(), turned16On: z.string() })).describe('Wards who turned 16 and now apply themselves'),
  limit: z.number().int(),
});
export type FamilyList = z.infer<typeof FamilyList>;

export const AddFamilyMember = z.object({
  operationId: OperationId,
  name: z.string().trim().min(1, '请填写孩子姓名').max(60),
  idType: IdTypeSchema,
  idNumber: z.string().trim().min(1, '请填写孩子的证件号码').max(32),
  relationship: z.enum(RELATIONSHIPS),
  proofKind: z.enum(PROOF_KINDS),
  proofUploadId: z.string().min(8).max(64),
});
export type AddFamilyMember = z.infer<typeof AddFamilyMember>;

export const familyApi = {
  upload: endpoint({
    method: 'post', path: '/api/v1/uploads', tag: 'family', auth: 'session',
    summary: 'Upload a proof (multipart field `file`: JPEG, PNG or PDF, checked by content); only its owner can use it',
    description: 'multipart/form-data with one part named `file`.',
    response: UploadResult,
    errors: ['UPLOAD_MISSING', 'UPLOAD_TYPE_NOT_ALLOWED', 'UPLOAD_TOO_LARGE'],
  }),
  list: endpoint({
    method: 'get', path: '/api/v1/family/members', tag: 'family', auth: 'session',
    summary: 'My family members (wards under 16) with their e-cards', response: FamilyList,
  }),
  add: endpoint({
    method: 'post', path: '/api/v1/family/members', tag: 'family', auth: 'session',
    summary: 'Apply for a child’s e-card as guardian, with the relationship proof; idempotent by operationId',
    body: AddFamilyMember, response: FamilyMember,
    errors: ['GUARDIAN_ECARD_REQUIRED', 'ID_NUMBER_INVALID', 'NAME_INVALID', 'WARD_NOT_UNDER_16', 'WARD_IS_SELF', 'FAMILY_LIMIT_REACHED',
      'GUARDIAN_RELATION_UNVERIFIED', 'IDENTITY_MISMATCH', 'NOT_INSURED_IN_QINGDAO', 'NOT_FOUND'],
  }),
  remove: endpoint({
    method: 'delete', path: '/api/v1/family/members/:id', tag: 'family', auth: 'session',
    summary: 'Remove a family member from my list (the child’s e-card stays)', params: z.object({ id: z.string().min(1).max(64) }),
    response: z.object({ removed: z.literal(true) }), errors: ['NOT_FOUND'],
  }),
};
