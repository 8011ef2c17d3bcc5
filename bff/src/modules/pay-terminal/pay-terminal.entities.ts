import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TerminalChargeStatus } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';
import { intTransformer } from '../payments/payment-order.entity';

/**
 * What one resident paid from the e-card account on one China day: the counters the PBOC limits
 * are checked against. Raised by a conditional UPDATE whose WHERE is the limit itself, so
 * concurrent charges can never pass it together.
 */
@Entity('ecard_pay_day')
export class EcardPayDay {
  @PrimaryColumn({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @Column({ name: 'total_fen', type: 'bigint', transformer: intTransformer })
  totalFen: number;

  @Column({ name: 'no_password_fen', type: 'bigint', transformer: intTransformer })
  noPasswordFen: number;
}

/** A charge a terminal asked for after scanning a resident's e-card QR code (busiType 02). */
@Entity('terminal_charge')
@Index('uq_terminal_charge_out_trade_no', ['terminalId', 'outTradeNo'], { unique: true })
@Index('ix_terminal_charge_resident', ['residentId', 'status'])
@Index('ix_terminal_charge_status_confirm', ['status', 'confirmBy'])
export class TerminalCharge {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'terminal_id', type: 'varchar', length: 64 })
  terminalId: string;

  @Column({ name: 'out_trade_no', type: 'varchar', length: 32 })
  outTradeNo: string;

  /** SHA-256 of the request body: a repeat with the same outTradeNo but another body is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'merchant_name', type: 'varchar', length: 128 })
  merchantName: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: intTransformer })
  amountFen: number;

  @Column({ name: 'items_json', type: 'text' })
  itemsJson: string;

  @Column({ type: 'varchar', length: 16 })
  status: TerminalChargeStatus | 'PROCESSING';

  @Column({ name: 'order_id', type: 'varchar', length: 36, nullable: true })
  orderId: string | null;

  @Column({ name: 'ecard_id', type: 'varchar', length: 36, nullable: true })
  ecardId: string | null;

  @Column({ name: 'resident_id', type: 'varchar', length: 36, nullable: true })
  residentId: string | null;

  /** The masked holder the QR verification answered (JSON), for the terminal's screen. */
  @Column({ name: 'holder_json', type: 'varchar', length: 255, nullable: true })
  holderJson: string | null;

  @Column({ name: 'password_required', type: 'boolean', default: false })
  passwordRequired: boolean;

  /** The China day whose limit counters hold this charge's amount (null: nothing reserved). */
  @Column({ name: 'limit_day', type: 'varchar', length: 10, nullable: true })
  limitDay: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @DateTimeColumn({ name: 'confirm_by', nullable: true, transformer: dateTransformer })
  confirmBy: Date | null;

  @DateTimeColumn({ name: 'paid_at', nullable: true, transformer: dateTransformer })
  paidAt: Date | null;

  /** The first answer given to the terminal (JSON), returned again to a replay. */
  @Column({ name: 'first_result', type: 'text', nullable: true })
  firstResult: string | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}

export type MerchantKind = 'pharmacy' | 'hospital' | 'canteen' | 'other';

/** A registered merchant residents pay by scanning its code (收款码). */
@Entity('merchant')
@Index('uq_merchant_short_code', ['shortCode'], { unique: true })
export class Merchant {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: MerchantKind;

  /** Printed under the code for typing in by hand. */
  @Column({ name: 'short_code', type: 'varchar', length: 12 })
  shortCode: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;
}
