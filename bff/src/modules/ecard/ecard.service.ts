import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  cardUsability,
  checkEcardPassword,
  maskCardNumber,
  type ApplicationKind,
  type ApplicationView,
  type Credential,
  type EcardView,
  type ErrorCode,
  type LoginChannel,
  type Relationship,
} from '@qdssc/shared';
import { MSG } from '../../adapters/national-platform/csb-codec';
import { NationalBusinessError, type NationalPlatformClient, type SignResult } from '../../adapters/national-platform/national-platform.client';
import { AppError } from '../../http/app-error';
import { inTransaction } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import type { GuardianshipQueries } from '../family/guardianship.queries';
import type { FaceCheckService } from '../identity/face-check.service';
import { QINGDAO_AREA } from '../identity/identity.service';
import { Resident } from '../identity/resident.entity';
import type { ResidentService } from '../identity/resident.service';
import type { CardStatusService } from './card-status.service';
import { EcardApplication } from './ecard-application.entity';
import { hashEcardPassword, type PasswordGate } from './ecard-password';
import { Ecard } from './ecard.entity';
import type { PhysicalCard } from './physical-card.entity';

/** Where a refused resident is sent: the 网点 tab and the 12345 hotline (the page's ErrorPanel offers both). */
export const HELP = { hotline: '12345', branchesPath: '/pages/branches/index' } as const;

/** National refusals that end an application (recorded as `refused`); anything else may be retried. */
const FINAL_REFUSALS = new Set<ErrorCode>(['IDENTITY_MISMATCH', 'NOT_INSURED_IN_QINGDAO', 'GUARDIAN_RELATION_UNVERIFIED', 'CARD_NOT_FOUND']);

export interface EcardDeps {
  db: DataSource;
  clock: Clock;
  residents: ResidentService;
  cardStatus: CardStatusService;
  national: NationalPlatformClient;
  faces: FaceCheckService;
  guardians: GuardianshipQueries;
  passwords: PasswordGate;
  audit: AuditService;
  boundResidentId: (session: Session) => Promise<string | null>;
}

export interface IssueParams {
  applicant: { userId: string; residentId: string; channel: LoginChannel };
  subject: Resident;
  kind: ApplicationKind;
  operationId: string;
  guardian?: { idNumber: string; name: string; relationship: Relationship };
  requestId?: string;
}

export interface Accessed {
  ecard: Ecard;
  resident: Resident;
  relation: 'self' | 'ward';
  me: Resident;
}

const seq = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32);

/**
 * The e-card: applying (self or for a ward) against the national platform, reading it (only the
 * holder and their guardians; anyone else gets 404), level 2 (bank link + password), the
 * password itself, revealing the full identity, and stopping the card in this app.
 */
export class EcardService {
  private readonly ecards: Repository<Ecard>;
  private readonly apps: Repository<EcardApplication>;

  constructor(private readonly d: EcardDeps) {
    this.ecards = d.db.getRepository(Ecard);
    this.apps = d.db.getRepository(EcardApplication);
  }

  // ── who may see what ─────────────────────────────────────────────────────────────────

  async requireResident(session: Session): Promise<Resident> {
    const id = await this.d.boundResidentId(session);
    const r = id ? await this.d.residents.findById(id) : null;
    if (!r) throw new AppError('REAL_NAME_REQUIRED');
    return r;
  }

  /** The e-card if it is the caller's own or a current ward's; otherwise NOT_FOUND, never FORBIDDEN. */
  async access(session: Session, ecardId: string): Promise<Accessed> {
    const me = await this.requireResident(session);
    const ecard = /^[0-9a-f-]{36}$/.test(ecardId) ? await this.ecards.findOneBy({ id: ecardId }) : null;
    if (!ecard) throw new AppError('NOT_FOUND');
    if (ecard.residentId === me.id) return { ecard, resident: me, relation: 'self', me };
    if (await this.d.guardians.mayActFor(me.id, ecard.residentId)) {
      return { ecard, resident: (await this.d.residents.findById(ecard.residentId))!, relation: 'ward', me };
    }
    throw new AppError('NOT_FOUND');
  }

