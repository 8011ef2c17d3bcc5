import { BRANCH_SERVICES, districtByCode, servicesMask, type BranchService, type BranchSummary } from '@qdssc/shared';
import type { DataSource } from 'typeorm';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { BranchImport } from './branch-import.entity';
import { Branch } from './branch.entity';
import { BranchIndex, type IndexedPoint } from './branch-index';

export type BranchRecord = BranchSummary & IndexedPoint;

export interface DirectorySnapshot {
  index: BranchIndex<BranchRecord>;
  /** The import id the index was built from (null: no data yet). */
  version: string | null;
  builtAt: number;
}

export function toRecord(b: Branch): BranchRecord {
  const services = b.services.split(',').filter((s): s is BranchService => (BRANCH_SERVICES as readonly string[]).includes(s));
  const hours = { weekday: b.weekdayHours, weekend: b.weekendHours ?? null };
  return {
    id: b.id,
    bank: b.bank,
    name: b.name,
    district: districtByCode(b.districtCode)?.name ?? b.districtCode,
    districtCode: b.districtCode,
    address: b.address,
    phone: b.phone,
    lat: Number(b.lat),
    lng: Number(b.lng),
    services,
    hours,
    synthetic: Boolean(b.synthetic),
    mask: servicesMask(services),
  };
}

/**
 * Keeps the spatial index in step with the database, which stays the store. Each BFF process
 * builds its own index at first use and checks, at most every `refreshMs` and without holding up
 * the request that notices, whether a newer import was recorded (by this or any other process,
 * or the import command); if so it builds a new index and swaps it in whole. Requests read the
 * current snapshot reference once, so none ever sees a half-built index.
 */
export class BranchDirectory {
  private current: DirectorySnapshot | undefined;
  private building: Promise<DirectorySnapshot> | undefined;
  private lastCheck = 0;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly refreshMs = 30_000,
  ) {}

  /**
   * The current snapshot; the first call waits for the first build. If there is none and the
   * database cannot give one, the resident is told to try later (BRANCHES_NOT_READY), not a 500.
   */
  async snapshot(): Promise<DirectorySnapshot> {
    const snap =
      this.current ??
      (await this.rebuild().catch((err) => {
        throw new AppError('BRANCHES_NOT_READY', undefined, { cause: err });
      }));
    if (this.clock.now() - this.lastCheck >= this.refreshMs) {
      this.lastCheck = this.clock.now();
      this.refreshIfChanged().catch((err) => this.log.warn({ err }, 'branch index refresh failed; serving the previous one'));
    }
    return snap;
  }

  /** The newest recorded import, i.e. the data set version in the database. */
  async storedVersion(): Promise<string | null> {
    const [row] = await this.db.getRepository(BranchImport).find({ select: { id: true }, order: { id: 'DESC' }, take: 1 });
    return row?.id ?? null;
  }

  /** Rebuilds when the database holds a newer data set than the index; true when it did. */
  async refreshIfChanged(): Promise<boolean> {
    this.lastCheck = this.clock.now();
    const stored = await this.storedVersion();
    if (this.current && stored === this.current.version) return false;
    await this.rebuild();
    return true;
  }

  /** Builds a new index from the database and swaps it in; concurrent calls share one build. */
  rebuild(): Promise<DirectorySnapshot> {
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async build(): Promise<DirectorySnapshot> {
    const started = Date.now();
    // Version first: a later import makes the next check rebuild again rather than be missed.
    const version = await this.storedVersion();
    const rows = await this.db.getRepository(Branch).find({ order: { id: 'ASC' } });
    const next: DirectorySnapshot = { index: BranchIndex.build(rows.map(toRecord)), version, builtAt: this.clock.now() };
    this.current = next;
    this.log.info({ outlets: rows.length, version, ms: Date.now() - started }, 'branch index built');
    return next;
  }
}
