import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { HrssEventEnvelope } from '../../adapters/hrss/hrss-wire';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { HrssAggregateVersion, HrssEventRecord } from './hrss-event.entity';

/**
 * Where HRSS callbacks go once their signature checked out: one handler per event `type`
 * (application status here; card status changes and paid bills are registered by their
 * features). The processor makes every handler idempotent by eventId and runs it in one
 * transaction with the record of the event; out-of-order safety is by a per-aggregate version
 * the handler compares with what it stored (its own column, or `advanceAggregateVersion`).
 */

export type HrssEventOutcome = 'applied' | 'stale';

export interface HrssEventContext<P> {
  event: HrssEventEnvelope<P>;
  em: EntityManager;
  now: number;
  log: Logger;
}

export interface HrssEventHandler<P = unknown> {
  type: string;
  /** Checked before `handle`; a payload that does not parse is refused (HRSS retries, staff look). */
  payload: z.ZodType<P>;
  /** The thing the version counts for, e.g. `application:QDYW…` or `card:<ref>`. */
  aggregate(event: HrssEventEnvelope<P>): string;
  /** Applies the event if it is newer than what is stored; runs inside the event's transaction. */
  handle(ctx: HrssEventContext<P>): Promise<HrssEventOutcome>;
  /** After commit: notifications, cache drops. Failures are logged only. */
  afterCommit?(event: HrssEventEnvelope<P>, outcome: HrssEventOutcome): Promise<void>;
}

export class HrssEventRegistry {
  private readonly handlers = new Map<string, HrssEventHandler<any>>();

  register<P>(h: HrssEventHandler<P>): this {
    if (this.handlers.has(h.type)) throw new Error(`HRSS event type ${h.type} registered twice`);
    this.handlers.set(h.type, h);
    return this;
  }

  get(type: string): HrssEventHandler<unknown> | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()];
  }
}

export const HrssEventEnvelopeSchema = z.object({
  eventId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  type: z.string().min(1).max(64),
  version: z.number().int().min(1),
  occurredAt: z.string().datetime(),
  subject: z.object({ aac002: z.string().optional(), ref: z.string().max(128).optional() }),
  payload: z.unknown(),
});

/**
 * For handlers without a version column of their own: moves the aggregate's version forward
 * if `version` is newer, in the caller's transaction; false when an equal or newer one was seen.
 */
export async function advanceAggregateVersion(em: EntityManager, aggregate: string, version: number, now: number): Promise<boolean> {
  const repo = em.getRepository(HrssAggregateVersion);
  const r = await repo
    .createQueryBuilder()
    .update()
    .set({ version, updatedAt: new Date(now) })
    .where('aggregate = :aggregate AND version < :version', { aggregate, version })
    .execute();
  if ((r.affected ?? 0) > 0) return true;
  if (await repo.exists({ where: { aggregate } })) return false;
  try {
    await repo.insert({ aggregate, version, updatedAt: new Date(now) });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return advanceAggregateVersion(em, aggregate, version, now);
    throw err;
  }
}

export type ProcessResult = HrssEventOutcome | 'duplicate';

export class HrssEventProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly registry: HrssEventRegistry,
    private readonly clock: Clock,
  ) {}

  /** Runs the handler once per eventId; a redelivery answers `duplicate` without touching anything. */
  async process<P>(handler: HrssEventHandler<P>, event: HrssEventEnvelope<P>, log: Logger): Promise<ProcessResult> {
    const now = this.clock.now();
    let outcome: HrssEventOutcome;
    try {
      outcome = await inTransaction(this.db, async (em) => {
        const events = em.getRepository(HrssEventRecord);
        const row = events.create({
          eventId: event.eventId, type: event.type, aggregate: handler.aggregate(event), version: event.version,
          occurredAt: new Date(event.occurredAt), receivedAt: new Date(now), outcome: 'applied',
        });
        await events.insert(row); // the eventId's primary key is the idempotency lock
        const result = await handler.handle({ event, em, now, log });
        if (result !== 'applied') await events.update({ eventId: event.eventId }, { outcome: result });
        return result;
      });
    } catch (err) {
      if (isUniqueViolation(err) && (await this.db.getRepository(HrssEventRecord).exists({ where: { eventId: event.eventId } }))) return 'duplicate';
      throw err;
    }
    if (handler.afterCommit) await handler.afterCommit(event, outcome).catch((err) => log.warn({ err, eventId: event.eventId }, 'HRSS event after-commit step failed'));
    return outcome;
  }

  get handlers() {
    return this.registry;
  }
}
