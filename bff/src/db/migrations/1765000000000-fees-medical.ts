import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bigInt, dt } from './migration-helpers';

/** Fees paid online (bill selections, bill claims, the HRSS outbox) and medical settlements. */
export class FeesMedical1765000000000 implements MigrationInterface {
  name = 'FeesMedical1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'fee_order',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'client_operation_id', type: 'varchar', length: '64' },
          { name: 'resident_ref', type: 'varchar', length: '64' },
          { name: 'holder_masked', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'bills', type: 'text' },
          bigInt(q, 'amount_fen'),
          { name: 'provider', type: 'varchar', length: '16' },
          { name: 'order_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'hrss_state', type: 'varchar', length: '16' },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_fee_order_client_op', columnNames: ['user_id', 'client_operation_id'], isUnique: true }),
          new TableIndex({ name: 'ix_fee_order_user', columnNames: ['user_id', 'status', 'created_at'] }),
          new TableIndex({ name: 'ix_fee_order_order', columnNames: ['order_id'] }),
        ],
      }),
    );
    // One row per bill while it sits in an open or paid order: the primary key is the guard
    // that a bill is never in two live orders at once.
    await q.createTable(
      new Table({
        name: 'fee_bill_claim',
        columns: [
          { name: 'bill_no', type: 'varchar', length: '32', isPrimary: true },
          { name: 'fee_order_id', type: 'varchar', length: '36' },
          dt(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_fee_bill_claim_order', columnNames: ['fee_order_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fee_outbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'fee_order_id', type: 'varchar', length: '36' },
          { name: 'action', type: 'varchar', length: '8' },
          { name: 'ref', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'int' },
          dt(q, 'next_attempt_at'),
          { name: 'last_error', type: 'varchar', length: '255', isNullable: true },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_fee_outbox_action', columnNames: ['fee_order_id', 'action', 'ref'], isUnique: true }),
          new TableIndex({ name: 'ix_fee_outbox_due', columnNames: ['status', 'next_attempt_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'medical_settlement',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'terminal_id', type: 'varchar', length: '64' },
          { name: 'out_bill_no', type: 'varchar', length: '32' },
          { name: 'institution', type: 'varchar', length: '64' },
          { name: 'resident_id', type: 'varchar', length: '36' },
          { name: 'holder_masked', type: 'varchar', length: '32' },
          { name: 'items', type: 'text' },
          { name: 'request_hash', type: 'varchar', length: '64' },
          bigInt(q, 'total_fen'),
          bigInt(q, 'fund_fen'),
          bigInt(q, 'account_fen'),
          bigInt(q, 'self_pay_fen'),
          { name: 'medins_settle_no', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'order_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'payer_user_id', type: 'varchar', length: '36', isNullable: true },
          dt(q, 'expires_at'),
          dt(q, 'settled_at', true),
          dt(q, 'next_attempt_at', true),
          { name: 'attempts', type: 'int' },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_medical_terminal_bill', columnNames: ['terminal_id', 'out_bill_no'], isUnique: true }),
          new TableIndex({ name: 'ix_medical_resident', columnNames: ['resident_id', 'status'] }),
          new TableIndex({ name: 'ix_medical_status_expiry', columnNames: ['status', 'expires_at'] }),
          new TableIndex({ name: 'ix_medical_order', columnNames: ['order_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('medical_settlement');
    await q.dropTable('fee_outbox');
    await q.dropTable('fee_bill_claim');
    await q.dropTable('fee_order');
  }
}
