import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** Migrations use TypeORM's portable Table API; these cover the few places MySQL and SQLite differ. */
export function isMysql(q: QueryRunner): boolean {
  return q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';
}

/** A millisecond-precision timestamp column. */
export function dt(q: QueryRunner, name: string, nullable = false): TableColumnOptions {
  return { name, type: 'datetime', precision: isMysql(q) ? 3 : undefined, isNullable: nullable };
}

/** Integer amounts of fen and counters: BIGINT on MySQL, INTEGER (64-bit anyway) on SQLite. */
export function bigInt(q: QueryRunner, name: string, nullable = false): TableColumnOptions {
  return { name, type: isMysql(q) ? 'bigint' : 'integer', isNullable: nullable };
}
