import { RedisKvStore } from '../src/kv/redis-kv.store';
import { describeRedis, REDIS_URL, testPrefix } from './support/redis';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

describeDb('two BFF instances behind one load balancer', () => {
  describeRedis('sharing Redis', () => {
    let a: Stack;
    let b: Stack;
    beforeAll(async () => {
      const prefix = testPrefix();
      a = await startStack({ kv: new RedisKvStore(REDIS_URL, prefix) });
      b = await startStack({ kv: new RedisKvStore(REDIS_URL, prefix) });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('accept a session created on the other instance and end it everywhere on logout', async () => {
      const onA = await a.loginAs('adult-active', 'h5');
      const onB = b.api.withToken(onA.token!);
      expect((await onB.get('/api/v1/auth/me')).status).toBe(200);
      expect((await onB.post('/api/v1/auth/logout')).status).toBe(200);
      expect((await onA.get('/api/v1/auth/me')).body.code).toBe('SESSION_EXPIRED');
    });

    it('count a login rate limit across instances', async () => {
      const tries = [];
      for (let i = 0; i < 32; i++) tries.push((i % 2 ? a : b).api.post('/api/v1/auth/login', { channel: 'h5', code: `bogus-${i}` }));
      const codes = (await Promise.all(tries)).map((r) => r.body.code);
      // 30 logins a minute per address, counted on both instances; the previous test used one.
      expect(codes.filter((c) => c === 'LOGIN_CODE_INVALID')).toHaveLength(29);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(3);
    });
  });
});
