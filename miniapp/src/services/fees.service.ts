import { API, type FeeBillKind, type PaymentProvider } from '@qdssc/shared';
import { getSession } from '../state/session';
import { call } from './http';

/** Typed client of the BFF's fees and medical-settlement routes. */
export const feesService = {
  bills: (q: { kind?: FeeBillKind; for?: string } = {}) => call(API.fees.bills, { query: q }),
  createOrder: (body: { billNos: string[]; provider: PaymentProvider; clientOperationId: string; for?: string }) => call(API.fees.createOrder, { body }),
  receipts: () => call(API.fees.receipts),
  /** The receipt's address and the header that proves who asks (the PDF is the payer's only). */
  receiptRequest: (orderId: string) => {
    const session = getSession();
    return { url: `${API_BASE}/api/v1/fees/receipts/${orderId}.pdf`, header: session ? { Authorization: `Bearer ${session.token}` } : ({} as Record<string, string>) };
  },
};

export const medicalService = {
  pending: () => call(API.medical.pending),
  settlement: (id: string) => call(API.medical.settlement, { params: { id } }),
  confirm: (id: string, body: { provider: PaymentProvider; clientOperationId: string }) => call(API.medical.confirm, { params: { id }, body }),
  decline: (id: string) => call(API.medical.decline, { params: { id } }),
};
