import { AppError } from '../../http/app-error';
import type { Session } from '../auth/session.store';

/** Whose records a request is about, as the identity feature knows them. */
export interface RecordsSubject {
  /** The identity feature's resident id: stored with applications and proofs, written to the audit log. */
  residentRef: string;
  /** ID number (`aac002`): sent to the HRSS system only — never logged, stored in clear or answered. */
  idNumber: string;
  relation: 'self' | 'ward';
}

/**
 * Session → the resident a records or business request is about: the caller's own (real-name
 * bound, sign level 1) or, with `?for=<wardId>`, a ward's they are guardian of. Throws a coded
 * AppError otherwise (REAL_NAME_REQUIRED, WARD_NOT_FOUND …). The identity feature supplies the
 * real one; until then every request is refused.
 */
export interface RecordsSubjectResolver {
  resolve(session: Session, wardId: string | undefined): Promise<RecordsSubject>;
}

export const realNameRequiredResolver: RecordsSubjectResolver = {
  async resolve() {
    throw new AppError('REAL_NAME_REQUIRED');
  },
};
