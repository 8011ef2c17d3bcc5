import { Foundation1764400000000 } from './1764400000000-foundation';

/** Every migration, oldest first. A schema change is a new file here, never an edit of an old one. */
export const migrations = [Foundation1764400000000];
