import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { entities } from './entities';
import { migrations } from './migrations';

export type DbConfig = Config['db'];

/**
 * The one DataSource factory: MySQL/MariaDB through mysql2 when a URL is configured, an embedded
 * SQLite file through better-sqlite3 otherwise. `synchronize` is always off: the schema is
 * whatever the migrations made it, on both.
 */
export function createDataSource(db: DbConfig, opts: { logging?: boolean; poolSize?: number } = {}): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: opts.logging ?? false } as const;
  let options: DataSourceOptions;
  if (db.kind === 'mysql') {
    options = {
      ...common,
      type: 'mysql',
      url: db.url,
      // MariaDB without a config file defaults to latin1: Chinese names would not fit.
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: false,
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: opts.poolSize ?? 10,
      extra: { connectTimeout: 5000 },
    };
  } else {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      // WAL lets readers run while a write commits; busy_timeout waits instead of failing.
      prepareDatabase: (d: { pragma(s: string): unknown }) => {
        d.pragma('journal_mode = WAL');
        d.pragma('busy_timeout = 5000');
        d.pragma('foreign_keys = ON');
      },
    };
  }
  return new DataSource(options);
}

export async function initDataSource(ds: DataSource, migrate: boolean): Promise<DataSource> {
  await ds.initialize();
  if (migrate) await ds.runMigrations({ transaction: 'each' });
  return ds;
}
