import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer, jsonText } from '../../../db/columns';

export interface ReconciliationMismatch {
  kind: 'MISSING_AT_PROVIDER' | 'MISSING_LOCALLY' | 'AMOUNT_MISMATCH' | 'STATE_MISMATCH';
  /** `payment` rows match orders by out_trade_no; `refund` rows match refunds by out_refund_no. */
  entry: 'payment' | 'refund';
  outTradeNo: string;
  outRefundNo?: string;
  ours: { status: string; amountFen: number } | null;
  theirs: { state: string; amountFen: number } | null;
}

/** One run of the daily reconciliation of our orders against a provider's bill. */
@Entity('payment_reconciliation')
@Index('ix_payment_reconciliation_day', ['provider', 'billDate'])
export class PaymentReconciliation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  provider: string;

  @Column({ name: 'bill_date', type: 'varchar', length: 10 })
  billDate: string;

  @DateTimeColumn({ name: 'ran_at', transformer: dateTransformer })
  ranAt: Date;

  @Column({ name: 'our_entries', type: 'int' })
  ourEntries: number;

  @Column({ name: 'their_entries', type: 'int' })
  theirEntries: number;

  @Column({ name: 'mismatch_count', type: 'int' })
  mismatchCount: number;

  @Column({ type: 'text', transformer: jsonText })
  mismatches: ReconciliationMismatch[];
}
