import { API, type FaceCheckStart } from '@qdssc/shared';
import { call } from './http';

/** Typed client of the BFF's identity module: face checks and the real-name binding. */
export const identityService = {
  startFaceCheck: (body: FaceCheckStart) => call(API.identity.startFaceCheck, { body }),
  bind: (faceCheckId: string) => call(API.identity.bind, { body: { faceCheckId } }),
  sandboxCompleteFaceCheck: (id: string, passed: boolean) => call(API.identity.sandboxCompleteFaceCheck, { params: { id }, body: { passed } }),
};
