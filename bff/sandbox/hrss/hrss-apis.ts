import type { HrssApi } from './hrss-api-registry';
import { billsHrssApis } from './bills.hrss-api';
import { businessHrssApis } from './business.hrss-api';
import { cardHrssApis } from './card.hrss-api';
import { recordsHrssApis } from './records.hrss-api';

/** Every API of the HRSS twin, by area; features append their area's list (cards, bills …). */
export const hrssApis: HrssApi[] = [
  ...recordsHrssApis,
  ...businessHrssApis,
  ...billsHrssApis,
  ...cardHrssApis,
];
