/**
 * Short-lived state that several BFF processes must agree on: sessions, single-use marks,
 * rate-limit counters, replay caches. Redis when REDIS_URL is set; memory for one process.
 */
export interface KvStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Atomically sets the key only if absent; true when this call set it (the single-use primitive). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Increments a counter, starting its TTL on first increment; returns the new value. */
  incr(key: string, ttlMs: number): Promise<number>;
  /** Remaining time to live in ms, or null if the key is absent. */
  ttl(key: string): Promise<number | null>;
  del(key: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
