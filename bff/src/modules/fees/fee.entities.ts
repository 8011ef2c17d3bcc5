import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer, jsonText } from '../../db/columns';
import { intTransformer } from '../payments/payment-order.entity';

export interface FeeOrderBill {
  billNo: string;
  kind: string;
  title: string;
  period: string;
  amountFen: number;
}

export type FeeOrderStatus = 'OPEN' | 'PAID' | 'CLOSED' | 'REFUNDED';
/** NONE: HRSS not told yet; MARKED: bills booked paid there; REVERSED: refunded there; CONFLICT: HRSS says another order paid them. */
export type FeeHrssState = 'NONE' | 'MARKED' | 'REVERSED' | 'CONFLICT';

/** The bills a resident picked to pay in one payment order (the order's payableRef is this id). */
@Entity('fee_order')
@Index('uq_fee_order_client_op', ['userId', 'clientOperationId'], { unique: true })
export class FeeOrder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'client_operation_id', type: 'varchar', length: 64 })
  clientOperationId!: string;

  @Column({ name: 'resident_ref', type: 'varchar', length: 64 })
  residentRef!: string;

  @Column({ name: 'holder_masked', type: 'varchar', length: 32 })
  holderMasked!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'text', transformer: jsonText })
  bills!: FeeOrderBill[];

  @Column({ name: 'amount_fen', type: 'bigint', transformer: intTransformer })
  amountFen!: number;

  @Column({ type: 'varchar', length: 16 })
  provider!: string;

  @Column({ name: 'order_id', type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: FeeOrderStatus;

  @Column({ name: 'hrss_state', type: 'varchar', length: 16 })
  hrssState!: FeeHrssState;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt!: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt!: Date;
}

@Entity('fee_bill_claim')
export class FeeBillClaim {
  @PrimaryColumn({ name: 'bill_no', type: 'varchar', length: 32 })
  billNo!: string;

  @Column({ name: 'fee_order_id', type: 'varchar', length: 36 })
  feeOrderId!: string;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt!: Date;
}

export type FeeOutboxAction = 'pay' | 'refund';
export type FeeOutboxStatus = 'PENDING' | 'DONE' | 'FAILED';

/** What HRSS still has to be told, written in the payment's own transaction and sent by FeeForwarder. */
@Entity('fee_outbox')
export class FeeOutbox {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'fee_order_id', type: 'varchar', length: 36 })
  feeOrderId!: string;

  @Column({ type: 'varchar', length: 8 })
  action!: FeeOutboxAction;

  /** The order's out_trade_no for `pay`, the refund's out_refund_no for `refund`. */
  @Column({ type: 'varchar', length: 64 })
  ref!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: FeeOutboxStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @DateTimeColumn({ name: 'next_attempt_at', transformer: dateTransformer })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError!: string | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt!: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt!: Date;
}
