import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt } from './migration-helpers';

/** Problems handed to the 12345 hotline and their ticket numbers. */
export class HotlineHandoffs1764600000001 implements MigrationInterface {
  name = 'HotlineHandoffs1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'hotline_handoff',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'client_op_id', type: 'varchar', length: '64' },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'operation', type: 'varchar', length: '64' },
          { name: 'error_code', type: 'varchar', length: '64', isNullable: true },
          { name: 'failing_request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'ticket_no', type: 'varchar', length: '32', isNullable: true },
          { name: 'attempts', type: 'integer' },
          { name: 'last_error', type: 'varchar', length: '64', isNullable: true },
          { name: 'identity_shared', type: 'boolean' },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
          dt(q, 'submitted_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_handoff_user_op', columnNames: ['user_id', 'client_op_id'], isUnique: true }),
          new TableIndex({ name: 'ix_handoff_user_created', columnNames: ['user_id', 'created_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('hotline_handoff');
  }
}
