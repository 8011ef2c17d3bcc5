import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CardAppointmentStatus, CardHalfDay, CardOperation, CardTemporaryReason, PhysicalCardStatus } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/** One change of a physical card's status: an online operation of ours or a branch change from HRSS. */
@Entity('card_status_event')
export class CardStatusEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'physical_card_id', type: 'varchar', length: 36 })
  physicalCardId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ name: 'from_status', type: 'varchar', length: 24 })
  fromStatus: PhysicalCardStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus: PhysicalCardStatus;

  /** HRSS's version of the card after the change. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 8 })
  source: 'online' | 'branch';

  @Column({ type: 'varchar', length: 32, nullable: true })
  operation: CardOperation | null;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'operation_id', type: 'varchar', length: 64, nullable: true })
  operationId: string | null;

  @Column({ name: 'confirmed_by', type: 'varchar', length: 8, nullable: true })
  confirmedBy: 'password' | 'face' | null;

  @DateTimeColumn({ transformer: dateTransformer })
  at: Date;
}

/** E-card revocations at the national platform still to be done (retried until done). */
@Entity('card_outbox')
export class CardOutbox {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: 'revoke_ecard';

  @Column({ name: 'ecard_id', type: 'varchar', length: 36 })
  ecardId: string;

  @Column({ name: 'busi_seq', type: 'varchar', length: 64 })
  busiSeq: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError: string | null;

  @DateTimeColumn({ name: 'done_at', nullable: true, transformer: dateTransformer })
  doneAt: Date | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;
}

@Entity('card_appointment_slot')
export class CardAppointmentSlot {
  @PrimaryColumn({ name: 'branch_id', type: 'varchar', length: 64 })
  branchId: string;

  @PrimaryColumn({ name: 'slot_date', type: 'varchar', length: 10 })
  slotDate: string;

  @PrimaryColumn({ name: 'half_day', type: 'varchar', length: 2 })
  halfDay: CardHalfDay;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  booked: number;
}

@Entity('card_appointment')
export class CardAppointment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36 })
  createdByUserId: string;

  @Column({ name: 'operation_id', type: 'varchar', length: 64 })
  operationId: string;

  @Column({ name: 'branch_id', type: 'varchar', length: 64 })
  branchId: string;

  @Column({ name: 'slot_date', type: 'varchar', length: 10 })
  slotDate: string;

  @Column({ name: 'half_day', type: 'varchar', length: 2 })
  halfDay: CardHalfDay;

  @Column({ type: 'varchar', length: 32 })
  reason: CardTemporaryReason;

  @Column({ type: 'varchar', length: 12 })
  status: CardAppointmentStatus;

  @Column({ name: 'active_key', type: 'varchar', length: 36, nullable: true })
  activeKey: string | null;

  @Column({ type: 'integer', default: 0 })
  version: number;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}
