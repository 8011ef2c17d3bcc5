import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * A proof of contributions (参保证明) as issued: the facts that were signed (masked holder,
 * period, months), the SM2 signature over them, and the SM3 of the PDF handed out. The PDF
 * itself is a file under UPLOAD_DIR; the database keeps what a verifier needs.
 */
@Entity('contribution_proof')
@Index('ix_proof_resident', ['residentRef', 'issuedAt'])
export class ContributionProof {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_proof_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ name: 'resident_ref', type: 'varchar', length: 64 })
  residentRef: string;

  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36 })
  createdByUserId: string;

  @Column({ name: 'holder_masked_name', type: 'varchar', length: 64 })
  holderMaskedName: string;

  @Column({ name: 'holder_masked_id', type: 'varchar', length: 32 })
  holderMaskedId: string;

  @Column({ name: 'period_from', type: 'varchar', length: 7 })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'varchar', length: 7 })
  periodTo: string;

  @Column({ name: 'months_paid', type: 'int' })
  monthsPaid: number;

  @Column({ name: 'pdf_sm3', type: 'varchar', length: 64 })
  pdfSm3: string;

  @Column({ name: 'pdf_path', type: 'varchar', length: 255 })
  pdfPath: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ name: 'signed_text', type: 'text' })
  signedText: string;

  @Column({ type: 'varchar', length: 160 })
  signature: string;

  @DateTimeColumn({ name: 'issued_at', transformer: dateTransformer })
  issuedAt: Date;

  @DateTimeColumn({ name: 'expires_at', transformer: dateTransformer })
  expiresAt: Date;
}
