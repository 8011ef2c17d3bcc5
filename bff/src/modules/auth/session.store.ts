import { createHash } from 'node:crypto';
import type { LoginChannel } from '@qdssc/shared';
import type { Clock } from '../../lib/clock';
import { randomToken } from '../../lib/ids';
import type { KvStore } from '../../kv/kv-store';

export interface Session {
  userId: string;
  channel: LoginChannel;
  residentId: string | null;
  createdAt: number;
  expiresAt: number;
}

/**
 * Opaque bearer tokens. Only a SHA-256 of the token is used as the key, so a dump of the store
 * cannot be replayed as sessions. Sessions slide: each use within the TTL extends it.
 */
export class SessionStore {
  constructor(
    private readonly kv: KvStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  private key(token: string) {
    return `sess:${createHash('sha256').update(token).digest('hex')}`;
  }

  async create(userId: string, channel: LoginChannel, residentId: string | null): Promise<{ token: string; session: Session }> {
    const token = randomToken(32);
    const now = this.clock.now();
    const session: Session = { userId, channel, residentId, createdAt: now, expiresAt: now + this.ttlMs };
    await this.kv.set(this.key(token), JSON.stringify(session), this.ttlMs);
    return { token, session };
  }

  async get(token: string): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const raw = await this.kv.get(this.key(token));
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt <= this.clock.now()) return null;
    return s;
  }

  async touch(token: string, s: Session): Promise<Session> {
    const next = { ...s, expiresAt: this.clock.now() + this.ttlMs };
    await this.kv.set(this.key(token), JSON.stringify(next), this.ttlMs);
    return next;
  }

  /** After real-name binding the session learns its resident without a new login. */
  async update(token: string, patch: Partial<Pick<Session, 'residentId'>>): Promise<void> {
    const s = await this.get(token);
    if (s) await this.kv.set(this.key(token), JSON.stringify({ ...s, ...patch }), Math.max(1, s.expiresAt - this.clock.now()));
  }

  async destroy(token: string): Promise<void> {
    await this.kv.del(this.key(token));
  }
}
