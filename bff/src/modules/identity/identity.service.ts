import type { DataSource, Repository } from 'typeorm';
import { checkIdNumber, checkPersonName, chinaToday, type BindResult, type FaceCheck, type FaceCheckStart, type IdType } from '@qdssc/shared';
import type { NationalPlatformClient } from '../../adapters/national-platform/national-platform.client';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import { AppUser } from '../auth/app-user.entity';
import type { AuthService } from '../auth/auth.service';
import type { Session, SessionStore } from '../auth/session.store';
import type { FaceCheckService } from './face-check.service';
import type { ResidentService } from './resident.service';

/** Qingdao's insured-area code (aab301). */
export const QINGDAO_AREA = '370200';

export interface IdentityDeps {
  db: DataSource;
  clock: Clock;
  residents: ResidentService;
  faces: FaceCheckService;
  national: NationalPlatformClient;
  sessions: SessionStore;
  auth: AuthService;
  audit: AuditService;
}

/**
 * Real-name binding: the typed identity is validated by the shared rules, proven by a face
 * check of that identity on this account, matched by the national platform, and only then is
 * the account bound to the resident. The same person from WeChat, Alipay and H5 is one resident.
 */
export class IdentityService {
  private readonly users: Repository<AppUser>;
  /** Told when an account is bound, so the resident's e-card learns the new channel. */
  onBound?: (residentId: string, channel: Session['channel']) => Promise<boolean>;

  constructor(private readonly d: IdentityDeps) {
    this.users = d.db.getRepository(AppUser);
  }

  /** Refuses a typo before anything costs money; answers the normalized values. */
  validate(input: { name: string; idType: IdType; idNumber: string }) {
    const id = checkIdNumber(input.idNumber, input.idType, chinaToday(this.d.clock.now()));
    if (!id.ok) throw new AppError('ID_NUMBER_INVALID', { problem: id.problem });
    const name = checkPersonName(input.name);
    if (!name.ok) throw new AppError('NAME_INVALID');
    return { idType: id.idType, idNumber: id.normalized, birthDate: id.birthDate, name: name.normalized };
  }

  async startFaceCheck(session: Session, body: FaceCheckStart): Promise<FaceCheck> {
    const residentId = await this.boundResidentId(session);
    if (body.purpose === 'bind') {
      if (residentId) throw new AppError('REAL_NAME_ALREADY_BOUND');
      const v = this.validate(body);
      return this.d.faces.start(session, { ...v, idHash: this.d.residents.hashOf(v.idNumber) }, 'bind');
    }
    if (!residentId) throw new AppError('REAL_NAME_REQUIRED');
    const resident = await this.d.residents.findById(residentId);
    if (!resident) throw new AppError('REAL_NAME_REQUIRED');
    const { name, idNumber } = this.d.residents.identity(resident);
    return this.d.faces.start(session, { idType: resident.idType, idNumber, name, idHash: resident.idNumberHash }, 'confirm');
  }

  async bind(session: Session, token: string, faceCheckId: string, requestId?: string): Promise<BindResult> {
    const audit = (result: 'ok' | 'refused', code?: string, subject?: string) =>
      this.d.audit.record({ action: 'identity.bind', result, code, actorUserId: session.userId, subjectResidentId: subject, channel: session.channel, requestId });
    if (await this.boundResidentId(session)) throw new AppError('REAL_NAME_ALREADY_BOUND');
    const face = await this.d.faces.passed(session, faceCheckId, 'bind');
    const v = this.validate({ name: face.name, idType: face.idType, idNumber: face.idNumber });
    const person = await this.d.national.verifyPerson({ idNumber: v.idNumber, name: v.name, area: QINGDAO_AREA });
    if (!person.matched) {
      await audit('refused', 'IDENTITY_MISMATCH');
      throw new AppError('IDENTITY_MISMATCH');
    }
    // Used up only now, after every outside call: a timeout above leaves it for a retry.
    await this.d.faces.consume(face.id);
    const resident = await this.d.residents.upsert(v);
    const bound = await this.users
      .createQueryBuilder()
      .update(AppUser)
      .set({ residentId: resident.id })
      .where('id = :id AND resident_id IS NULL', { id: session.userId })
      .execute();
    if (!bound.affected) {
      const user = await this.users.findOneBy({ id: session.userId });
      if (user?.residentId !== resident.id) {
        await audit('refused', 'REAL_NAME_ALREADY_BOUND', resident.id);
        throw new AppError('REAL_NAME_ALREADY_BOUND');
      }
    }
    await this.d.sessions.update(token, { residentId: resident.id });
    const hasEcard = (await this.onBound?.(resident.id, session.channel)) ?? false;
    await audit('ok', undefined, resident.id);
    return {
      user: await this.d.auth.describe(session.userId, { ...session, residentId: resident.id }),
      insuredInQingdao: person.insuredHere,
      insuredArea: person.insuredArea,
      hasEcard,
    };
  }

  /** The account's resident, from the database (the session may predate a binding elsewhere). */
  async boundResidentId(session: Session): Promise<string | null> {
    if (session.residentId) return session.residentId;
    const user = await this.users.findOne({ where: { id: session.userId }, select: { id: true, residentId: true } });
    return user?.residentId ?? null;
  }
}
