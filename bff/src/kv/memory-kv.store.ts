import type { Clock } from '../lib/clock';
import { systemClock } from '../lib/clock';
import type { KvStore } from './kv-store';

/** One process only: what a single `npm start` or a test needs. */
export class MemoryKvStore implements KvStore {
  private readonly data = new Map<string, { value: string; expiresAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly clock: Clock = systemClock) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private live(key: string) {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.clock.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.data.set(key, { value, expiresAt: this.clock.now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    this.data.set(key, { value, expiresAt: this.clock.now() + ttlMs });
    return true;
  }

  async incr(key: string, ttlMs: number) {
    const e = this.live(key);
    if (!e) {
      this.data.set(key, { value: '1', expiresAt: this.clock.now() + ttlMs });
      return 1;
    }
    e.value = String(Number(e.value) + 1);
    return Number(e.value);
  }

  async ttl(key: string) {
    const e = this.live(key);
    return e ? e.expiresAt - this.clock.now() : null;
  }

  async del(key: string) {
    this.data.delete(key);
  }

  async ping() {
    return true;
  }

  async close() {
    clearInterval(this.sweeper);
    this.data.clear();
  }

  private sweep() {
    const now = this.clock.now();
    for (const [k, e] of this.data) if (e.expiresAt <= now) this.data.delete(k);
  }
}
