import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer, jsonText } from '../../db/columns';

export type PaymentEventType = 'ORDER_PAID' | 'ORDER_CLOSED' | 'ORDER_REVOKED' | 'REFUND_SUCCEEDED' | 'ORDER_REFUNDED' | 'REFUND_FAILED';

/**
 * What happened to orders, written in the same transaction as the state change that caused it
 * (an outbox). `event_key` is unique (`paid:<order id>`, `refund:<refund id>` …): even a bug that
 * let a transition run twice could not record — or trigger the hooks of — the same fact twice.
 */
@Entity('payment_event')
@Index('uq_payment_event_key', ['eventKey'], { unique: true })
@Index('ix_payment_event_order', ['orderId', 'createdAt'])
export class PaymentEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'event_key', type: 'varchar', length: 80 })
  eventKey: string;

  @Column({ type: 'varchar', length: 24 })
  type: PaymentEventType;

  @Column({ name: 'order_id', type: 'varchar', length: 36 })
  orderId: string;

  @Column({ name: 'refund_id', type: 'varchar', length: 36, nullable: true })
  refundId: string | null;

  /** What moved it: `notify`, `query`, `closer`, `user`. */
  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  detail: Record<string, string | number | boolean | null> | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;
}
