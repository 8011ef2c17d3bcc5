export * from './endpoint';
export * from './health.api';
export * from './auth.api';
export * from './identity.api';
export * from './ecard.api';
export * from './family.api';

import { authApi } from './auth.api';
import { healthApi } from './health.api';
import { identityApi } from './identity.api';
import { ecardApi, terminalApi } from './ecard.api';
import { familyApi } from './family.api';

/** All contracts, grouped by feature: the BFF mounts these and generates /openapi.json from them. */
export const API = {
  health: healthApi,
  auth: authApi,
  identity: identityApi,
  ecard: ecardApi,
  family: familyApi,
  terminal: terminalApi,
};
