import { randomBytes } from 'node:crypto';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Set by redis-global-setup.js: whether the Redis cases run (skipped loudly otherwise). */
export const redisAvailable = () => process.env.REDIS_AVAILABLE === '1';

export const describeRedis: jest.Describe = ((name: string, fn: jest.EmptyFunction) =>
  redisAvailable() ? describe(name, fn) : describe.skip(name, fn)) as jest.Describe;

/** A key prefix private to one test file, so parallel files never see each other's keys. */
export function testPrefix(): string {
  return `qdssc-test:${randomBytes(4).toString('hex')}:`;
}
