import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer, jsonText } from '../../db/columns';

export type AuditResult = 'ok' | 'refused' | 'failed';

/** Flat, masked facts about the action (never an ID number, name or phone in clear). */
export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

/**
 * Append-only trail of sensitive actions: who did what to whose card, through which channel,
 * with what result. The database refuses UPDATE and DELETE on this table (see the migration).
 * `detail` holds masked values only.
 */
@Entity('audit_log')
@Index('ix_audit_subject', ['subjectResidentId', 'at'])
@Index('ix_audit_actor', ['actorUserId', 'at'])
export class AuditLog {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @DateTimeColumn({ transformer: dateTransformer })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_terminal_id', type: 'varchar', length: 64, nullable: true })
  actorTerminalId: string | null;

  @Column({ name: 'subject_resident_id', type: 'varchar', length: 36, nullable: true })
  subjectResidentId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 16 })
  result: AuditResult;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  detail: AuditDetail | null;
}
