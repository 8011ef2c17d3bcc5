import type { DataSource, Repository } from 'typeorm';
import { newId } from '../../lib/ids';
import type { Clock } from '../../lib/clock';
import { AuditLog, type AuditDetail, type AuditResult } from './audit-log.entity';

export interface AuditEntry {
  action: string;
  result: AuditResult;
  actorUserId?: string | null;
  actorTerminalId?: string | null;
  subjectResidentId?: string | null;
  channel?: string | null;
  code?: string | null;
  requestId?: string | null;
  /** Masked values only: this is read by staff. */
  detail?: AuditDetail | null;
}

/** Writes audit records; there is deliberately no update or delete. */
export class AuditService {
  private readonly repo: Repository<AuditLog>;

  constructor(db: DataSource, private readonly clock: Clock) {
    this.repo = db.getRepository(AuditLog);
  }

  async record(entry: AuditEntry): Promise<void> {
    const now = this.clock.now();
    await this.repo.insert(
      this.repo.create({
      id: newId(now),
      at: new Date(now),
      action: entry.action,
      result: entry.result,
      actorUserId: entry.actorUserId ?? null,
      actorTerminalId: entry.actorTerminalId ?? null,
      subjectResidentId: entry.subjectResidentId ?? null,
      channel: entry.channel ?? null,
      code: entry.code ?? null,
      requestId: entry.requestId ?? null,
      detail: entry.detail ?? null,
      }),
    );
  }

  async forSubject(residentId: string, limit = 50): Promise<AuditLog[]> {
    return this.repo.find({ where: { subjectResidentId: residentId }, order: { at: 'DESC' }, take: limit });
  }

  async forActor(userId: string, limit = 50): Promise<AuditLog[]> {
    return this.repo.find({ where: { actorUserId: userId }, order: { at: 'DESC' }, take: limit });
  }
}
