import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { HandoffCategory, HandoffStatus } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * A problem handed to the 12345 hotline. Holds what failed and the ticket number, never the
 * resident's identity (the hotline gets a masked copy; we know the user id). `(user_id,
 * client_op_id)` makes a retried request return the same ticket.
 */
@Entity('hotline_handoff')
@Index('uq_handoff_user_op', ['userId', 'clientOpId'], { unique: true })
@Index('ix_handoff_user_created', ['userId', 'createdAt'])
export class HotlineHandoff {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'client_op_id', type: 'varchar', length: 64 })
  clientOpId: string;

  /** SHA-256 of the request, so the same key with different content is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 32 })
  category: HandoffCategory;

  @Column({ type: 'varchar', length: 64 })
  operation: string;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'failing_request_id', type: 'varchar', length: 64, nullable: true })
  failingRequestId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: HandoffStatus;

  @Column({ name: 'ticket_no', type: 'varchar', length: 32, nullable: true })
  ticketNo: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true })
  lastError: string | null;

  @Column({ name: 'identity_shared', type: 'boolean' })
  identityShared: boolean;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;

  @DateTimeColumn({ name: 'submitted_at', nullable: true, transformer: dateTransformer })
  submittedAt: Date | null;
}
