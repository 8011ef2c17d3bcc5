import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `fn` in one database transaction, on both databases.
 *
 * Why not `ds.transaction()` alone: better-sqlite3 gives TypeORM a single connection and one
 * shared query runner, and TypeORM turns a second `transaction()` that starts while the first
 * is still open into a SAVEPOINT inside it — so two concurrent requests would commit or roll back
 * each other's work. On SQLite the transactions of this process therefore queue here, one at a
 * time (SQLite allows one writer anyway); on MySQL/MariaDB each gets its own pooled connection
 * and the database's row locks do the ordering.
 *
 * Keep `fn` short and free of calls to outside systems: on SQLite everyone waits for it.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function isSqlite(ds: DataSource): boolean {
  return ds.options.type === 'better-sqlite3';
}

export async function inTransaction<T>(ds: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(ds)) return ds.transaction(fn);
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.then(
    () => ds.transaction(fn),
    () => ds.transaction(fn),
  );
  // The queue only orders; a failure is the caller's, not the next transaction's.
  queues.set(
    ds,
    run.catch(() => undefined),
  );
  return run;
}

/** MySQL ER_DUP_ENTRY / SQLite UNIQUE constraint: the natural key already exists. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed|Duplicate entry/.test(e?.message ?? '');
}
