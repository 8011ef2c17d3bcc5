import { createHash } from 'node:crypto';
import { API, type RecordKind } from '@qdssc/shared';
import type { z } from 'zod';
import { HrssBusinessError, type HrssClient } from '../../adapters/hrss/hrss.client';
import { HRSS_CODE } from '../../adapters/hrss/hrss-wire';
import { UpstreamError } from '../../adapters/http-client';
import { AppError } from '../../http/app-error';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import type { RecordsSubject } from './records-subject';

const CONTRACTS = {
  insurance: API.records.insurance,
  contributions: API.records.contributions,
  employment: API.records.employment,
  training: API.records.training,
  qualifications: API.records.qualifications,
  'skill-levels': API.records.skillLevels,
  'startup-loans': API.records.startupLoans,
} as const;

export type RecordsContract<K extends RecordKind> = (typeof CONTRACTS)[K];
export type RecordsQuery<K extends RecordKind> = z.output<NonNullable<RecordsContract<K>['query']>>;
export type RecordsPage<K extends RecordKind> = z.output<RecordsContract<K>['response']>;

export function recordsContract<K extends RecordKind>(kind: K): RecordsContract<K> {
  return CONTRACTS[kind];
}

const GENERATION_TTL_MS = 24 * 3600_000;

/** Maps HRSS business refusals to what the resident is told. */
export function mapHrssRefusal(err: unknown): unknown {
  if (!(err instanceof HrssBusinessError)) return err;
  if (err.code === HRSS_CODE.PERSON_UNKNOWN) return new AppError('HRSS_PERSON_UNKNOWN', undefined, { cause: err });
  return new AppError('HRSS_REFUSED', undefined, { cause: err });
}

/**
 * Personal records from the HRSS system. Answers are cached per user for a short while in the
 * KV store (Redis when several processes run) under a per-user generation number, so a logout
 * drops them all at once. Every read, cached or not, leaves an audit record.
 */
export class RecordsService {
  constructor(
    private readonly hrss: HrssClient,
    private readonly kv: KvStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cacheTtlMs: number,
  ) {}

  async read<K extends RecordKind>(kind: K, session: Session, subject: RecordsSubject, query: RecordsQuery<K>, requestId?: string): Promise<RecordsPage<K>> {
    const { for: _ward, ...filters } = query as Record<string, unknown>;
    const key = await this.cacheKey(session.userId, kind, subject.residentRef, filters);
    let page: RecordsPage<K> | null = null;
    let cached = false;
    if (this.cacheTtlMs > 0) {
      const hit = await this.kv.get(key);
      if (hit) {
        page = JSON.parse(hit) as RecordsPage<K>;
        cached = true;
      }
    }
    if (!page) {
      page = await this.fetch(kind, subject, filters);
      if (this.cacheTtlMs > 0) await this.kv.set(key, JSON.stringify(page), this.cacheTtlMs);
    }
    await this.audit.record({
      action: 'records.read', result: 'ok', actorUserId: session.userId, subjectResidentId: subject.residentRef,
      channel: session.channel, requestId, detail: { kind, page: Number(filters.page ?? 1), cached, ward: subject.relation === 'ward' },
    });
    return page;
  }

  /** Straight from the HRSS system: used by proofs, which must never come from a cache. */
  async fetch<K extends RecordKind>(kind: K, subject: RecordsSubject, filters: Record<string, unknown>): Promise<RecordsPage<K>> {
    const asOf = new Date(this.clock.now()).toISOString();
    let data: unknown;
    try {
      data = await this.hrss.records(kind, subject.idNumber, toHrssQuery(filters));
    } catch (err) {
      throw mapHrssRefusal(err);
    }
    const checked = recordsContract(kind).response.safeParse({ ...(data as object), asOf });
    if (!checked.success) throw new UpstreamError('hrss', 'protocol', `records/${kind}: answer does not match the contract: ${checked.error.issues[0]?.path.join('.')}`);
    return checked.data as RecordsPage<K>;
  }

  /** Logout hook: every cached answer of this user becomes unreachable at once. */
  async dropUser(userId: string): Promise<void> {
    await this.kv.incr(`rec:gen:${userId}`, GENERATION_TTL_MS);
  }

  private async cacheKey(userId: string, kind: string, residentRef: string, filters: Record<string, unknown>): Promise<string> {
    const gen = (await this.kv.get(`rec:gen:${userId}`)) ?? '0';
    const stable = JSON.stringify(Object.keys(filters).sort().map((k) => [k, filters[k]]));
    const h = createHash('sha256').update(`${kind}\u0000${residentRef}\u0000${stable}`).digest('hex').slice(0, 32);
    return `rec:${userId}:${gen}:${h}`;
  }
}

/** Query strings carry text; the HRSS system wants typed filters. */
function toHrssQuery(filters: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined) continue;
    out[k] = k === 'certified' ? v === 'true' : v;
  }
  return out;
}
