import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { DbConfig } from '../../src/db/data-source';
import { createDataSource, initDataSource } from '../../src/db/data-source';

/** Which database this jest project runs on (set by env-sqlite.js / env-mysql.js). */
export const TEST_DB: 'sqlite' | 'mysql' = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';

export const mysqlAvailable = () => process.env.MYSQL_AVAILABLE === '1';

/**
 * `describe` for suites that touch the database: on the MySQL project it is skipped (loudly, by
 * the global setup) when no MySQL answers.
 */
export const describeDb: jest.Describe = ((name: string, fn: jest.EmptyFunction) =>
  TEST_DB === 'mysql' && !mysqlAvailable() ? describe.skip(`[${TEST_DB}] ${name}`, fn) : describe(`[${TEST_DB}] ${name}`, fn)) as jest.Describe;

export interface TestDatabase {
  config: DbConfig;
  ds: DataSource;
  drop(): Promise<void>;
}

/**
 * A private database per test file: a fresh SQLite file, or a fresh MySQL schema created with
 * utf8mb4 (MariaDB's default latin1 cannot hold Chinese names), migrated, dropped afterwards.
 */
export async function createTestDatabase(opts: { migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  const migrate = opts.migrate ?? true;
  if (TEST_DB === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'qdssc-test-'));
    const config: DbConfig = { kind: 'sqlite', path: join(dir, 'test.sqlite') };
    const ds = await initDataSource(createDataSource(config), migrate);
    return {
      config,
      ds,
      drop: async () => {
        if (ds.isInitialized) await ds.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = new URL(process.env.DB_URL || 'mysql://root@127.0.0.1:3306/test');
  const name = `t_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const config: DbConfig = { kind: 'mysql', url: url.toString() };
  const ds = await initDataSource(createDataSource(config, { poolSize: opts.poolSize ?? 20 }), migrate);
  return {
    config,
    ds,
    drop: async () => {
      if (ds.isInitialized) await ds.destroy();
      const a = await mysql.createConnection({ uri: base.toString() });
      await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.end();
    },
  };
}
