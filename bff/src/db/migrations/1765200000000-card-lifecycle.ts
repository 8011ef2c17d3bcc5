import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt } from './migration-helpers';

/**
 * Physical card lifecycle: the HRSS reference and production progress on the physical card, the
 * history of status changes (online operations and branch callbacks), the outbox of e-card
 * revocations at the national platform, and instant card-making appointments with their slots.
 */
export class CardLifecycle1765200000000 implements MigrationInterface {
  name = 'CardLifecycle1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('physical_card', [
      new TableColumn({ name: 'hrss_ref', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'production_stage', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'production_json', type: 'text', isNullable: true }),
      new TableColumn({ name: 'expected_ready_on', type: 'varchar', length: '10', isNullable: true }),
    ]);
    await q.createIndex('physical_card', new TableIndex({ name: 'ix_physical_card_hrss_ref', columnNames: ['hrss_ref'] }));
    await q.createTable(
      new Table({
        name: 'card_status_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'physical_card_id', type: 'varchar', length: '36' },
          { name: 'resident_id', type: 'varchar', length: '36' },
          { name: 'from_status', type: 'varchar', length: '24' },
          { name: 'to_status', type: 'varchar', length: '24' },
          { name: 'version', type: 'int' },
          { name: 'source', type: 'varchar', length: '8' },
          { name: 'operation', type: 'varchar', length: '32', isNullable: true },
          { name: 'actor_user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'operation_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'confirmed_by', type: 'varchar', length: '8', isNullable: true },
          dt(q, 'at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_card_status_event_version', columnNames: ['physical_card_id', 'version'], isUnique: true }),
          new TableIndex({ name: 'uq_card_status_event_operation', columnNames: ['actor_user_id', 'operation_id'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'card_outbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'ecard_id', type: 'varchar', length: '36' },
          { name: 'busi_seq', type: 'varchar', length: '64' },
          { name: 'attempts', type: 'int', default: 0 },
          { name: 'last_error', type: 'varchar', length: '200', isNullable: true },
          dt(q, 'done_at', true),
          dt(q, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_card_outbox_seq', columnNames: ['busi_seq'], isUnique: true }),
          new TableIndex({ name: 'ix_card_outbox_pending', columnNames: ['done_at', 'created_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'card_appointment_slot',
        columns: [
          { name: 'branch_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'slot_date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'half_day', type: 'varchar', length: '2', isPrimary: true },
          { name: 'capacity', type: 'int' },
          { name: 'booked', type: 'int', default: 0 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'card_appointment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'resident_id', type: 'varchar', length: '36' },
          { name: 'created_by_user_id', type: 'varchar', length: '36' },
          { name: 'operation_id', type: 'varchar', length: '64' },
          { name: 'branch_id', type: 'varchar', length: '64' },
          { name: 'slot_date', type: 'varchar', length: '10' },
          { name: 'half_day', type: 'varchar', length: '2' },
          { name: 'reason', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '12' },
          // = resident_id while booked, NULL once cancelled: the unique index allows one active booking per resident.
          { name: 'active_key', type: 'varchar', length: '36', isNullable: true },
          { name: 'version', type: 'int', default: 0 },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_card_appointment_active', columnNames: ['active_key'], isUnique: true }),
          new TableIndex({ name: 'uq_card_appointment_operation', columnNames: ['created_by_user_id', 'operation_id'], isUnique: true }),
          new TableIndex({ name: 'ix_card_appointment_resident', columnNames: ['resident_id', 'created_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('card_appointment');
    await q.dropTable('card_appointment_slot');
    await q.dropTable('card_outbox');
    await q.dropTable('card_status_event');
    await q.dropIndex('physical_card', 'ix_physical_card_hrss_ref');
    await q.dropColumns('physical_card', ['hrss_ref', 'production_stage', 'production_json', 'expected_ready_on']);
  }
}
