import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt } from './migration-helpers';

/** Partner-bank outlets (GCJ-02 coordinates, services, hours) and the log of imports. */
export class Branches1764600000000 implements MigrationInterface {
  name = 'Branches1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'branch',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'bank', type: 'varchar', length: '32' },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'district_code', type: 'varchar', length: '6' },
          { name: 'address', type: 'varchar', length: '255' },
          { name: 'phone', type: 'varchar', length: '32' },
          { name: 'lat', type: 'double' },
          { name: 'lng', type: 'double' },
          { name: 'services', type: 'varchar', length: '128' },
          { name: 'weekday_hours', type: 'varchar', length: '11' },
          { name: 'weekend_hours', type: 'varchar', length: '11', isNullable: true },
          { name: 'synthetic', type: 'boolean' },
          { name: 'source', type: 'varchar', length: '96' },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_branch_bank_name', columnNames: ['bank', 'name'], isUnique: true }),
          new TableIndex({ name: 'ix_branch_district', columnNames: ['district_code'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'branch_import',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          dt(q, 'at'),
          { name: 'source', type: 'varchar', length: '96' },
          { name: 'rows', type: 'integer' },
          { name: 'inserted', type: 'integer' },
          { name: 'updated', type: 'integer' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('branch_import');
    await q.dropTable('branch');
  }
}
