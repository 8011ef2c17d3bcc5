import { API, type Credential } from '@qdssc/shared';
import { call } from './http';

/** A key that makes a retried write safe: create one per attempt the resident starts, reuse it on retry. */
export function newOperationId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Typed client of the BFF's e-card module. */
export const ecardService = {
  list: () => call(API.ecard.list),
  get: (id: string) => call(API.ecard.get, { params: { id } }),
  apply: (operationId: string) => call(API.ecard.apply, { body: { operationId } }),
  raiseToLevel2: (id: string, bankAccount: string, password: string) => call(API.ecard.raiseToLevel2, { params: { id }, body: { bankAccount, password } }),
  changePassword: (id: string, body: { oldPassword?: string; faceCheckId?: string; newPassword: string }) => call(API.ecard.changePassword, { params: { id }, body }),
  reveal: (id: string, credential: Credential) => call(API.ecard.reveal, { params: { id }, body: credential }),
  issueQrCode: (id: string) => call(API.ecard.issueQrCode, { params: { id } }),
  revoke: (id: string, credential: Credential) => call(API.ecard.revoke, { params: { id }, body: credential }),
  applications: () => call(API.ecard.applications),
};
