import Redis from 'ioredis';
import type { KvStore } from './kv-store';

/** Shared by every BFF process; keys are prefixed so tests and deployments can share a server. */
export class RedisKvStore implements KvStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'qdssc:') {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  private k(key: string) {
    return this.prefix + key;
  }

  async get(key: string) {
    return this.redis.get(this.k(key));
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.redis.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    const r = await this.redis.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return r === 'OK';
  }

  async incr(key: string, ttlMs: number) {
    const [[, n]] = (await this.redis
      .multi()
      .incr(this.k(key))
      .pexpire(this.k(key), Math.max(1, Math.ceil(ttlMs)), 'NX')
      .exec()) as [[Error | null, number], unknown];
    return n;
  }

  async ttl(key: string) {
    const ms = await this.redis.pttl(this.k(key));
    return ms < 0 ? null : ms;
  }

  async del(key: string) {
    await this.redis.del(this.k(key));
  }

  async ping() {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
