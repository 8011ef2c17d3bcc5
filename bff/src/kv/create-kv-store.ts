import type { Clock } from '../lib/clock';
import type { KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv.store';
import { RedisKvStore } from './redis-kv.store';

export function createKvStore(redisUrl: string | undefined, clock: Clock, prefix?: string): KvStore {
  return redisUrl ? new RedisKvStore(redisUrl, prefix) : new MemoryKvStore(clock);
}
