import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bigInt, dt } from './migration-helpers';

/** HRSS callbacks processed (idempotency by eventId) and per-aggregate versions (ordering). */
export class HrssEvents1764800000000 implements MigrationInterface {
  name = 'HrssEvents1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'hrss_event',
        columns: [
          { name: 'event_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'aggregate', type: 'varchar', length: '128' },
          bigInt(q, 'version'),
          dt(q, 'occurred_at'),
          dt(q, 'received_at'),
          { name: 'outcome', type: 'varchar', length: '16' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'hrss_aggregate_version',
        columns: [
          { name: 'aggregate', type: 'varchar', length: '128', isPrimary: true },
          bigInt(q, 'version'),
          dt(q, 'updated_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('hrss_aggregate_version');
    await q.dropTable('hrss_event');
  }
}
