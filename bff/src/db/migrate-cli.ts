import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { createDataSource } from './data-source';

/** `npm run migration:run -w @qdssc/bff`: applies pending migrations to DB_URL (or the SQLite file) and exits. */
async function main() {
  // Outside production the demo credentials stand in for secrets this command does not use.
  const config = loadConfig({ SANDBOX: process.env.NODE_ENV === 'production' ? undefined : '1', ...process.env });
  const ds = createDataSource(config.db, { logging: true });
  await ds.initialize();
  const applied = await ds.runMigrations({ transaction: 'each' });
  console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
  await ds.destroy();
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
