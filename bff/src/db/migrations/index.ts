import { Foundation1764400000000 } from './1764400000000-foundation';
import { IdentityEcard1764500000000 } from './1764500000000-identity-ecard';
import { Branches1764600000000 } from './1764600000000-branches';
import { HotlineHandoffs1764600000001 } from './1764600000001-hotline-handoffs';
import { Payments1764700000000 } from './1764700000000-payments';
import { HrssEvents1764800000000 } from './1764800000000-hrss-events';
import { ContributionProofs1764800000001 } from './1764800000001-contribution-proofs';
import { BusinessApplications1764800000002 } from './1764800000002-business-applications';
import { Notifications1765100000000 } from './1765100000000-notifications';
import { FeesMedical1765000000000 } from './1765000000000-fees-medical';
import { PayTerminal1764900000000 } from './1764900000000-pay-terminal';
import { CardLifecycle1765200000000 } from './1765200000000-card-lifecycle';

/** Every migration, oldest first. A schema change is a new file here, never an edit of an old one. */
export const migrations = [
  Foundation1764400000000,
  IdentityEcard1764500000000,
  Branches1764600000000,
  HotlineHandoffs1764600000001,
  Payments1764700000000,
  HrssEvents1764800000000,
  ContributionProofs1764800000001,
  BusinessApplications1764800000002,
  Notifications1765100000000,
  FeesMedical1765000000000,
  PayTerminal1764900000000,
  CardLifecycle1765200000000,
];


