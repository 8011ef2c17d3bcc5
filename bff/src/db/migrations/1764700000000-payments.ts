import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bigInt, dt, isMysql } from './migration-helpers';

/**
 * Payment orders, their refunds, the outbox of payment events and reconciliation runs. The
 * CHECK constraints are the last line of defence of the money rules: no negative amounts, and
 * refunds (done or in flight) never above the paid amount — whatever the code does.
 */
const CHECKS: Array<[table: string, name: string, expression: string]> = [
  ['payment_order', 'ck_payment_order_amounts', 'amount_fen > 0 AND refunded_fen >= 0 AND refunding_fen >= 0 AND refunded_fen + refunding_fen <= amount_fen'],
  ['payment_order', 'ck_payment_order_status', "status IN ('CREATED','PAYING','SUCCESS','CLOSED','REVOKED','REFUNDED')"],
  ['payment_refund', 'ck_payment_refund_amount', 'amount_fen > 0'],
  ['payment_refund', 'ck_payment_refund_status', "status IN ('PROCESSING','SUCCESS','ABNORMAL','CLOSED')"],
];

export class Payments1764700000000 implements MigrationInterface {
  name = 'Payments1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const bigText = isMysql(q) ? 'mediumtext' : 'text';

    await q.createTable(
      new Table({
        name: 'payment_order',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('merchant_id', 32),
          v('out_trade_no', 32),
          v('kind', 32),
          v('payable_type', 32),
          v('payable_ref', 64),
          v('payer_user_id', 36),
          v('payer_resident_id', 36, true),
          v('description', 127),
          bigInt(q, 'amount_fen'),
          bigInt(q, 'refunded_fen'),
          bigInt(q, 'refunding_fen'),
          v('provider', 16),
          v('status', 16),
          v('provider_txn_id', 64, true),
          v('provider_mchid', 32, true),
          v('provider_appid', 32, true),
          v('prepay_id', 64, true),
          v('client_operation_id', 64),
          v('active_key', 160, true),
          dt(q, 'expires_at'),
          dt(q, 'paid_at', true),
          dt(q, 'closed_at', true),
          v('close_reason', 32, true),
          dt(q, 'last_queried_at', true),
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
          { name: 'version', type: 'int' },
        ],
        indices: [
          new TableIndex({ name: 'uq_payment_order_trade_no', columnNames: ['merchant_id', 'out_trade_no'], isUnique: true }),
          new TableIndex({ name: 'uq_payment_order_client_op', columnNames: ['payer_user_id', 'client_operation_id'], isUnique: true }),
          new TableIndex({ name: 'uq_payment_order_active', columnNames: ['active_key'], isUnique: true }),
          new TableIndex({ name: 'ix_payment_order_out_trade_no', columnNames: ['out_trade_no'] }),
          new TableIndex({ name: 'ix_payment_order_payer', columnNames: ['payer_user_id', 'id'] }),
          new TableIndex({ name: 'ix_payment_order_status_expiry', columnNames: ['status', 'expires_at'] }),
          new TableIndex({ name: 'ix_payment_order_paid_at', columnNames: ['provider', 'paid_at'] }),
        ],
        checks: CHECKS.filter(([t]) => t === 'payment_order').map(([, name, expression]) => ({ name, expression })),
      }),
    );

    await q.createTable(
      new Table({
        name: 'payment_refund',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('order_id', 36),
          v('out_refund_no', 64),
          bigInt(q, 'amount_fen'),
          v('reason', 80),
          v('status', 16),
          v('provider_refund_id', 64, true),
          v('requested_by_user_id', 36, true),
          v('client_operation_id', 64),
          dt(q, 'succeeded_at', true),
          dt(q, 'last_queried_at', true),
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
          { name: 'version', type: 'int' },
        ],
        indices: [
          new TableIndex({ name: 'uq_payment_refund_no', columnNames: ['out_refund_no'], isUnique: true }),
          new TableIndex({ name: 'uq_payment_refund_client_op', columnNames: ['order_id', 'client_operation_id'], isUnique: true }),
          new TableIndex({ name: 'ix_payment_refund_status', columnNames: ['status', 'updated_at'] }),
          new TableIndex({ name: 'ix_payment_refund_succeeded', columnNames: ['succeeded_at'] }),
        ],
        foreignKeys: [{ name: 'fk_payment_refund_order', columnNames: ['order_id'], referencedTableName: 'payment_order', referencedColumnNames: ['id'] }],
        checks: CHECKS.filter(([t]) => t === 'payment_refund').map(([, name, expression]) => ({ name, expression })),
      }),
    );

    // TypeORM creates CHECK constraints only on SQLite; MariaDB (10.2+) and MySQL (8.0.16+) get them here.
    if (isMysql(q)) {
      for (const [table, name, expression] of CHECKS) await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${expression})`);
    }

    await q.createTable(
      new Table({
        name: 'payment_event',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('event_key', 80),
          v('type', 24),
          v('order_id', 36),
          v('refund_id', 36, true),
          v('source', 16),
          { name: 'detail', type: 'text', isNullable: true },
          dt(q, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_payment_event_key', columnNames: ['event_key'], isUnique: true }),
          new TableIndex({ name: 'ix_payment_event_order', columnNames: ['order_id', 'created_at'] }),
        ],
        foreignKeys: [{ name: 'fk_payment_event_order', columnNames: ['order_id'], referencedTableName: 'payment_order', referencedColumnNames: ['id'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'payment_reconciliation',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('provider', 16),
          v('bill_date', 10),
          dt(q, 'ran_at'),
          { name: 'our_entries', type: 'int' },
          { name: 'their_entries', type: 'int' },
          { name: 'mismatch_count', type: 'int' },
          { name: 'mismatches', type: bigText },
        ],
        indices: [new TableIndex({ name: 'ix_payment_reconciliation_day', columnNames: ['provider', 'bill_date'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('payment_reconciliation');
    await q.dropTable('payment_event');
    await q.dropTable('payment_refund');
    await q.dropTable('payment_order');
  }
}
