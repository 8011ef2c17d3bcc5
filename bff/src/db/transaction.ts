import type { DataSource, EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<void>>();

/**
 * `db.transaction(fn)` that is safe under concurrency on both databases. MySQL gives each
 * transaction its own pooled connection. better-sqlite3 has one connection and TypeORM does not
 * queue transactions on it (a second BEGIN fails with "cannot start a transaction within a
 * transaction"), so on SQLite transactions wait their turn here. Keep `fn` short and free of
 * calls to outside systems.
 */
export async function inTransaction<T>(db: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  const type = db.options.type;
  if (type !== 'better-sqlite3') return db.transaction(fn);
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  sqliteQueues.set(db, previous.then(() => mine));
  await previous;
  try {
    return await db.transaction(fn);
  } finally {
    release();
  }
}
