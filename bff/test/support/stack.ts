import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppDeps, type AppOverrides } from '../../src/app';
import { closeDeps, createDeps } from '../../src/bootstrap';
import { loadConfig, type Config } from '../../src/config';
import { seedDevelopment } from '../../src/db/seed';
import { MemoryKvStore } from '../../src/kv/memory-kv.store';
import type { KvStore } from '../../src/kv/kv-store';
import { ManualClock, systemClock, type Clock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';
import { createSandboxApp, type SandboxApp } from '../../sandbox/sandbox-app';
import { ApiClient } from './api-client';
import { LogCapture } from './log-capture';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface Stack {
  config: Config;
  app: App;
  baseUrl: string;
  sandbox: SandboxApp;
  sandboxUrl: string;
  db: TestDatabase;
  kv: KvStore;
  clock: Clock;
  logs: LogCapture;
  api: ApiClient;
  /** Logs in as a roster persona through the real adapter and twin; returns a client with the token. */
  loginAs(personaId: string, channel?: 'wechat' | 'alipay' | 'h5'): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** A ManualClock lets a test move time; defaults to the system clock. */
  clock?: Clock | 'manual';
  env?: Record<string, string>;
  kv?: KvStore;
  seed?: boolean;
  /** Log level of the captured logger (default debug: tests assert on log lines). */
  logLevel?: string;
  /** Parts other features provide, made from the stack's dependencies (e.g. a test subject resolver). */
  overrides?: (deps: AppDeps) => AppOverrides;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/**
 * The whole back end as production runs it — sandbox twins over HTTP, the BFF over HTTP, a real
 * database (SQLite or MySQL by jest project) — on free ports, for one test file.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const clock = opts.clock === 'manual' ? new ManualClock(Date.now()) : (opts.clock ?? systemClock);
  const sandbox = createSandboxApp({ now: () => clock.now() });
  const sandboxServer = createServer(sandbox.callback());
  const sandboxUrl = await listen(sandboxServer);

  const db = await createTestDatabase();
  const uploadDir = mkdtempSync(join(tmpdir(), 'qdssc-uploads-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    SANDBOX: '1',
    SANDBOX_URL: sandboxUrl,
    LOG_LEVEL: 'debug',
    UPLOAD_DIR: uploadDir,
    ...(db.config.kind === 'mysql' ? { DB_URL: db.config.url } : { SQLITE_PATH: db.config.path }),
    ...opts.env,
  });
  const logs = new LogCapture();
  const kv = opts.kv ?? new MemoryKvStore(clock);
  const deps = await createDeps(config, { db: db.ds, kv, clock, logger: createLogger(opts.logLevel ?? 'debug', logs) });
  if (opts.seed !== false) await seedDevelopment(deps);
  const app = createApp({ ...deps, overrides: opts.overrides?.(deps) });
  const server = createServer(app.callback());
  const baseUrl = await listen(server);
  sandbox.sandbox.bffBaseUrl = baseUrl;
  const api = new ApiClient(baseUrl);

  return {
    config,
    app,
    baseUrl,
    sandbox,
    sandboxUrl,
    db,
    kv,
    clock,
    logs,
    api,
    async loginAs(personaId, channel = 'h5') {
      const minted = await api.post('/api/v1/sandbox/login-codes', { personaId, channel });
      if (minted.status !== 200) throw new Error(`cannot mint a code for ${personaId}: ${JSON.stringify(minted.body)}`);
      const res = await api.post('/api/v1/auth/login', { channel, code: minted.body.data.code });
      if (res.status !== 200) throw new Error(`login as ${personaId} failed: ${JSON.stringify(res.body)}`);
      return api.withToken(res.body.data.token);
    },
    async close() {
      const closing = [new Promise((r) => server.close(r)), new Promise((r) => sandboxServer.close(r))];
      server.closeAllConnections();
      sandboxServer.closeAllConnections();
      await Promise.all(closing);
      await closeDeps(deps);
      await db.drop();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
