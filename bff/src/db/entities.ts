import { AppUser } from '../modules/auth/app-user.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { HrssAggregateVersion, HrssEventRecord } from '../modules/hrss-notify/hrss-event.entity';
import { ContributionProof } from '../modules/records/proof.entity';
import { BusinessApplication, BusinessApplicationEvent, BusinessAttachment } from '../modules/business/application.entity';

/** Every entity the DataSource knows; features append theirs. */
export const entities = [AppUser, AuditLog, HrssEventRecord, HrssAggregateVersion, ContributionProof, BusinessApplication, BusinessApplicationEvent, BusinessAttachment];
