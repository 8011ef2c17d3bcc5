import { z } from 'zod';
import { CARD_HALF_DAYS, CARD_OPERATIONS, CARD_PRODUCTION_STAGES, CARD_TEMPORARY_REASONS, CARD_APPOINTMENT_STATUSES } from '../domain/card';
import { PHYSICAL_CARD_STATUSES } from '../domain/ecard';
import { endpoint } from './endpoint';

/**
 * The physical card's lifecycle online (activation, temporary loss, its release, cancellation),
 * its production progress and instant card-making appointments. The HRSS card system is the
 * system of record; the e-card follows the physical card in the same request.
 */

const IdParam = z.object({ id: z.string().min(1).max(64) });
const OperationId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).describe('Chosen by the client once per operation; a retry with the same id answers the first result');

/** A fresh confirmation of the acting resident: e-card password or a passed face check (purpose `confirm`). */
const Confirmation = {
  password: z.string().max(32).optional(),
  faceCheckId: z.string().min(8).max(64).optional(),
};

export const CardOperationBody = z.object({ operationId: OperationId, ...Confirmation });
export type CardOperationBody = z.infer<typeof CardOperationBody>;
export const CardActivationBody = CardOperationBody.extend({ cardNo: z.string().trim().min(6).max(20).describe('The social security card number printed on the card') });
export type CardActivationBody = z.infer<typeof CardActivationBody>;

export const CardStatusSchema = z.enum(PHYSICAL_CARD_STATUSES);
export const CardOperationSchema = z.enum(CARD_OPERATIONS);

export const CardTimelineEntry = z.object({
  at: z.string().datetime(),
  from: CardStatusSchema,
  to: CardStatusSchema,
  source: z.enum(['online', 'branch']),
  operation: CardOperationSchema.nullable(),
});
export type CardTimelineEntry = z.infer<typeof CardTimelineEntry>;

export const CardView = z.object({
  id: z.string(),
  relation: z.enum(['self', 'ward']),
  ecardId: z.string().nullable(),
  status: CardStatusSchema,
  statusVersion: z.number().int(),
  maskedCardNo: z.string(),
  bank: z.string(),
  issuedOn: z.string().nullable(),
  actions: z.array(CardOperationSchema).describe('What may be done online now (the card page shows only these)'),
  branchActions: z.array(CardOperationSchema).describe('What may be done from this state only at a branch counter'),
  usable: z.boolean().describe('Whether the e-card may be used (follows the physical card)'),
  unusableCode: z.string().nullable(),
  production: z.object({
    stages: z.array(z.object({ stage: z.enum(CARD_PRODUCTION_STAGES), at: z.string().nullable() })),
    current: z.enum(CARD_PRODUCTION_STAGES).nullable(),
    expectedReadyOn: z.string().nullable(),
  }),
  timeline: z.array(CardTimelineEntry).describe('Status changes, newest first'),
});
export type CardView = z.infer<typeof CardView>;

export const CardSlot = z.object({
  date: z.string(),
  halfDay: z.enum(CARD_HALF_DAYS),
  capacity: z.number().int(),
  booked: z.number().int(),
  available: z.number().int(),
});
export type CardSlot = z.infer<typeof CardSlot>;

export const CardAppointmentView = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  branchAddress: z.string(),
  date: z.string(),
  halfDay: z.enum(CARD_HALF_DAYS),
  reason: z.enum(CARD_TEMPORARY_REASONS),
  status: z.enum(CARD_APPOINTMENT_STATUSES),
  bring: z.array(z.string()).describe('i18n keys of what to bring'),
});
export type CardAppointmentView = z.infer<typeof CardAppointmentView>;

const SlotChoice = {
  branchId: z.string().min(1).max(64),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  halfDay: z.enum(CARD_HALF_DAYS),
};

const CONFIRM_ERRORS = ['CARD_CONFIRMATION_REQUIRED', 'ECARD_PASSWORD_WRONG', 'ECARD_PASSWORD_LOCKED', 'ECARD_PASSWORD_NOT_SET', 'FACE_CHECK_NOT_PASSED', 'FACE_CHECK_USED', 'FACE_CHECK_MISMATCH'];
const OP_ERRORS = ['CARD_OP_BRANCH_ONLY', 'CARD_OP_IN_PRODUCTION', 'CARD_OP_NOT_ACTIVATED', 'CARD_OP_ALREADY_ACTIVE', 'CARD_OP_ALREADY_REPORTED', 'CARD_OP_NOT_REPORTED', 'CARD_OP_FORMALLY_LOST', 'CARD_OP_CARD_CLOSED', 'CARD_STATUS_CHANGED', 'NOT_FOUND', ...CONFIRM_ERRORS];

