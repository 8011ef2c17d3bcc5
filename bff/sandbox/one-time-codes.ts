import { randomBytes } from 'node:crypto';

/** Login codes as the hosts issue them: random, single use, expiring (WeChat: 5 minutes). */
export class OneTimeCodes<T> {
  private readonly codes = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number) {}

  mint(value: T): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { value, expiresAt: this.now() + this.ttlMs });
    return code;
  }

  /** The value once; undefined for an unknown, used or expired code. */
  redeem(code: string): T | undefined {
    const e = this.codes.get(code);
    if (!e) return undefined;
    this.codes.delete(code);
    return e.expiresAt > this.now() ? e.value : undefined;
  }
}
