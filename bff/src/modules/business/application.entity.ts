import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApplicationStatus, BusinessCategory } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * One online application. The HRSS system moves its status (callbacks carry a version that only
 * grows; `hrss_version` is the last one applied); the applicant may withdraw. The answers are
 * encrypted at rest (they hold phones, ID numbers, addresses), and so is the applicant's ID
 * number, which the forwarder needs to hand the application to HRSS later.
 */
@Entity('business_application')
@Index('uq_application_client', ['createdByUserId', 'clientId'], { unique: true })
@Index('ix_application_resident', ['residentRef', 'submittedAt'])
@Index('ix_application_pending', ['forwardedAt', 'status'])
export class BusinessApplication {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_application_no', { unique: true })
  @Column({ name: 'application_no', type: 'varchar', length: 32 })
  applicationNo: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId: string;

  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36 })
  createdByUserId: string;

  /** The identity feature's resident the application is for (the applicant, or a ward). */
  @Column({ name: 'resident_ref', type: 'varchar', length: 64 })
  residentRef: string;

  @Column({ name: 'applicant_id_enc', type: 'text' })
  applicantIdEnc: string;

  @Column({ name: 'item_id', type: 'varchar', length: 64 })
  itemId: string;

  @Column({ type: 'varchar', length: 32 })
  category: BusinessCategory;

  @Column({ type: 'varchar', length: 16 })
  status: ApplicationStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'form_enc', type: 'text' })
  formEnc: string;

  /** SHA-256 of what was submitted (item, resident, answers, documents): a retry must match it. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'hrss_version', type: 'int' })
  hrssVersion: number;

  @Column({ name: 'hrss_accept_no', type: 'varchar', length: 32, nullable: true })
  hrssAcceptNo: string | null;

  @DateTimeColumn({ name: 'forwarded_at', nullable: true, transformer: dateTransformer })
  forwardedAt: Date | null;

  @DateTimeColumn({ name: 'submitted_at', transformer: dateTransformer })
  submittedAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}

/** The timeline: one row per status an application reached, by whom; a version appears once. */
@Entity('business_application_event')
@Index('uq_application_event_version', ['applicationId', 'version'], { unique: true })
export class BusinessApplicationEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  status: ApplicationStatus;

  @Column({ type: 'varchar', length: 8 })
  by: 'user' | 'hrss';

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @DateTimeColumn({ transformer: dateTransformer })
  at: Date;
}

/** An uploaded document: the bytes live under UPLOAD_DIR, the row says whose and for what. */
@Entity('business_attachment')
@Index('ix_attachment_owner', ['ownerUserId', 'uploadedAt'])
@Index('ix_attachment_application', ['applicationId'])
export class BusinessAttachment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'owner_user_id', type: 'varchar', length: 36 })
  ownerUserId: string;

  @Column({ name: 'item_id', type: 'varchar', length: 64 })
  itemId: string;

  @Column({ type: 'varchar', length: 32 })
  slot: string;

  @Column({ type: 'varchar', length: 8 })
  type: 'pdf' | 'jpeg' | 'png';

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sm3: string;

  @Column({ name: 'storage_path', type: 'varchar', length: 255 })
  storagePath: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36, nullable: true })
  applicationId: string | null;

  @DateTimeColumn({ name: 'uploaded_at', transformer: dateTransformer })
  uploadedAt: Date;
}
