import { ManualClock } from '../lib/clock';
import { describeRedis, REDIS_URL, testPrefix } from '../../test/support/redis';
import type { KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv.store';
import { RedisKvStore } from './redis-kv.store';

function contract(name: string, make: () => { kv: KvStore; advance(ms: number): Promise<void> }, describeFn: jest.Describe = describe) {
  describeFn(`the ${name} key-value store`, () => {
    let kv: KvStore;
    let advance: (ms: number) => Promise<void>;
    beforeAll(() => {
      ({ kv, advance } = make());
    });
    afterAll(async () => {
      await kv?.close();
    });

    it('sets a key only once when many callers race for it', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => kv.setIfAbsent('once', String(i), 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('counts in a window and forgets after it', async () => {
      const counts = await Promise.all(Array.from({ length: 20 }, () => kv.incr('counter', 200)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await advance(250);
      expect(await kv.incr('counter', 200)).toBe(1);
    });

    it('expires values after their time to live', async () => {
      await kv.set('short', 'v', 100);
      expect(await kv.get('short')).toBe('v');
      expect(await kv.ttl('short')).toBeGreaterThan(0);
      await advance(150);
      expect(await kv.get('short')).toBeNull();
      expect(await kv.ttl('short')).toBeNull();
    });

    it('deletes', async () => {
      await kv.set('gone', 'v', 10_000);
      await kv.del('gone');
      expect(await kv.get('gone')).toBeNull();
    });
  });
}

contract('memory', () => {
  const clock = new ManualClock();
  return { kv: new MemoryKvStore(clock), advance: async (ms) => clock.advance(ms) };
});

contract(
  'Redis',
  () => ({ kv: new RedisKvStore(REDIS_URL, testPrefix()), advance: (ms) => new Promise((r) => setTimeout(r, ms)) }),
  describeRedis,
);
