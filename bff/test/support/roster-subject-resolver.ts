import type { DataSource } from 'typeorm';
import type { AppDeps, AppOverrides } from '../../src/app';
import { AppError } from '../../src/http/app-error';
import { AppUser } from '../../src/modules/auth/app-user.entity';
import type { RecordsSubjectResolver } from '../../src/modules/records/records-subject';
import { loadRoster, type Roster } from '../../sandbox/roster';

/**
 * A stand-in for the identity feature in tests: the logged-in account is matched to its roster
 * persona by host identity, a persona's residentRef is `persona:<id>`, and `?for=persona:<id>`
 * reaches a ward whose roster entry names the caller as guardian. Personas not insured in Qingdao
 * are still resolved: what HRSS answers for them is part of what the tests check.
 */
export function rosterSubjectResolver(db: DataSource, roster: Roster = loadRoster()): RecordsSubjectResolver {
  return {
    async resolve(session, wardId) {
      const user = await db.getRepository(AppUser).findOneBy({ id: session.userId });
      const me = roster.personas.find((p) => user && [p.wechatOpenid, p.alipayUserId, p.h5Subject].includes(user.channelUserId));
      if (!me) throw new AppError('REAL_NAME_REQUIRED');
      if (!wardId) return { residentRef: `persona:${me.id}`, idNumber: me.idNumber, relation: 'self' };
      const ward = roster.personas.find((p) => `persona:${p.id}` === wardId && p.guardians?.includes(me.id));
      if (!ward) throw new AppError('WARD_NOT_FOUND');
      return { residentRef: `persona:${ward.id}`, idNumber: ward.idNumber, relation: 'ward' };
    },
  };
}

/** `startStack({ overrides: withRosterSubjects })`. */
export const withRosterSubjects = (deps: AppDeps): AppOverrides => ({ recordsSubjectResolver: rosterSubjectResolver(deps.db) });
