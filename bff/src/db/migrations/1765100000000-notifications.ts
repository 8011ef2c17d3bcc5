import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt } from './migration-helpers';

/** Subscription messages: the outbox, deliveries per account, grants per account and topic, the inbox. */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notification_outbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'dedupe_key', type: 'varchar', length: '160' },
          { name: 'resident_id', type: 'varchar', length: '64' },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'topic', type: 'varchar', length: '32' },
          { name: 'data', type: 'text' },
          { name: 'page', type: 'varchar', length: '255', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'int' },
          dt(q, 'next_attempt_at'),
          { name: 'claimed_by', type: 'varchar', length: '64', isNullable: true },
          dt(q, 'claimed_until', true),
          { name: 'last_error', type: 'varchar', length: '255', isNullable: true },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_notification_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_notification_due', columnNames: ['status', 'next_attempt_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_delivery',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'outbox_id', type: 'varchar', length: '36' },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'template_id', type: 'varchar', length: '128', isNullable: true },
          dt(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_notification_delivery', columnNames: ['outbox_id', 'user_id'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_subscription',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'topic', type: 'varchar', length: '32' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'template_id', type: 'varchar', length: '128' },
          { name: 'grants', type: 'int' },
          { name: 'last_answer', type: 'varchar', length: '16', isNullable: true },
          dt(q, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_notification_subscription', columnNames: ['user_id', 'topic'], isUnique: true })],
        checks: [{ name: 'ck_notification_grants', expression: 'grants >= 0' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_inbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'outbox_id', type: 'varchar', length: '36' },
          { name: 'owner_ref', type: 'varchar', length: '72' },
          { name: 'topic', type: 'varchar', length: '32' },
          { name: 'data', type: 'text' },
          { name: 'page', type: 'varchar', length: '255', isNullable: true },
          { name: 'about_ward', type: 'boolean' },
          dt(q, 'read_at', true),
          dt(q, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_notification_inbox', columnNames: ['outbox_id', 'owner_ref'], isUnique: true }),
          new TableIndex({ name: 'ix_notification_inbox_owner', columnNames: ['owner_ref', 'created_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notification_inbox', 'notification_subscription', 'notification_delivery', 'notification_outbox']) await q.dropTable(t);
  }
}
