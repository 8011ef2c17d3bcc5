import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bigInt, dt, isMysql } from './migration-helpers';

/** E-card payment limit counters, terminal charges (merchant scans the resident) and registered merchants. */
export class PayTerminal1764900000000 implements MigrationInterface {
  name = 'PayTerminal1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'ecard_pay_day',
        columns: [{ ...v('resident_id', 36), isPrimary: true }, { ...v('day', 10), isPrimary: true }, bigInt(q, 'total_fen'), bigInt(q, 'no_password_fen')],
        checks: [{ name: 'ck_ecard_pay_day_amounts', expression: 'total_fen >= 0 AND no_password_fen >= 0 AND no_password_fen <= total_fen' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'terminal_charge',
        columns: [
          { ...v('id', 36), isPrimary: true },
          v('terminal_id', 64),
          v('out_trade_no', 32),
          v('request_hash', 64),
          v('merchant_name', 128),
          bigInt(q, 'amount_fen'),
          { name: 'items_json', type: isMysql(q) ? 'mediumtext' : 'text' },
          v('status', 16),
          v('order_id', 36, true),
          v('ecard_id', 36, true),
          v('resident_id', 36, true),
          v('holder_json', 255, true),
          { name: 'password_required', type: 'boolean', default: false },
          v('limit_day', 10, true),
          v('error_code', 64, true),
          dt(q, 'confirm_by', true),
          dt(q, 'paid_at', true),
          { name: 'first_result', type: isMysql(q) ? 'mediumtext' : 'text', isNullable: true },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_terminal_charge_out_trade_no', columnNames: ['terminal_id', 'out_trade_no'], isUnique: true }),
          new TableIndex({ name: 'ix_terminal_charge_resident', columnNames: ['resident_id', 'status'] }),
          new TableIndex({ name: 'ix_terminal_charge_status_confirm', columnNames: ['status', 'confirm_by'] }),
        ],
        checks: [
          { name: 'ck_terminal_charge_amount', expression: 'amount_fen > 0' },
          { name: 'ck_terminal_charge_status', expression: "status IN ('PROCESSING','USERPAYING','SUCCESS','CLOSED','REFUNDED','FAILED')" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'merchant',
        columns: [
          { ...v('id', 16), isPrimary: true },
          v('name', 64),
          v('kind', 16),
          v('short_code', 12),
          { name: 'active', type: 'boolean', default: true },
          dt(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_merchant_short_code', columnNames: ['short_code'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('merchant');
    await q.dropTable('terminal_charge');
    await q.dropTable('ecard_pay_day');
  }
}
