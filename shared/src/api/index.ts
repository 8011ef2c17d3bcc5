export * from './endpoint';
export * from './health.api';
export * from './auth.api';
export * from './branches.api';
export * from './hotline.api';
export * from './payments.api';
export * from './records.api';
export * from './business.api';
export * from './identity.api';
export * from './ecard.api';
export * from './family.api';
export * from './notifications.api';
export * from './fees.api';
export * from './pay-terminal.api';
export * from './card.api';

import { authApi } from './auth.api';
import { healthApi } from './health.api';
import { branchesApi } from './branches.api';
import { hotlineApi } from './hotline.api';
import { paymentsApi } from './payments.api';
import { recordsApi } from './records.api';
import { businessApi } from './business.api';
import { identityApi } from './identity.api';
import { ecardApi, terminalApi } from './ecard.api';
import { familyApi } from './family.api';
import { notificationsApi } from './notifications.api';
import { feesApi, medicalApi } from './fees.api';
import { payTerminalApi } from './pay-terminal.api';
import { cardApi } from './card.api';

/** All contracts, grouped by feature: the BFF mounts these and generates /openapi.json from them. */
export const API = {
  health: healthApi,
  auth: authApi,
  branches: branchesApi,
  hotline: hotlineApi,
  payments: paymentsApi,
  records: recordsApi,
  business: businessApi,
  identity: identityApi,
  ecard: ecardApi,
  family: familyApi,
  terminal: terminalApi,
  notifications: notificationsApi,
  fees: feesApi,
  medical: medicalApi,
  payTerminal: payTerminalApi,
  card: cardApi,
};
