import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { createDeps } from '../src/bootstrap';
import { RedisKvStore } from '../src/kv/redis-kv.store';
import { createLogger } from '../src/lib/logger';
import { describeRedis, REDIS_URL, testPrefix } from './support/redis';
import { describeDb } from './support/test-db';
import { startStack, type Stack } from './support/stack';
import { qrFor, terminal, terminalPost, withEcard } from './support/ecard-flow';
import { LogCapture } from './support/log-capture';
import { ApiClient } from './support/api-client';

describeDb('QR codes across two BFF processes', () => {
  describeRedis('sharing Redis', () => {
    let a: Stack;
    let b: { url: string; server: Server; kv: RedisKvStore };
    const prefix = testPrefix();

    beforeAll(async () => {
      a = await startStack({ kv: new RedisKvStore(REDIS_URL, prefix) });
      const kv = new RedisKvStore(REDIS_URL, prefix);
      const deps = await createDeps(a.config, { db: a.db.ds, kv, clock: a.clock, logger: createLogger('warn', new LogCapture()) });
      const server = createServer(createApp(deps).callback());
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      b = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, kv };
    });
    afterAll(async () => {
      b?.server.closeAllConnections();
      await new Promise((r) => b?.server.close(r));
      await b?.kv.close();
      await a?.close();
    });

    it('verifies on one process a code issued by the other, once in total under 50 concurrent tries on both', async () => {
      const holder = await withEcard(a, 'elder');
      const other = { clock: a.clock, api: new ApiClient(b.url) };
      const first = await terminalPost(other, terminal('transport'), { qrcode: await qrFor(holder.client, holder.ecard.id), busiType: '01' });
      expect(first.status).toBe(200);

      const qrcode = await qrFor(holder.client, holder.ecard.id);
      const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => terminalPost(i % 2 ? a : other, terminal(i % 3 ? 'transport' : 'library'), { qrcode, busiType: '01' })));
      expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
      expect(rs.filter((r) => r.body.code === 'QR_CODE_USED')).toHaveLength(49);
    });
  });
});
