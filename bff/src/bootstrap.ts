import type { DataSource } from 'typeorm';
import { createAdapters, type Adapters } from './adapters';
import type { AppDeps } from './app';
import type { Config } from './config';
import { createDataSource, initDataSource } from './db/data-source';
import { createKvStore } from './kv/create-kv-store';
import type { KvStore } from './kv/kv-store';
import { systemClock, type Clock } from './lib/clock';
import { createLogger, type Logger } from './lib/logger';

/** Everything createApp needs, made from the configuration; any part can be supplied instead. */
export async function createDeps(
  config: Config,
  given: Partial<{ db: DataSource; kv: KvStore; logger: Logger; clock: Clock; adapters: Adapters }> = {},
): Promise<AppDeps> {
  const clock = given.clock ?? systemClock;
  const logger = given.logger ?? createLogger(config.logLevel);
  const db = given.db ?? (await initDataSource(createDataSource(config.db), config.dbMigrateOnStart));
  const kv = given.kv ?? createKvStore(config.redisUrl, clock);
  const adapters = given.adapters ?? createAdapters(config, clock);
  return { config, db, kv, logger, clock, adapters };
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.kv.close().catch(() => undefined);
  if (deps.db.isInitialized) await deps.db.destroy().catch(() => undefined);
}
