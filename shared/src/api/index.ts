export * from './endpoint';
export * from './health.api';
export * from './auth.api';
export * from './payments.api';

import { authApi } from './auth.api';
import { healthApi } from './health.api';
import { paymentsApi } from './payments.api';

/** All contracts, grouped by feature: the BFF mounts these and generates /openapi.json from them. */
export const API = {
  health: healthApi,
  auth: authApi,
  payments: paymentsApi,
};
