import { AppUser } from '../modules/auth/app-user.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';

/** Every entity the DataSource knows; features append theirs. */
export const entities = [AppUser, AuditLog];
