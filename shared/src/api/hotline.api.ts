import { z } from 'zod';
import { HANDOFF_CATEGORIES, OPERATION_PATTERN } from '../domain/hotline';
import { endpoint } from './endpoint';

export const HandoffCategorySchema = z.enum(HANDOFF_CATEGORIES);

export const HandoffContext = z.object({
  operation: z.string().max(64).regex(OPERATION_PATTERN, 'operation must look like area.action').describe('What failed, e.g. ecard.apply'),
  errorCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/).optional().describe('The stable error code the resident saw'),
  requestId: z.string().regex(/^[A-Za-z0-9._-]{8,64}$/).optional().describe('X-Request-Id of the failing request'),
  page: z.string().max(128).regex(/^[A-Za-z0-9/_-]*$/).optional().describe('The page the resident was on'),
  note: z.string().trim().max(200).optional().describe('Free text; ID and phone numbers in it are masked before it leaves the BFF'),
});
export type HandoffContext = z.infer<typeof HandoffContext>;

export const HandoffRequest = z.object({
  clientOpId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).describe('Idempotency key: a retry with the same key returns the same ticket'),
  category: HandoffCategorySchema,
  context: HandoffContext,
});
export type HandoffRequest = z.infer<typeof HandoffRequest>;

export const HandoffResponse = z.object({
  handoffId: z.string(),
  ticketNo: z.string().describe('The number the resident quotes when calling 12345'),
  hotline: z.literal('12345'),
  status: z.literal('submitted'),
  createdAt: z.string().datetime(),
  identityShared: z.boolean().describe('True when a masked name and ID number went with the ticket (real-name bound accounts)'),
});
export type HandoffResponse = z.infer<typeof HandoffResponse>;

export const hotlineApi = {
  createHandoff: endpoint({
    method: 'post', path: '/api/v1/hotline/handoffs', tag: 'hotline', auth: 'session',
    summary: 'Hand a failed operation to the 12345 hotline: creates a ticket carrying the masked identity, the operation and its error code',
    body: HandoffRequest, response: HandoffResponse,
    errors: ['HOTLINE_UNAVAILABLE', 'HOTLINE_HANDOFF_LIMITED', 'HOTLINE_HANDOFF_IN_PROGRESS'],
  }),
};
