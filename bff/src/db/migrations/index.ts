import { Foundation1764400000000 } from './1764400000000-foundation';
import { Branches1764600000000 } from './1764600000000-branches';
import { HotlineHandoffs1764600000001 } from './1764600000001-hotline-handoffs';
import { Payments1764700000000 } from './1764700000000-payments';

/** Every migration, oldest first. A schema change is a new file here, never an edit of an old one. */
export const migrations = [
  Foundation1764400000000,
  Branches1764600000000,
  HotlineHandoffs1764600000001,
  Payments1764700000000,
];
