import type { DataSource } from 'typeorm';
import { AppError } from '../../http/app-error';
import { Ecard } from '../ecard/ecard.entity';
import type { GuardianshipQueries } from '../family/guardianship.queries';
import type { HandoffIdentityProvider } from '../hotline/hotline.service';
import type { RecordsSubjectResolver } from '../records/records-subject';
import type { IdentityService } from './identity.service';
import type { ResidentService } from './resident.service';

/**
 * How the other features learn who a session is, from the identity feature: records and online
 * business need the resident (sign level 1: a real-name bound account with an active e-card) or
 * one of their current wards; the hotline ticket carries the masked identity.
 */
export interface IdentityBridgeDeps {
  db: DataSource;
  identity: IdentityService;
  residents: ResidentService;
  guardians: GuardianshipQueries;
}

export function recordsSubjectResolver(d: IdentityBridgeDeps): RecordsSubjectResolver {
  const ecards = d.db.getRepository(Ecard);
  return {
    async resolve(session, wardId) {
      const meId = await d.identity.boundResidentId(session);
      const me = meId ? await d.residents.findById(meId) : null;
      if (!me) throw new AppError('REAL_NAME_REQUIRED');
      // Queries are a level-1 service: the holder's e-card must be signed and not revoked.
      const card = await ecards.findOneBy({ residentId: me.id, status: 'active' });
      if (!card) throw new AppError('ECARD_NOT_SIGNED');
      if (!wardId) return { residentRef: me.id, idNumber: d.residents.identity(me).idNumber, relation: 'self' };
      // `for` is the family-list entry (guardianship id) or the ward's resident id; only current
      // wards under 16 count, and anything else is "not found", never "forbidden".
      const ward = (await d.guardians.of(me.id)).find((w) => w.minor && (w.g.id === wardId || w.ward.id === wardId))?.ward;
      if (!ward) throw new AppError('WARD_NOT_FOUND');
      return { residentRef: ward.id, idNumber: d.residents.identity(ward).idNumber, relation: 'ward' };
    },
  };
}

export function handoffIdentity(d: Pick<IdentityBridgeDeps, 'identity' | 'residents'>): HandoffIdentityProvider {
  return async (session) => {
    const id = await d.identity.boundResidentId(session);
    const r = id ? await d.residents.findById(id) : null;
    if (!r) return null;
    const h = d.residents.holder(r);
    return { maskedName: h.maskedName, maskedIdNumber: h.maskedIdNumber };
  };
}
