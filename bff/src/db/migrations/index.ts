import { Foundation1764400000000 } from './1764400000000-foundation';
import { IdentityEcard1764500000000 } from './1764500000000-identity-ecard';

/** Every migration, oldest first. A schema change is a new file here, never an edit of an old one. */
export const migrations = [Foundation1764400000000, IdentityEcard1764500000000];
