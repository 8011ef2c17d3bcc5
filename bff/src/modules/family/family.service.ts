import type { DataSource } from 'typeorm';
import { ageOn, chinaToday, FAMILY_LIMIT, type AddFamilyMember, type FamilyList, type FamilyMember } from '@qdssc/shared';
import type { NationalPlatformClient } from '../../adapters/national-platform/national-platform.client';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import type { EcardService } from '../ecard/ecard.service';
import { HELP } from '../ecard/ecard.service';
import { QINGDAO_AREA, type IdentityService } from '../identity/identity.service';
import { Resident } from '../identity/resident.entity';
import type { ResidentService } from '../identity/resident.service';
import { Guardianship } from './guardianship.entity';
import type { GuardianshipQueries } from './guardianship.queries';
import type { UploadService } from './upload.service';

export interface FamilyDeps {
  db: DataSource;
  clock: Clock;
  residents: ResidentService;
  identity: IdentityService;
  ecards: EcardService;
  guardians: GuardianshipQueries;
  uploads: UploadService;
  national: NationalPlatformClient;
  audit: AuditService;
}

/** The day a ward turns 16 (29 February birthdays count from 1 March in common years). */
export function sixteenthBirthday(birthDate: string): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const date = new Date(Date.UTC(y + 16, m - 1, d));
  return date.toISOString().slice(0, 10);
}

/**
 * 亲情服务: a guardian with an active e-card applies for a child under 16 (the child's ID, the
 * relationship, an uploaded proof), sees the family list (at most 8, under-16s only) and shows a
 * child's card. Every action is audited with the guardian as actor and the child as subject.
 */
export class FamilyService {
  constructor(private readonly d: FamilyDeps) {}

  async list(session: Session): Promise<FamilyList> {
    const me = await this.d.ecards.requireResident(session);
    const rows = await this.d.guardians.of(me.id);
    const members: FamilyMember[] = [];
    for (const { g, ward, minor } of rows.filter((r) => r.minor)) members.push(await this.member(g, ward, minor));
    return {
      members,
      agedOut: rows.filter((r) => !r.minor).map(({ ward }) => ({ maskedName: ward.nameMasked, turned16On: sixteenthBirthday(ward.birthDate) })),
      limit: FAMILY_LIMIT,
    };
  }

  private async member(g: Guardianship, ward: Resident, minor: boolean): Promise<FamilyMember> {
    const ecard = minor ? await this.d.ecards.ownOf(ward.id) : null;
    const age = ageOn(ward.birthDate, chinaToday(this.d.clock.now()));
    return {
      id: g.id,
      relationship: g.relationship,
      ward: { ...this.d.residents.holder(ward), age, turns16On: sixteenthBirthday(ward.birthDate) },
      ecard: ecard ? await this.d.ecards.viewOf(ecard, ward, 'ward') : null,
      since: g.createdAt.toISOString(),
    };
  }

