import { withRosterSubjects } from '../test/support/roster-subject-resolver';
import type { Stack } from '../test/support/stack';
import { load, ms, percentile, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

const LATENCY_MS = 50;
const PATH = '/api/v1/records/contributions?from=2020-01&to=2025-12&pageSize=20';

async function stackWith(cacheTtlSeconds: number): Promise<{ stack: Stack; token: string }> {
  const stack = await startBenchStack({ overrides: withRosterSubjects, env: { RECORDS_CACHE_TTL_SECONDS: String(cacheTtlSeconds) } });
  await fetch(`${stack.sandboxUrl}/sandbox/hrss/settings`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: LATENCY_MS, advanceStepMs: 0 }),
  });
  const c = await stack.loginAs('adult-active');
  return { stack, token: c.token! };
}

/**
 * A records query through the BFF with the HRSS twin answering after 50 ms: from the per-user
 * cache (KV, TTL 60 s) and uncached (TTL 0: every request goes to HRSS, signed both ways).
 * Both write an audit row per read. Plus the time to issue a proof PDF (HRSS + SM2 + pdfkit).
 */
export const recordsBench: Bench = {
  name: 'records',
  description: `Records query p99 with the HRSS twin at ${LATENCY_MS} ms simulated latency, cached vs uncached (autocannon 1 and 10 connections × 5 s, SQLite, twin in the same process); proof PDF issue time`,
  async run() {
    const rows = [];
    for (const [label, ttl] of [['uncached (TTL 0)', 0], ['cached (TTL 60 s)', 60]] as const) {
      const { stack, token } = await stackWith(ttl);
      try {
        const headers = { authorization: `Bearer ${token}` };
        await load({ url: `${stack.baseUrl}${PATH}`, headers, connections: 10, durationSec: 1 });
        for (const connections of [1, 10]) {
          const r = await load({ url: `${stack.baseUrl}${PATH}`, headers, connections, durationSec: 5 });
          rows.push({ query: `contributions, ${label}, ${connections} conn.`, 'req/s': r.rps, 'p50 ms': r.p50, 'p99 ms': r.p99, errors: r.errors + r.non2xx });
        }
        if (ttl > 0) {
          const times: number[] = [];
          const c = await stack.loginAs('adult-second-guardian');
          for (let i = 0; i < 10; i++) {
            const t = process.hrtime.bigint();
            const res = await c.post('/api/v1/proofs', { from: '2016-01', to: '2025-12' });
            if (res.status !== 200) throw new Error(`proof issue failed: ${res.text}`);
            times.push(Number(process.hrtime.bigint() - t) / 1e6);
          }
          rows.push({ query: 'issue a 10-year proof PDF (sequential × 10)', 'req/s': '-', 'p50 ms': ms(percentile(times, 50), 0), 'p99 ms': ms(percentile(times, 99), 0), errors: 0 });
        }
      } finally {
        await stack.close();
      }
    }
    table(`Records through the BFF, HRSS twin at ${LATENCY_MS} ms`, rows);
  },
};
