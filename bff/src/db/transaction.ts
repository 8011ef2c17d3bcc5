import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `fn` in a transaction on either database.
 *
 * SQLite (better-sqlite3) has a single connection and TypeORM shares one query runner for it:
 * two concurrent `db.transaction()` calls would silently nest as savepoints of each other and
 * commit or roll back together. So on SQLite transactions are queued, one at a time (never call
 * this from inside `fn`; keep `fn` short and free of calls to outside systems: on SQLite everyone
 * waits for it). On MySQL/MariaDB each gets its own pooled connection; a deadlock
 * (two inserts racing on a unique key) is retried a few times, as InnoDB expects.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function isSqlite(db: DataSource): boolean {
  return db.options.type === 'better-sqlite3';
}

function isDeadlock(err: unknown): boolean {
  const e = err as { errno?: number; code?: string; driverError?: { errno?: number; code?: string } };
  const errno = e?.errno ?? e?.driverError?.errno;
  const code = e?.code ?? e?.driverError?.code;
  return errno === 1213 || errno === 1205 || code === 'ER_LOCK_DEADLOCK';
}

export async function inTransaction<T>(db: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(db)) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(fn);
      } catch (err) {
        if (attempt >= 4 || !isDeadlock(err)) throw err;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }
  const previous = queues.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  queues.set(db, previous.then(() => mine));
  await previous.catch(() => undefined);
  try {
    return await db.transaction(fn);
  } finally {
    release();
  }
}

/** A duplicate-key error from either driver (unique index or primary key). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number }; message?: string };
  const code = e?.code ?? e?.driverError?.code;
  const errno = e?.errno ?? e?.driverError?.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed|Duplicate entry/.test(e?.message ?? '');
}
