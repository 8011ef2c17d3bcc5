import type { DataSource, Repository } from 'typeorm';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { Terminal, type TerminalKind } from './terminal.entity';

export interface KnownTerminal {
  id: string;
  kind: TerminalKind;
  name: string;
  active: boolean;
  secret: string;
}

const CACHE_MS = 60_000;

/**
 * Registered terminals and their signing secrets (encrypted at rest). Lookups are cached for a
 * minute per process: a terminal signs every request, the table changes rarely.
 */
export class TerminalService {
  private readonly repo: Repository<Terminal>;
  private readonly cache = new Map<string, { t: KnownTerminal | null; at: number }>();

  constructor(db: DataSource, private readonly pii: PiiCipher, private readonly clock: Clock) {
    this.repo = db.getRepository(Terminal);
  }

  async find(id: string): Promise<KnownTerminal | null> {
    const hit = this.cache.get(id);
    if (hit && this.clock.now() - hit.at < CACHE_MS) return hit.t;
    const row = await this.repo.findOneBy({ id });
    const t = row ? { id: row.id, kind: row.kind, name: row.name, active: row.active, secret: this.pii.decrypt(row.secretCipher) } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { t, at: this.clock.now() });
    return t;
  }

  /** Registers a terminal if it is not yet known (the development seed runs this on every start). */
  async register(t: { id: string; kind: TerminalKind; name: string; secret: string }): Promise<boolean> {
    if (await this.repo.findOneBy({ id: t.id })) return false;
    const now = new Date(this.clock.now());
    try {
      await this.repo.insert(this.repo.create({ id: t.id, kind: t.kind, name: t.name, secretCipher: this.pii.encrypt(t.secret), active: true, createdAt: now, updatedAt: now }));
      return true;
    } catch (err) {
      if (await this.repo.findOneBy({ id: t.id })) return false;
      throw err;
    }
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.repo.update({ id }, { active, updatedAt: new Date(this.clock.now()) });
    this.cache.delete(id);
  }
}
