import { z } from 'zod';
import { APPLICATION_STATUSES } from '../business/application-status';
import { ATTACHMENT_TYPES, BUSINESS_CATEGORIES } from '../business/form-spec';
import { endpoint } from './endpoint';

/**
 * Online business (网上办事). Forms are described in `shared/src/business/catalogue.ts`; the
 * submission carries the answers as a plain object the BFF validates against the item.
 */

export const ApplicationStatusSchema = z.enum(APPLICATION_STATUSES);
export const BusinessCategorySchema = z.enum(BUSINESS_CATEGORIES);

/** A client-made id for one submission attempt: retries with the same id give the first application. */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'clientId: 16–64 characters of [A-Za-z0-9_-]');

const ForWard = z.string().trim().min(1).max(64).optional();

export const FormValueSchema = z.union([z.string().max(4000), z.number(), z.boolean()]);

export const SubmitApplicationRequest = z.object({
  clientId: ClientId,
  itemId: z.string().min(1).max(64),
  form: z.record(z.string().max(64), FormValueSchema),
  attachmentIds: z.array(z.string().min(1).max(64)).max(30).default([]),
  for: ForWard,
});
export type SubmitApplicationRequest = z.input<typeof SubmitApplicationRequest>;

export const UploadedAttachment = z.object({
  id: z.string(),
  itemId: z.string(),
  slot: z.string(),
  type: z.enum(ATTACHMENT_TYPES),
  sizeBytes: z.number().int().min(1),
  sm3: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedAt: z.string().datetime(),
});
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;

export const TimelineEntry = z.object({
  status: ApplicationStatusSchema,
  at: z.string().datetime(),
  by: z.enum(['user', 'hrss']),
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ApplicationSummary = z.object({
  id: z.string(),
  applicationNo: z.string(),
  itemId: z.string(),
  category: BusinessCategorySchema,
  status: ApplicationStatusSchema,
  reason: z.string().nullable().describe('Why it was rejected, when it was'),
  submittedAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /** False while the HRSS system has not acknowledged it yet (it is retried). */
  forwarded: z.boolean(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ApplicationDetail = ApplicationSummary.extend({
  /** The answers, with ID numbers, phones and people's names masked. */
  form: z.record(z.string(), FormValueSchema),
  attachments: z.array(UploadedAttachment.omit({ itemId: true })),
  timeline: z.array(TimelineEntry),
  withdrawable: z.boolean(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ApplicationList = z.object({
  items: z.array(ApplicationSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const ApplicationListQuery = z.object({
  for: ForWard,
  status: ApplicationStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

const IdParam = z.object({ id: z.string().min(1).max(64) });

const Localized = z.object({ zh: z.string(), en: z.string() });
export const CatalogueEntry = z.object({
  category: BusinessCategorySchema,
  title: Localized,
  items: z.array(z.object({ id: z.string(), title: Localized, summary: Localized, timeLimitDays: z.number().int(), attachmentSlots: z.number().int() })),
});

export const businessApi = {
  catalogue: endpoint({
    method: 'get', path: '/api/v1/business/catalogue', tag: 'business', auth: 'public',
    summary: 'The five kinds of online business and their items (forms are in @qdssc/shared)',
    response: z.array(CatalogueEntry),
  }),
  uploadAttachment: endpoint({
    method: 'post', path: '/api/v1/business/attachments', tag: 'business', auth: 'session',
    summary: 'Upload one document for an item’s attachment slot (multipart/form-data: fields itemId, slot; file field `file`)',
    description: 'The type is decided by the file’s first bytes (PDF, JPEG, PNG), not by its name; the size limit is the slot’s.',
    response: UploadedAttachment,
    errors: ['BUSINESS_ITEM_UNKNOWN', 'ATTACHMENT_TYPE_REFUSED', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_INVALID'],
  }),
  deleteAttachment: endpoint({
    method: 'delete', path: '/api/v1/business/attachments/:id', tag: 'business', auth: 'session',
    summary: 'Remove an uploaded document not yet part of an application',
    params: IdParam, response: z.object({ deleted: z.literal(true) }),
    errors: ['ATTACHMENT_INVALID'],
  }),
  submit: endpoint({
    method: 'post', path: '/api/v1/business/applications', tag: 'business', auth: 'session',
    summary: 'Submit an application; idempotent on clientId (a repeat answers the first application)',
    body: SubmitApplicationRequest, response: ApplicationDetail,
    errors: ['REAL_NAME_REQUIRED', 'BUSINESS_ITEM_UNKNOWN', 'FORM_INVALID', 'ATTACHMENT_REQUIRED', 'ATTACHMENT_INVALID', 'IDEMPOTENCY_CONFLICT'],
  }),
  list: endpoint({
    method: 'get', path: '/api/v1/business/applications', tag: 'business', auth: 'session',
    summary: 'My applications (or a ward’s), newest first', query: ApplicationListQuery, response: ApplicationList,
    errors: ['REAL_NAME_REQUIRED', 'WARD_NOT_FOUND'],
  }),
  detail: endpoint({
    method: 'get', path: '/api/v1/business/applications/:id', tag: 'business', auth: 'session',
    summary: 'One application with its answers, documents and timeline',
    params: IdParam, query: z.object({ for: ForWard }), response: ApplicationDetail,
    errors: ['APPLICATION_NOT_FOUND'],
  }),
  withdraw: endpoint({
    method: 'post', path: '/api/v1/business/applications/:id/withdrawal', tag: 'business', auth: 'session',
    summary: 'Withdraw an application not yet decided',
    params: IdParam, query: z.object({ for: ForWard }), body: z.object({ reason: z.string().trim().max(200).optional() }), response: ApplicationDetail,
    errors: ['APPLICATION_NOT_FOUND', 'APPLICATION_NOT_WITHDRAWABLE'],
  }),
};
