import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Stack } from '../test/support/stack';
import { load, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

function listen(server: Server): Promise<string> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** What our middleware stack costs: /healthz and a DB-backed route against a bare Koa hello-world. */
export const httpBench: Bench = {
  name: 'http',
  description: 'BFF /healthz and /readyz (SELECT 1 on SQLite) vs bare Koa, autocannon 50 connections × 5 s',
  async run() {
    const bare = new Koa();
    bare.use((ctx) => {
      ctx.body = { status: 'ok' };
    });
    const bareServer = createServer(bare.callback());
    const bareUrl = await listen(bareServer);
    let stack: Stack | undefined;
    try {
      stack = await startBenchStack();
      const rows = [];
      // A short warm-up per target so the JIT, not the order of runs, decides nothing.
      for (const u of [`${bareUrl}/`, `${stack.baseUrl}/healthz`, `${stack.baseUrl}/readyz`]) await load({ url: u, durationSec: 1 });
      const hello = await load({ url: `${bareUrl}/` });
      rows.push({ target: 'bare Koa hello-world', 'req/s': hello.rps, 'p50 ms': hello.p50, 'p99 ms': hello.p99, ratio: '1.00' });
      for (const path of ['/healthz', '/readyz']) {
        const r = await load({ url: `${stack.baseUrl}${path}` });
        rows.push({ target: `BFF ${path}`, 'req/s': r.rps, 'p50 ms': r.p50, 'p99 ms': r.p99, ratio: (r.rps / hello.rps).toFixed(2) });
        if (r.errors || r.non2xx) console.log(`  (${path}: ${r.errors} errors, ${r.non2xx} non-2xx)`);
      }
      table('HTTP throughput (in-process server, 1 Node process, 2 cores shared with the load generator)', rows);
    } finally {
      bareServer.close();
      await stack?.close();
    }
  },
};
