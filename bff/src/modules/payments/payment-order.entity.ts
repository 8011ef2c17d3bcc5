import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OrderKind, OrderStatus, PaymentProvider } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/** MariaDB may hand back BIGINT as a string; amounts are always numbers in our code. */
export const intTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

/**
 * One payment order, whatever pays it and whatever it pays for. `status` only moves along the
 * transition table of shared/domain/payment-state.ts, by conditional UPDATEs in
 * payment-order.repository.ts. `out_trade_no` is unique per merchant (what WeChat Pay and
 * Alipay require); `active_key` is set while an order of a pay-once payable is open or paid, so
 * the database itself refuses a second order for the same bill.
 */
@Entity('payment_order')
@Index('uq_payment_order_trade_no', ['merchantId', 'outTradeNo'], { unique: true })
@Index('uq_payment_order_client_op', ['payerUserId', 'clientOperationId'], { unique: true })
@Index('uq_payment_order_active', ['activeKey'], { unique: true })
@Index('ix_payment_order_out_trade_no', ['outTradeNo'])
@Index('ix_payment_order_payer', ['payerUserId', 'id'])
@Index('ix_payment_order_status_expiry', ['status', 'expiresAt'])
@Index('ix_payment_order_paid_at', ['provider', 'paidAt'])
export class PaymentOrder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'merchant_id', type: 'varchar', length: 32 })
  merchantId: string;

  @Column({ name: 'out_trade_no', type: 'varchar', length: 32 })
  outTradeNo: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrderKind;

  @Column({ name: 'payable_type', type: 'varchar', length: 32 })
  payableType: string;

  @Column({ name: 'payable_ref', type: 'varchar', length: 64 })
  payableRef: string;

  @Column({ name: 'payer_user_id', type: 'varchar', length: 36 })
  payerUserId: string;

  /** The resident who pays (identity feature); null until accounts are real-name bound. */
  @Column({ name: 'payer_resident_id', type: 'varchar', length: 36, nullable: true })
  payerResidentId: string | null;

  @Column({ type: 'varchar', length: 127 })
  description: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: intTransformer })
  amountFen: number;

  @Column({ name: 'refunded_fen', type: 'bigint', transformer: intTransformer })
  refundedFen: number;

  /** Held by refunds still PROCESSING/ABNORMAL, so two refunds can never take the same fen. */
  @Column({ name: 'refunding_fen', type: 'bigint', transformer: intTransformer })
  refundingFen: number;

  @Column({ type: 'varchar', length: 16 })
  provider: PaymentProvider;

  @Column({ type: 'varchar', length: 16 })
  status: OrderStatus;

  @Column({ name: 'provider_txn_id', type: 'varchar', length: 64, nullable: true })
  providerTxnId: string | null;

  /** The provider merchant and app the order was placed with: notifications must name the same. */
  @Column({ name: 'provider_mchid', type: 'varchar', length: 32, nullable: true })
  providerMchid: string | null;

  @Column({ name: 'provider_appid', type: 'varchar', length: 32, nullable: true })
  providerAppid: string | null;

  @Column({ name: 'prepay_id', type: 'varchar', length: 64, nullable: true })
  prepayId: string | null;

  @Column({ name: 'client_operation_id', type: 'varchar', length: 64 })
  clientOperationId: string;

  @Column({ name: 'active_key', type: 'varchar', length: 160, nullable: true })
  activeKey: string | null;

  @DateTimeColumn({ name: 'expires_at', transformer: dateTransformer })
  expiresAt: Date;

  @DateTimeColumn({ name: 'paid_at', nullable: true, transformer: dateTransformer })
  paidAt: Date | null;

  @DateTimeColumn({ name: 'closed_at', nullable: true, transformer: dateTransformer })
  closedAt: Date | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 32, nullable: true })
  closeReason: string | null;

  /** When the closer job last asked the provider (so a late callback is chased, not hammered). */
  @DateTimeColumn({ name: 'last_queried_at', nullable: true, transformer: dateTransformer })
  lastQueriedAt: Date | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;

  @Column({ type: 'int' })
  version: number;
}
