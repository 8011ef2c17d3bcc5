import { API, type CardHalfDay, type CardTemporaryReason } from '@qdssc/shared';
import { call } from './http';

export interface CardConfirmation {
  operationId: string;
  password?: string;
  faceCheckId?: string;
}

/** Typed client of the BFF's physical card module (lifecycle, production, instant card-making appointments). */
export const cardService = {
  list: () => call(API.card.list),
  get: (id: string) => call(API.card.get, { params: { id } }),
  activate: (id: string, body: CardConfirmation & { cardNo: string }) => call(API.card.activate, { params: { id }, body }),
  reportTemporaryLoss: (id: string, body: CardConfirmation) => call(API.card.reportTemporaryLoss, { params: { id }, body }),
  releaseTemporaryLoss: (id: string, body: CardConfirmation) => call(API.card.releaseTemporaryLoss, { params: { id }, body }),
  cancel: (id: string, body: CardConfirmation) => call(API.card.cancel, { params: { id }, body }),
  slots: (branchId: string) => call(API.card.slots, { query: { branchId } }),
  appointments: () => call(API.card.appointments),
  book: (body: { operationId: string; branchId: string; date: string; halfDay: CardHalfDay; reason: CardTemporaryReason }) => call(API.card.book, { body }),
  reschedule: (id: string, body: { branchId: string; date: string; halfDay: CardHalfDay }) => call(API.card.reschedule, { params: { id }, body }),
  cancelAppointment: (id: string) => call(API.card.cancelAppointment, { params: { id } }),
};