export const cardApi = {
  list: endpoint({
    method: 'get', path: '/api/v1/cards', tag: 'card', auth: 'session',
    summary: 'My physical card and my wards’ cards, with the allowed actions, production progress and timeline',
    response: z.array(CardView),
  }),
  get: endpoint({
    method: 'get', path: '/api/v1/cards/:id', tag: 'card', auth: 'session',
    summary: 'One physical card (another’s answers 404)', params: IdParam, response: CardView, errors: ['NOT_FOUND'],
  }),
  activate: endpoint({
    method: 'post', path: '/api/v1/cards/:id/activation', tag: 'card', auth: 'session',
    summary: 'Activate a collected card (card number as printed; the PIN is set at the bank, not here)',
    params: IdParam, body: CardActivationBody, response: CardView, errors: [...OP_ERRORS, 'CARD_NUMBER_MISMATCH'],
  }),
  reportTemporaryLoss: endpoint({
    method: 'post', path: '/api/v1/cards/:id/temporary-loss', tag: 'card', auth: 'session',
    summary: 'Temporary loss report (临时挂失): the e-card and every QR code issued before stop at once',
    params: IdParam, body: CardOperationBody, response: CardView, errors: OP_ERRORS,
  }),
  releaseTemporaryLoss: endpoint({
    method: 'delete', path: '/api/v1/cards/:id/temporary-loss', tag: 'card', auth: 'session',
    summary: 'Lift the temporary loss report (解除挂失): the e-card works again',
    params: IdParam, body: CardOperationBody, response: CardView, errors: OP_ERRORS,
  }),
  cancel: endpoint({
    method: 'post', path: '/api/v1/cards/:id/cancellation', tag: 'card', auth: 'session',
    summary: 'Cancel the card (注销, final): the e-card is revoked at the national platform too',
    params: IdParam, body: CardOperationBody, response: CardView, errors: OP_ERRORS,
  }),
  slots: endpoint({
    method: 'get', path: '/api/v1/card-appointments/slots', tag: 'card', auth: 'session',
    summary: 'Half-day slots of an instant card-making branch for the next working days',
    query: z.object({ branchId: z.string().min(1).max(64) }),
    response: z.object({ branchId: z.string(), branchName: z.string(), slots: z.array(CardSlot) }),
    errors: ['CARD_APPOINTMENT_SLOT_INVALID'],
  }),
  appointments: endpoint({
    method: 'get', path: '/api/v1/card-appointments', tag: 'card', auth: 'session',
    summary: 'My instant card-making appointments, newest first', response: z.array(CardAppointmentView),
  }),
  book: endpoint({
    method: 'post', path: '/api/v1/card-appointments', tag: 'card', auth: 'session',
    summary: 'Book a half-day slot at an instant card-making branch (one active booking per resident)',
    body: z.object({ operationId: OperationId, reason: z.enum(CARD_TEMPORARY_REASONS), ...SlotChoice }),
    response: CardAppointmentView,
    errors: ['CARD_APPOINTMENT_SLOT_FULL', 'CARD_APPOINTMENT_ACTIVE_EXISTS', 'CARD_APPOINTMENT_SLOT_INVALID'],
  }),
  reschedule: endpoint({
    method: 'put', path: '/api/v1/card-appointments/:id', tag: 'card', auth: 'session',
    summary: 'Move my appointment to another slot (the old one is freed in the same step)',
    params: IdParam, body: z.object(SlotChoice), response: CardAppointmentView,
    errors: ['CARD_APPOINTMENT_SLOT_FULL', 'CARD_APPOINTMENT_SLOT_INVALID', 'CARD_APPOINTMENT_NOT_ACTIVE', 'NOT_FOUND'],
  }),
  cancelAppointment: endpoint({
    method: 'delete', path: '/api/v1/card-appointments/:id', tag: 'card', auth: 'session',
    summary: 'Cancel my appointment', params: IdParam, response: CardAppointmentView, errors: ['NOT_FOUND'],
  }),
};
