import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RefundStatus } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';
import { intTransformer } from './payment-order.entity';

/** One refund of a paid order; several partial refunds may exist, never adding up to more than was paid. */
@Entity('payment_refund')
@Index('uq_payment_refund_no', ['outRefundNo'], { unique: true })
@Index('uq_payment_refund_client_op', ['orderId', 'clientOperationId'], { unique: true })
@Index('ix_payment_refund_status', ['status', 'updatedAt'])
@Index('ix_payment_refund_succeeded', ['succeededAt'])
export class PaymentRefund {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'order_id', type: 'varchar', length: 36 })
  orderId: string;

  @Column({ name: 'out_refund_no', type: 'varchar', length: 64 })
  outRefundNo: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: intTransformer })
  amountFen: number;

  @Column({ type: 'varchar', length: 80 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  status: RefundStatus;

  @Column({ name: 'provider_refund_id', type: 'varchar', length: 64, nullable: true })
  providerRefundId: string | null;

  @Column({ name: 'requested_by_user_id', type: 'varchar', length: 36, nullable: true })
  requestedByUserId: string | null;

  @Column({ name: 'client_operation_id', type: 'varchar', length: 64 })
  clientOperationId: string;

  @DateTimeColumn({ name: 'succeeded_at', nullable: true, transformer: dateTransformer })
  succeededAt: Date | null;

  @DateTimeColumn({ name: 'last_queried_at', nullable: true, transformer: dateTransformer })
  lastQueriedAt: Date | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;

  @Column({ type: 'int' })
  version: number;
}