  /**
   * The lighter check of the hot path (QR issuing, ~once a minute per shown card): the e-card and
   * whether the caller is its holder or a current guardian, without loading the residents.
   */
  async accessCard(session: Session, ecardId: string): Promise<{ ecard: Ecard; relation: 'self' | 'ward' }> {
    const meId = await this.d.boundResidentId(session);
    if (!meId) throw new AppError('REAL_NAME_REQUIRED');
    const ecard = /^[0-9a-f-]{36}$/.test(ecardId) ? await this.ecards.findOneBy({ id: ecardId }) : null;
    if (!ecard) throw new AppError('NOT_FOUND');
    if (ecard.residentId === meId) return { ecard, relation: 'self' };
    if (await this.d.guardians.mayActFor(meId, ecard.residentId)) return { ecard, relation: 'ward' };
    throw new AppError('NOT_FOUND');
  }

  ownOf(residentId: string): Promise<Ecard | null> {
    return this.ecards.findOneBy({ residentId });
  }

  view(ecard: Ecard, resident: Resident, physical: PhysicalCard | null, relation: 'self' | 'ward'): EcardView {
    const u = cardUsability(physical?.status ?? null, ecard.status);
    return {
      id: ecard.id,
      relation,
      holder: this.d.residents.holder(resident),
      status: ecard.status,
      signLevel: ecard.signLevel,
      signNoMasked: maskCardNumber(ecard.signNo),
      signDate: ecard.signDate,
      validUntil: ecard.validUntil,
      channels: ecard.channels,
      physicalCard: physical ? { status: physical.status, maskedCardNo: physical.cardNoMasked, bank: physical.bank } : null,
      usable: u.usable,
      unusableCode: u.usable ? null : u.code,
      passwordSet: Boolean(ecard.passwordHash),
      bankAccountMasked: ecard.bankAccountMasked,
    };
  }

  async viewOf(ecard: Ecard, resident: Resident, relation: 'self' | 'ward'): Promise<EcardView> {
    return this.view(ecard, resident, await this.d.cardStatus.physicalOf(resident.id), relation);
  }

  async get(session: Session, ecardId: string): Promise<EcardView> {
    const a = await this.access(session, ecardId);
    return this.viewOf(a.ecard, a.resident, a.relation);
  }

  /** My own e-card first, then those of my wards who are still under 16. */
  async list(session: Session): Promise<EcardView[]> {
    const me = await this.requireResident(session);
    const out: EcardView[] = [];
    const own = await this.ownOf(me.id);
    if (own) out.push(await this.viewOf(own, me, 'self'));
    for (const { ward, minor } of await this.d.guardians.of(me.id)) {
      const e = minor ? await this.ownOf(ward.id) : null;
      if (e) out.push(await this.viewOf(e, ward, 'ward'));
    }
    return out;
  }

  // ── applying ─────────────────────────────────────────────────────────────────────────

  async applySelf(session: Session, operationId: string, requestId?: string): Promise<EcardView> {
    const me = await this.requireResident(session);
    if (this.d.guardians.isMinor(me.birthDate)) throw new AppError('APPLICANT_UNDER_16', HELP);
    const ecard = await this.issue({ applicant: { userId: session.userId, residentId: me.id, channel: session.channel }, subject: me, kind: 'self', operationId, requestId });
    return this.viewOf(ecard, me, 'self');
  }

  /**
   * One application, resumable: recorded as `submitted` before the platform is called, signed
   * with the application's busiSeq (so a retry cannot sign twice), then the e-card and the
   * application's end state are written in one transaction.
   */
  async issue(p: IssueParams): Promise<Ecard> {
    const app = await this.openApplication(p);
    if (app.status === 'signed') return (await this.ecards.findOneBy({ id: app.ecardId! }))!;
    if (app.status === 'refused') throw new AppError(app.refusalCode as ErrorCode, HELP);
    const audit = (result: 'ok' | 'refused', code?: string) =>
      this.d.audit.record({
        action: p.kind === 'self' ? 'ecard.apply' : 'family.ecard.apply',
        result,
        code,
        actorUserId: p.applicant.userId,
        subjectResidentId: p.subject.id,
        channel: p.applicant.channel,
        requestId: p.requestId,
        detail: { applicationId: app.id, kind: p.kind },
      });
    const { name, idNumber } = this.d.residents.identity(p.subject);
    try {
      const person = await this.d.national.verifyPerson({ idNumber, name, area: QINGDAO_AREA });
      if (!person.matched) throw new AppError('IDENTITY_MISMATCH');
      if (!person.insuredHere) throw new AppError('NOT_INSURED_IN_QINGDAO', { insuredArea: person.insuredArea, ...HELP });
      const signed = await this.signOrAdopt(app.busiSeq, { idNumber, name, idType: p.subject.idType, guardian: p.guardian });
      await this.d.cardStatus.refresh(p.subject.id, idNumber);
      const ecard = await this.recordSigned(app, signed, p);
      await audit('ok');
      return ecard;
    } catch (err) {
      if (err instanceof AppError && FINAL_REFUSALS.has(err.code)) {
        await this.apps
          .createQueryBuilder()
          .update(EcardApplication)
          .set({ status: 'refused', refusalCode: err.code, updatedAt: new Date(this.d.clock.now()), completedAt: new Date(this.d.clock.now()) })
          .where('id = :id AND status = :s', { id: app.id, s: 'submitted' })
          .execute();
        await audit('refused', err.code);
        if (err.details === undefined) throw new AppError(err.code, HELP, { cause: err });
      }
      throw err;
    }
  }

