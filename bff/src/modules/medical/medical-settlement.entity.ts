import type { MedicalItemCategory, MedicalSettlementStatus } from '@qdssc/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer, jsonText } from '../../db/columns';
import { intTransformer } from '../payments/payment-order.entity';

export interface MedicalSettlementItem {
  code: string;
  name: string;
  category: MedicalItemCategory;
  quantity: number;
  amountFen: number;
}

@Entity('medical_settlement')
@Index('uq_medical_terminal_bill', ['terminalId', 'outBillNo'], { unique: true })
export class MedicalSettlement {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'terminal_id', type: 'varchar', length: 64 })
  terminalId!: string;

  @Column({ name: 'out_bill_no', type: 'varchar', length: 32 })
  outBillNo!: string;

  @Column({ type: 'varchar', length: 64 })
  institution!: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId!: string;

  @Column({ name: 'holder_masked', type: 'varchar', length: 32 })
  holderMasked!: string;

  @Column({ type: 'text', transformer: jsonText })
  items!: MedicalSettlementItem[];

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ name: 'total_fen', type: 'bigint', transformer: intTransformer })
  totalFen!: number;

  @Column({ name: 'fund_fen', type: 'bigint', transformer: intTransformer })
  fundFen!: number;

  @Column({ name: 'account_fen', type: 'bigint', transformer: intTransformer })
  accountFen!: number;

  @Column({ name: 'self_pay_fen', type: 'bigint', transformer: intTransformer })
  selfPayFen!: number;

  /** The medical-insurance platform's number of the pre-settlement. */
  @Column({ name: 'medins_settle_no', type: 'varchar', length: 40 })
  medinsSettleNo!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: MedicalSettlementStatus;

  /** DECLINED, TIMEOUT, PAYMENT_CLOSED for reversals; the terminal's reason code for refunds. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  reason!: string | null;

  @Column({ name: 'order_id', type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ name: 'payer_user_id', type: 'varchar', length: 36, nullable: true })
  payerUserId!: string | null;

  @DateTimeColumn({ name: 'expires_at', transformer: dateTransformer })
  expiresAt!: Date;

  @DateTimeColumn({ name: 'settled_at', nullable: true, transformer: dateTransformer })
  settledAt!: Date | null;

  /** When the job may next tell the platform (SETTLING, REVERSING, REFUNDING). */
  @DateTimeColumn({ name: 'next_attempt_at', nullable: true, transformer: dateTransformer })
  nextAttemptAt!: Date | null;

  @Column({ type: 'int' })
  attempts!: number;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt!: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt!: Date;
}
