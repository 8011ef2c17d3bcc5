import { AppUser } from '../modules/auth/app-user.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { Resident } from '../modules/identity/resident.entity';
import { Ecard } from '../modules/ecard/ecard.entity';
import { EcardApplication } from '../modules/ecard/ecard-application.entity';
import { PhysicalCard } from '../modules/ecard/physical-card.entity';
import { Guardianship } from '../modules/family/guardianship.entity';
import { Upload } from '../modules/family/upload.entity';
import { Terminal } from '../modules/terminal/terminal.entity';

/** Every entity the DataSource knows; features append theirs. */
export const entities = [AppUser, AuditLog, Resident, Ecard, EcardApplication, PhysicalCard, Guardianship, Upload, Terminal];
