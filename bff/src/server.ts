import 'reflect-metadata';
import { createServer } from 'node:http';
import { createApp } from './app';
import { closeDeps, createDeps } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { seedDevelopment } from './db/seed';
import { Scheduler } from './lib/scheduler';

/**
 * Production entry: config from the environment, migrations, listen, and a graceful shutdown
 * that stops accepting connections, lets running requests finish (up to 10 s), then closes the
 * database and Redis.
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const deps = await createDeps(config);
  if (config.sandbox.enabled) await seedDevelopment(deps);
  const app = createApp(deps);
  // Background jobs (payment closer, daily reconciliation) run here, never in tests unless asked.
  const scheduler = new Scheduler(deps.clock, deps.logger);
  app.services.payments.schedule(scheduler);
  app.services.notifications.schedule(scheduler);
  app.services.fees.schedule(scheduler);
  app.services.medical.schedule(scheduler);
  app.services.payTerminal.schedule(scheduler);
  scheduler.start();
  const server = createServer(app.callback());
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const db = config.db.kind === 'mysql' ? 'MySQL' : `SQLite ${config.db.path}`;
  deps.logger.info({ port: config.port, db, redis: Boolean(config.redisUrl), sandbox: config.sandbox.enabled }, 'BFF listening');

  // Applications HRSS has not acknowledged yet (it was down) are handed over again every minute;
  // documents uploaded but never submitted are removed after a day.
  const forwarder = setInterval(() => {
    app.services.business.forwardPending().catch((err) => deps.logger.warn({ err }, 'application forwarder failed'));
    app.services.business.purgeUnattached().catch((err) => deps.logger.warn({ err }, 'purging unused documents failed'));
    // E-card revocations of cancelled cards the national platform has not confirmed yet.
    app.services.cards.drainOutbox().catch((err) => deps.logger.warn({ err }, 'card outbox drain failed'));
  }, 60_000);
  forwarder.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(forwarder);
    deps.logger.info({ signal }, 'shutting down');
    scheduler.stop();
    const force = setTimeout(() => {
      deps.logger.warn('requests still running after 10 s; closing anyway');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await closeDeps(deps);
      deps.logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error('BFF failed to start:', err);
  process.exit(1);
});
