import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { PASSWORD_LOCK_MINUTES, PASSWORD_MAX_TRIES } from '@qdssc/shared';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { Ecard } from './ecard.entity';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt N=2^15, r=8, p=1 (~32 MB, tens of ms): a 6-digit space needs the slowness and the lock. */
const COST = { log2N: 15, r: 8, p: 1 };

export async function hashEcardPassword(pw: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pw, salt, 32, { N: 2 ** COST.log2N, r: COST.r, p: COST.p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', COST.log2N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyEcardPassword(pw: string, stored: string): Promise<boolean> {
  const [alg, log2N, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt') return false;
  const expected = Buffer.from(key, 'base64url');
  const got = await scrypt(pw, Buffer.from(salt, 'base64url'), expected.length, { N: 2 ** Number(log2N), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return timingSafeEqual(got, expected);
}

/**
 * Checks an e-card password against its hash with a lock: the 5th wrong try locks it for 30
 * minutes. A try is *reserved* by a conditional UPDATE before the slow hash runs, so many
 * parallel guesses cannot get more than the allowed number of tries.
 */
export class PasswordGate {
  private readonly repo: Repository<Ecard>;

  constructor(db: DataSource, private readonly clock: Clock) {
    this.repo = db.getRepository(Ecard);
  }

  async check(ecardId: string, password: string): Promise<void> {
    const tries = await this.reserveTry(ecardId);
    const row = (await this.repo.findOneBy({ id: ecardId }))!;
    if (await verifyEcardPassword(password, row.passwordHash!)) {
      await this.repo.createQueryBuilder().update(Ecard).set({ passwordFailures: 0, passwordLockedUntil: null, version: () => 'version + 1' }).where('id = :id', { id: ecardId }).execute();
      return;
    }
    if (tries >= PASSWORD_MAX_TRIES) {
      const until = new Date(this.clock.now() + PASSWORD_LOCK_MINUTES * 60_000);
      await this.repo
        .createQueryBuilder()
        .update(Ecard)
        .set({ passwordLockedUntil: until, version: () => 'version + 1' })
        .where('id = :id AND password_failures >= :max', { id: ecardId, max: PASSWORD_MAX_TRIES })
        .execute();
      throw new AppError('ECARD_PASSWORD_LOCKED', { lockedUntil: until.toISOString() });
    }
    throw new AppError('ECARD_PASSWORD_WRONG', { remainingTries: PASSWORD_MAX_TRIES - tries });
  }

  /** Counts this try (compare-and-set on `version`); returns its number. Throws when locked or unset. */
  private async reserveTry(ecardId: string): Promise<number> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const row = await this.repo.findOneBy({ id: ecardId });
      if (!row) throw new AppError('NOT_FOUND');
      if (!row.passwordHash) throw new AppError('ECARD_PASSWORD_NOT_SET');
      const now = this.clock.now();
      const lockOver = row.passwordLockedUntil !== null && row.passwordLockedUntil.getTime() <= now;
      if (row.passwordLockedUntil && !lockOver) throw new AppError('ECARD_PASSWORD_LOCKED', { lockedUntil: row.passwordLockedUntil.toISOString() });
      if (!lockOver && row.passwordFailures >= PASSWORD_MAX_TRIES) {
        // Another request reached the limit and is about to set the lock.
        throw new AppError('ECARD_PASSWORD_LOCKED', { lockedUntil: new Date(now + PASSWORD_LOCK_MINUTES * 60_000).toISOString() });
      }
      const tries = lockOver ? 1 : row.passwordFailures + 1;
      const r = await this.repo
        .createQueryBuilder()
        .update(Ecard)
        .set({ passwordFailures: tries, passwordLockedUntil: null, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: ecardId, version: row.version })
        .execute();
      if (r.affected) return tries;
    }
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: 1 });
  }
}
