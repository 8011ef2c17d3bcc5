import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApplicationKind, EcardApplicationStatus, LoginChannel } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * One application (申领) for an e-card, by a resident for themself or for a ward. Written as
 * `submitted` before the national platform is called, so a retry (same operation id) resumes it
 * with the same `busi_seq` and the platform answers the same signature instead of a second one.
 */
@Entity('ecard_application')
export class EcardApplication {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'operation_id', type: 'varchar', length: 64 })
  operationId: string;

  @Column({ name: 'applicant_user_id', type: 'varchar', length: 36 })
  applicantUserId: string;

  @Column({ name: 'applicant_resident_id', type: 'varchar', length: 36 })
  applicantResidentId: string;

  @Column({ name: 'subject_resident_id', type: 'varchar', length: 36 })
  subjectResidentId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: ApplicationKind;

  @Column({ type: 'varchar', length: 16 })
  channel: LoginChannel;

  @Column({ type: 'varchar', length: 16 })
  status: EcardApplicationStatus;

  @Column({ name: 'busi_seq', type: 'varchar', length: 32 })
  busiSeq: string;

  @Column({ name: 'refusal_code', type: 'varchar', length: 64, nullable: true })
  refusalCode: string | null;

  @Column({ name: 'ecard_id', type: 'varchar', length: 36, nullable: true })
  ecardId: string | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;

  @DateTimeColumn({ name: 'completed_at', nullable: true, transformer: dateTransformer })
  completedAt: Date | null;
}