  private async openApplication(p: IssueParams): Promise<EcardApplication> {
    const key = { applicantUserId: p.applicant.userId, operationId: p.operationId };
    const found = await this.apps.findOneBy(key);
    if (found) {
      if (found.subjectResidentId !== p.subject.id || found.kind !== p.kind) throw new AppError('IDEMPOTENCY_CONFLICT');
      return found;
    }
    const now = new Date(this.d.clock.now());
    const id = newId(now.getTime());
    const row = this.apps.create({
      id,
      ...key,
      applicantResidentId: p.applicant.residentId,
      subjectResidentId: p.subject.id,
      kind: p.kind,
      channel: p.applicant.channel,
      status: 'submitted',
      busiSeq: id.replace(/-/g, ''),
      refusalCode: null,
      ecardId: null,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    });
    try {
      await this.apps.insert(row);
      return row;
    } catch (err) {
      const again = await this.apps.findOneBy(key);
      if (again) return this.openApplication(p);
      throw err;
    }
  }

  /** Signs; a person already signed for this channel (another busiSeq) keeps that signature. */
  private async signOrAdopt(busiSeq: string, who: { idNumber: string; name: string; idType: Resident['idType']; guardian?: IssueParams['guardian'] }): Promise<SignResult> {
    try {
      return await this.d.national.sign({ busiSeq, ...who });
    } catch (err) {
      if (err instanceof NationalBusinessError && err.msgCode === MSG.ALREADY_SIGNED) {
        const s = await this.d.national.signStatus(who.idNumber);
        if (s?.status === 'active') return s;
      }
      throw err;
    }
  }

  private async recordSigned(app: EcardApplication, signed: SignResult, p: IssueParams): Promise<Ecard> {
    const write = (m: EntityManager) => this.writeSigned(m, app, signed, p);
    let ecard: Ecard;
    try {
      ecard = await inTransaction(this.d.db, write);
    } catch (err) {
      // Two first applications of one person raced to insert the e-card: the loser adopts it.
      if (!(await this.ecards.findOneBy({ residentId: p.subject.id }))) throw err;
      ecard = await inTransaction(this.d.db, write);
    }
    if (p.kind === 'self') await this.addChannel(p.subject.id, p.applicant.channel);
    return (await this.ecards.findOneBy({ id: ecard.id }))!;
  }