  async add(session: Session, body: AddFamilyMember, requestId?: string): Promise<FamilyMember> {
    const me = await this.d.ecards.requireResident(session);
    const audit = (result: 'ok' | 'refused', code?: string, subject?: string) =>
      this.d.audit.record({ action: 'family.add', result, code, actorUserId: session.userId, subjectResidentId: subject ?? null, channel: session.channel, requestId, detail: { relationship: body.relationship, proofKind: body.proofKind } });
    try {
      const mine = await this.d.ecards.ownOf(me.id);
      if (!mine || mine.status !== 'active') throw new AppError('GUARDIAN_ECARD_REQUIRED');
      const v = this.d.identity.validate(body);
      if (this.d.residents.hashOf(v.idNumber) === me.idNumberHash) throw new AppError('WARD_IS_SELF');
      if (!this.d.guardians.isMinor(v.birthDate)) throw new AppError('WARD_NOT_UNDER_16');
      const proof = await this.d.uploads.ownedBy(body.proofUploadId, session.userId);
      if (!proof) throw new AppError('NOT_FOUND', { field: 'proofUploadId' });
      const wardHash = this.d.residents.hashOf(v.idNumber);
      const current = await this.d.guardians.of(me.id);
      if (current.filter((r) => r.minor && r.ward.idNumberHash !== wardHash).length >= FAMILY_LIMIT) throw new AppError('FAMILY_LIMIT_REACHED');
      // The typed name must match before a resident row is made from it.
      const person = await this.d.national.verifyPerson({ idNumber: v.idNumber, name: v.name, area: QINGDAO_AREA });
      if (!person.matched) throw new AppError('IDENTITY_MISMATCH');
      const ward = await this.d.residents.upsert(v);
      const guardian = this.d.residents.identity(me);
      await this.d.ecards.issue({
        applicant: { userId: session.userId, residentId: me.id, channel: session.channel },
        subject: ward,
        kind: 'ward',
        operationId: body.operationId,
        guardian: { idNumber: guardian.idNumber, name: guardian.name, relationship: body.relationship },
        requestId,
      });
      const g = await this.link(me, ward, body, session);
      await audit('ok', undefined, ward.id);
      return this.member(g, ward, true);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) await audit('refused', err.code);
      if (err instanceof AppError && err.details === undefined && ['WARD_NOT_UNDER_16', 'GUARDIAN_ECARD_REQUIRED'].includes(err.code)) throw new AppError(err.code, HELP, { cause: err });
      throw err;
    }
  }

  /**
   * Adds (or re-adds) the guardianship under the guardian's row lock, so the limit of 8 holds under
   * concurrency. A full list is answered after the commit, not by a rollback: on SQLite other
   * requests' statements share the one connection and would be rolled back with it.
   */
  private async link(me: Resident, ward: Resident, body: AddFamilyMember, session: Session): Promise<Guardianship> {
    const linked = await inTransaction(this.d.db, async (m): Promise<Guardianship | null> => {
      await m.createQueryBuilder().update(Resident).set({ version: () => 'version + 1' }).where('id = :id', { id: me.id }).execute();
      const list = await this.d.guardians.of(me.id, m);
      const already = list.find((r) => r.ward.id === ward.id);
      if (already) return already.g;
      if (list.filter((r) => r.minor).length >= FAMILY_LIMIT) return null;
      const now = new Date(this.d.clock.now());
      const repo = m.getRepository(Guardianship);
      const ended = await repo.findOneBy({ guardianResidentId: me.id, wardResidentId: ward.id });
      const fields = { relationship: body.relationship, proofKind: body.proofKind, proofUploadId: body.proofUploadId, createdByUserId: session.userId, updatedAt: now };
      if (ended) {
        await repo.createQueryBuilder().update(Guardianship).set({ ...fields, status: 'active', endedAt: null, createdAt: now }).where('id = :id AND status = :s', { id: ended.id, s: 'ended' }).execute();
        return (await repo.findOneBy({ id: ended.id }))!;
      }
      const g = repo.create({ id: newId(now.getTime()), guardianResidentId: me.id, wardResidentId: ward.id, status: 'active', createdAt: now, endedAt: null, ...fields });
      await repo.insert(g);
      return g;
    });
    if (!linked) throw new AppError('FAMILY_LIMIT_REACHED');
    return linked;
  }

  async remove(session: Session, id: string, requestId?: string): Promise<void> {
    const me = await this.d.ecards.requireResident(session);
    const now = new Date(this.d.clock.now());
    const r = await this.d.db
      .getRepository(Guardianship)
      .createQueryBuilder()
      .update(Guardianship)
      .set({ status: 'ended', endedAt: now, updatedAt: now })
      .where('id = :id AND guardian_resident_id = :me AND status = :s', { id, me: me.id, s: 'active' })
      .execute();
    if (!r.affected) throw new AppError('NOT_FOUND');
    const g = await this.d.db.getRepository(Guardianship).findOneBy({ id });
    await this.d.audit.record({ action: 'family.remove', result: 'ok', actorUserId: session.userId, subjectResidentId: g?.wardResidentId ?? null, channel: session.channel, requestId });
  }
}
