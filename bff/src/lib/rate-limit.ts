import { AppError } from '../http/app-error';
import type { KvStore } from '../kv/kv-store';

/**
 * Fixed-window limit shared by all BFF processes through the KV store. Throws RATE_LIMITED with
 * the seconds to wait, which the error handler turns into a Retry-After header.
 */
export async function enforceRateLimit(kv: KvStore, key: string, limit: number, windowMs: number): Promise<void> {
  const n = await kv.incr(`rl:${key}`, windowMs);
  if (n > limit) {
    const ttl = (await kv.ttl(`rl:${key}`)) ?? windowMs;
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) });
  }
}
