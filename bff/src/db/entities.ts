import { AppUser } from '../modules/auth/app-user.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { Branch } from '../modules/branches/branch.entity';
import { BranchImport } from '../modules/branches/branch-import.entity';
import { HotlineHandoff } from '../modules/hotline/hotline-handoff.entity';

/** Every entity the DataSource knows; features append theirs. */
export const entities = [
  AppUser,
  AuditLog,
  Branch,
  BranchImport,
  HotlineHandoff,
];