  private async writeSigned(m: EntityManager, app: EcardApplication, signed: SignResult, p: IssueParams): Promise<Ecard> {
    const now = new Date(this.d.clock.now());
    const repo = m.getRepository(Ecard);
    let ecard = await repo.findOneBy({ residentId: p.subject.id });
    if (!ecard) {
      ecard = repo.create({
        id: newId(now.getTime()),
        residentId: p.subject.id,
        signNo: signed.signNo,
        signLevel: signed.signLevel,
        signDate: signed.signDate,
        validUntil: signed.validUntil,
        status: 'active',
        channels: [],
        appliedByUserId: p.applicant.userId,
        passwordHash: null,
        passwordFailures: 0,
        passwordLockedUntil: null,
        bankName: null,
        bankAccountMasked: null,
        bankLinkedAt: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insert(ecard);
    } else if (ecard.status === 'revoked' || ecard.signNo !== signed.signNo) {
      // Signed again after a revocation: a new signature starts at its own level, without the old password or bank link.
      await repo
        .createQueryBuilder()
        .update(Ecard)
        .set({
          status: 'active', signNo: signed.signNo, signLevel: signed.signLevel, signDate: signed.signDate, validUntil: signed.validUntil,
          passwordHash: null, passwordFailures: 0, passwordLockedUntil: null, bankName: null, bankAccountMasked: null, bankLinkedAt: null,
          updatedAt: now, version: () => 'version + 1',
        })
        .where('id = :id AND version = :v', { id: ecard.id, v: ecard.version })
        .execute();
    }
    await m
      .getRepository(EcardApplication)
      .createQueryBuilder()
      .update(EcardApplication)
      .set({ status: 'signed', ecardId: ecard.id, updatedAt: now, completedAt: now })
      .where('id = :id AND status = :s', { id: app.id, s: 'submitted' })
      .execute();
    // A concurrent retry of the same application finished it first: the e-card above is the same one.
    return ecard;
  }

  /** Adds a host to the card's channels (compare-and-set on version); true when the resident has a card. */
  addChannel = async (residentId: string, channel: LoginChannel): Promise<boolean> => {
    for (let i = 0; i < 10; i++) {
      const e = await this.ecards.findOneBy({ residentId });
      if (!e) return false;
      if (e.channels.includes(channel)) return true;
      const r = await this.ecards
        .createQueryBuilder()
        .update(Ecard)
        .set({ channels: [...e.channels, channel], updatedAt: new Date(this.d.clock.now()), version: () => 'version + 1' })
        .where('id = :id AND version = :v', { id: e.id, v: e.version })
        .execute();
      if (r.affected) return true;
    }
    return true;
  };

  async applications(session: Session): Promise<ApplicationView[]> {
    const me = await this.requireResident(session);
    const rows = await this.apps.find({ where: { applicantResidentId: me.id }, order: { createdAt: 'DESC' }, take: 50 });
    const names = new Map<string, string>();
    for (const r of rows) {
      if (!names.has(r.subjectResidentId)) names.set(r.subjectResidentId, (await this.d.residents.findById(r.subjectResidentId))?.nameMasked ?? '');
    }
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      subject: { maskedName: names.get(r.subjectResidentId) ?? '' },
      refusalCode: r.refusalCode,
      channel: r.channel,
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt ? r.completedAt.toISOString() : null,
      ecardId: r.ecardId,
    }));
  }

  // ── level 2, password, reveal, revoke ────────────────────────────────────────────────

  async raiseToLevel2(session: Session, ecardId: string, bankAccount: string, password: string, requestId?: string): Promise<EcardView> {
    const { ecard, resident, relation } = await this.access(session, ecardId);
    if (relation !== 'self') throw new AppError('ECARD_LEVEL2_SELF_ONLY');
    if (ecard.signLevel === 2 && ecard.status === 'active') return this.viewOf(ecard, resident, 'self');
    await this.d.cardStatus.assertUsable(ecard.id);
    const { idNumber } = this.d.residents.identity(resident);
    const problem = checkEcardPassword(password, { birthDate: resident.birthDate, idNumber });
    if (problem) throw new AppError('ECARD_PASSWORD_WEAK', { problem });
    const audit = (result: 'ok' | 'refused', code?: string) =>
      this.d.audit.record({ action: 'ecard.level2', result, code, actorUserId: session.userId, subjectResidentId: resident.id, channel: session.channel, requestId });
    let raised: { bank: string };
    try {
      raised = await this.d.national.raiseLevel({ busiSeq: seq(ecard.id, ecard.signNo, bankAccount, 'level2'), signNo: ecard.signNo, idNumber, bankAccount });
    } catch (err) {
      if (err instanceof AppError && err.code === 'BANK_ACCOUNT_MISMATCH') await audit('refused', err.code);
      throw err;
    }
    const now = new Date(this.d.clock.now());
    await this.ecards
      .createQueryBuilder()
      .update(Ecard)
      .set({
        signLevel: 2, passwordHash: await hashEcardPassword(password), passwordFailures: 0, passwordLockedUntil: null,
        bankName: raised.bank, bankAccountMasked: maskCardNumber(bankAccount), bankLinkedAt: now, updatedAt: now, version: () => 'version + 1',
      })
      .where('id = :id AND sign_level = 1 AND status = :s', { id: ecard.id, s: 'active' })
      .execute();
    await audit('ok');
    return this.viewOf((await this.ecards.findOneBy({ id: ecard.id }))!, resident, 'self');
  }

  /**
   * Proves the *acting* resident is present: the password of their own e-card, or a face check
   * of them (purpose `confirm`), used up here. A guardian confirms with their own credentials.
   */
  async confirmActor(session: Session, me: Resident, c: { password?: string; faceCheckId?: string }): Promise<'password' | 'face'> {
    if (c.faceCheckId) {
      const face = await this.d.faces.passed(session, c.faceCheckId, 'confirm');
      if (face.idHash !== me.idNumberHash) throw new AppError('FACE_CHECK_MISMATCH');
      await this.d.faces.consume(face.id);
      return 'face';
    }
    const own = await this.ownOf(me.id);
    if (!own?.passwordHash) throw new AppError('ECARD_PASSWORD_NOT_SET');
    await this.d.passwords.check(own.id, c.password ?? '');
    return 'password';
  }

  async changePassword(session: Session, ecardId: string, body: { oldPassword?: string; faceCheckId?: string; newPassword: string }, requestId?: string): Promise<void> {
    const { ecard, resident, relation, me } = await this.access(session, ecardId);
    if (relation !== 'self') throw new AppError('ECARD_LEVEL2_SELF_ONLY');
    if (!ecard.passwordHash) throw new AppError('ECARD_PASSWORD_NOT_SET');
    const { idNumber } = this.d.residents.identity(resident);
    const problem = checkEcardPassword(body.newPassword, { birthDate: resident.birthDate, idNumber });
    if (problem) throw new AppError('ECARD_PASSWORD_WEAK', { problem });
    const how = await this.confirmActor(session, me, { password: body.oldPassword, faceCheckId: body.faceCheckId });
    await this.ecards
      .createQueryBuilder()
      .update(Ecard)
      .set({ passwordHash: await hashEcardPassword(body.newPassword), passwordFailures: 0, passwordLockedUntil: null, updatedAt: new Date(this.d.clock.now()), version: () => 'version + 1' })
      .where('id = :id', { id: ecard.id })
      .execute();
    await this.d.audit.record({ action: 'ecard.password.change', result: 'ok', actorUserId: session.userId, subjectResidentId: resident.id, channel: session.channel, requestId, detail: { confirmedBy: how } });
  }

  async reveal(session: Session, ecardId: string, c: Credential, requestId?: string) {
    const { resident, relation, me } = await this.access(session, ecardId);
    const audit = (result: 'ok' | 'refused', code?: string, how?: string) =>
      this.d.audit.record({ action: 'ecard.reveal', result, code, actorUserId: session.userId, subjectResidentId: resident.id, channel: session.channel, requestId, detail: { relation, confirmedBy: how ?? null } });
    let how: string;
    try {
      how = await this.confirmActor(session, me, c);
    } catch (err) {
      await audit('refused', (err as AppError).code ?? 'INTERNAL');
      throw err;
    }
    await audit('ok', undefined, how);
    return { ...this.d.residents.identity(resident), idType: resident.idType };
  }

  async revoke(session: Session, ecardId: string, c: Credential, requestId?: string): Promise<EcardView> {
    const { ecard, resident, relation, me } = await this.access(session, ecardId);
    if (relation !== 'self') throw new AppError('ECARD_LEVEL2_SELF_ONLY');
    if (ecard.status === 'revoked') return this.viewOf(ecard, resident, 'self');
    const how = await this.confirmActor(session, me, c);
    const { idNumber } = this.d.residents.identity(resident);
    await this.d.national.revokeChannel({ busiSeq: seq(ecard.id, ecard.signNo, 'revoke'), signNo: ecard.signNo, idNumber });
    await this.ecards
      .createQueryBuilder()
      .update(Ecard)
      .set({ status: 'revoked', updatedAt: new Date(this.d.clock.now()), version: () => 'version + 1' })
      .where('id = :id AND status = :s', { id: ecard.id, s: 'active' })
      .execute();
    await this.d.audit.record({ action: 'ecard.revoke', result: 'ok', actorUserId: session.userId, subjectResidentId: resident.id, channel: session.channel, requestId, detail: { confirmedBy: how } });
    return this.viewOf((await this.ecards.findOneBy({ id: ecard.id }))!, resident, 'self');
  }
}
