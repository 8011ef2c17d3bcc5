import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt } from './migration-helpers';

/** Online applications, their timelines and uploaded documents. */
export class BusinessApplications1764800000002 implements MigrationInterface {
  name = 'BusinessApplications1764800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'business_application',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'application_no', type: 'varchar', length: '32' },
          { name: 'client_id', type: 'varchar', length: '64' },
          { name: 'created_by_user_id', type: 'varchar', length: '36' },
          { name: 'resident_ref', type: 'varchar', length: '64' },
          { name: 'applicant_id_enc', type: 'text' },
          { name: 'item_id', type: 'varchar', length: '64' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'form_enc', type: 'text' },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'hrss_version', type: 'int' },
          { name: 'hrss_accept_no', type: 'varchar', length: '32', isNullable: true },
          dt(q, 'forwarded_at', true),
          dt(q, 'submitted_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_application_no', columnNames: ['application_no'], isUnique: true }),
          new TableIndex({ name: 'uq_application_client', columnNames: ['created_by_user_id', 'client_id'], isUnique: true }),
          new TableIndex({ name: 'ix_application_resident', columnNames: ['resident_ref', 'submitted_at'] }),
          new TableIndex({ name: 'ix_application_pending', columnNames: ['forwarded_at', 'status'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'business_application_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'application_id', type: 'varchar', length: '36' },
          { name: 'version', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'by', type: 'varchar', length: '8' },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          dt(q, 'at'),
        ],
        indices: [new TableIndex({ name: 'uq_application_event_version', columnNames: ['application_id', 'version'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'business_attachment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'owner_user_id', type: 'varchar', length: '36' },
          { name: 'item_id', type: 'varchar', length: '64' },
          { name: 'slot', type: 'varchar', length: '32' },
          { name: 'type', type: 'varchar', length: '8' },
          { name: 'size_bytes', type: 'int' },
          { name: 'sm3', type: 'varchar', length: '64' },
          { name: 'storage_path', type: 'varchar', length: '255' },
          { name: 'application_id', type: 'varchar', length: '36', isNullable: true },
          dt(q, 'uploaded_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_attachment_owner', columnNames: ['owner_user_id', 'uploaded_at'] }),
          new TableIndex({ name: 'ix_attachment_application', columnNames: ['application_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('business_attachment');
    await q.dropTable('business_application_event');
    await q.dropTable('business_application');
  }
}
