import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GuardianshipStatus, ProofKind, Relationship } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * A guardian and a ward (亲情服务), with the uploaded proof of the relationship. Whether the ward
 * is still listed (under 16) is computed from the birth date and the clock when read.
 */
@Entity('guardianship')
export class Guardianship {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'guardian_resident_id', type: 'varchar', length: 36 })
  guardianResidentId: string;

  @Column({ name: 'ward_resident_id', type: 'varchar', length: 36 })
  wardResidentId: string;

  @Column({ type: 'varchar', length: 24 })
  relationship: Relationship;

  @Column({ name: 'proof_kind', type: 'varchar', length: 24 })
  proofKind: ProofKind;

  @Column({ name: 'proof_upload_id', type: 'varchar', length: 36 })
  proofUploadId: string;

  @Column({ type: 'varchar', length: 16 })
  status: GuardianshipStatus;

  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36 })
  createdByUserId: string;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;

  @DateTimeColumn({ name: 'ended_at', nullable: true, transformer: dateTransformer })
  endedAt: Date | null;
}
