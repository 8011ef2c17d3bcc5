import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt, isMysql } from './migration-helpers';

/** Accounts per host identity and the append-only audit trail. */
export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'channel_user_id', type: 'varchar', length: '128' },
          { name: 'resident_id', type: 'varchar', length: '36', isNullable: true },
          dt(q, 'created_at'),
          dt(q, 'last_login_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_app_user_channel', columnNames: ['channel', 'channel_user_id'], isUnique: true }),
          new TableIndex({ name: 'ix_app_user_resident', columnNames: ['resident_id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          dt(q, 'at'),
          { name: 'actor_user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_terminal_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'subject_resident_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'channel', type: 'varchar', length: '16', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'result', type: 'varchar', length: '16' },
          { name: 'code', type: 'varchar', length: '64', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'detail', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_subject', columnNames: ['subject_resident_id', 'at'] }),
          new TableIndex({ name: 'ix_audit_actor', columnNames: ['actor_user_id', 'at'] }),
        ],
      }),
    );

    // Append-only is enforced by the database, not only by the absence of an update method.
    if (isMysql(q)) {
      await q.query(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'",
      );
      await q.query(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'",
      );
    } else {
      await q.query("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
      await q.query("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS audit_log_no_update');
    await q.query('DROP TRIGGER IF EXISTS audit_log_no_delete');
    await q.dropTable('audit_log');
    await q.dropTable('app_user');
  }
}
