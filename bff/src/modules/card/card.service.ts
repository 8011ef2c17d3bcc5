import { createHash } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager, type Repository } from 'typeorm';
import {
  CARD_OPERATIONS, CARD_PRODUCTION_STAGES, canCardOperation, cardOnlineActions, cardUsability, isLaterProductionStage,
  type CardOperation, type CardProductionStage, type CardView, type PhysicalCardStatus,
} from '@qdssc/shared';
import { HrssBusinessError, type HrssCardOperation, type HrssClient } from '../../adapters/hrss/hrss.client';
import { HRSS_CODE } from '../../adapters/hrss/hrss-wire';
import type { NationalPlatformClient } from '../../adapters/national-platform/national-platform.client';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError, isAppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import type { CardStatusService } from '../ecard/card-status.service';
import { Ecard } from '../ecard/ecard.entity';
import type { EcardService } from '../ecard/ecard.service';
import { PhysicalCard } from '../ecard/physical-card.entity';
import type { GuardianshipQueries } from '../family/guardianship.queries';
import type { Resident } from '../identity/resident.entity';
import type { ResidentService } from '../identity/resident.service';
import type { Notifier } from '../notifications/notifier.port';
import { CardOutbox, CardStatusEvent } from './card.entities';

export interface CardDeps {
  db: DataSource;
  clock: Clock;
  pii: PiiCipher;
  hrss: HrssClient;
  national: NationalPlatformClient;
  residents: ResidentService;
  guardians: GuardianshipQueries;
  ecards: EcardService;
  cardStatus: CardStatusService;
  audit: AuditService;
  notifier: Notifier;
  logger: Logger;
}

export type OnlineCardOperation = Extract<CardOperation, HrssCardOperation>;

export interface OperationInput {
  operationId: string;
  password?: string;
  faceCheckId?: string;
  cardNo?: string;
}

const seq = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32);
const CARD_PAGE = 'package-card/card/index';

/**
 * The physical card's lifecycle online. HRSS is the system of record: an operation is checked
 * against the table (`canCardOperation`), confirmed afresh (e-card password or face check), sent
 * to HRSS (idempotent on the client's operation id) and then mirrored here in ONE transaction —
 * the physical card row moves by a conditional UPDATE guarded by HRSS's version, so the e-card's
 * usability (`CardStatusService.check`, read by QR issuing and terminal verification without any
 * cache) follows before the answer leaves. Branch-side changes arrive as HRSS callbacks and go
 * through `applyHrssStatus`, the same guarded path.
 */
export class CardService {
  private readonly cards: Repository<PhysicalCard>;
  private readonly events: Repository<CardStatusEvent>;
  private readonly outbox: Repository<CardOutbox>;

  constructor(private readonly d: CardDeps) {
    this.cards = d.db.getRepository(PhysicalCard);
    this.events = d.db.getRepository(CardStatusEvent);
    this.outbox = d.db.getRepository(CardOutbox);
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────

  private async me(session: Session): Promise<Resident> {
    return this.d.ecards.requireResident(session);
  }

  /** The card if it is the caller's own or a current ward's; otherwise NOT_FOUND. */
  private async access(session: Session, cardId: string): Promise<{ card: PhysicalCard; resident: Resident; me: Resident; relation: 'self' | 'ward' }> {
    const me = await this.me(session);
    const card = /^[0-9a-f-]{36}$/.test(cardId) ? await this.cards.findOneBy({ id: cardId }) : null;
    if (!card) throw new AppError('NOT_FOUND');
    if (card.residentId === me.id) return { card, resident: me, me, relation: 'self' };
    if (await this.d.guardians.mayActFor(me.id, card.residentId)) return { card, resident: (await this.d.residents.findById(card.residentId))!, me, relation: 'ward' };
    throw new AppError('NOT_FOUND');
  }

  /** The stored card, fetched from HRSS the first time (before any e-card was applied for). */
  private async cardOf(resident: Resident): Promise<PhysicalCard | null> {
    const stored = await this.d.cardStatus.physicalOf(resident.id);
    if (stored?.hrssRef) return stored;
    try {
      return await this.d.cardStatus.refresh(resident.id, this.d.residents.identity(resident).idNumber);
    } catch (err) {
      if (stored) return stored;
      if (isAppError(err) && err.code === 'CARD_NOT_FOUND') return null;
      throw err;
    }
  }

  async list(session: Session): Promise<CardView[]> {
    const me = await this.me(session);
    const out: CardView[] = [];
    const own = await this.cardOf(me);
    if (own) out.push(await this.view(own, 'self'));
    for (const { ward, minor } of await this.d.guardians.of(me.id)) {
      const c = minor ? await this.cardOf(ward) : null;
      if (c) out.push(await this.view(c, 'ward'));
    }
    return out;
  }

  async get(session: Session, cardId: string): Promise<CardView> {
    const a = await this.access(session, cardId);
    return this.view(a.card, a.relation);
  }

  async view(card: PhysicalCard, relation: 'self' | 'ward'): Promise<CardView> {
    const ecard = await this.d.db.getRepository(Ecard).findOneBy({ residentId: card.residentId });
    const u = cardUsability(card.status, ecard?.status ?? 'active');
    const timeline = await this.events.find({ where: { physicalCardId: card.id }, order: { version: 'DESC' }, take: 20 });
    const done = new Map((card.production ?? []).map((p) => [p.stage, p.at]));
    return {
      id: card.id,
      relation,
      ecardId: ecard?.id ?? null,
      status: card.status,
      statusVersion: card.statusVersion,
      maskedCardNo: card.cardNoMasked,
      bank: card.bank,
      issuedOn: card.issuedOn,
      actions: cardOnlineActions(card.status),
      branchActions: CARD_OPERATIONS.filter((op) => {
        const online = canCardOperation(op, card.status, 'online');
        return !online.allowed && canCardOperation(op, card.status, 'branch').allowed;
      }),
      usable: u.usable && Boolean(ecard),
      unusableCode: ecard ? (u.usable ? null : u.code) : 'ECARD_NOT_SIGNED',
      production: {
        stages: CARD_PRODUCTION_STAGES.map((stage) => ({ stage, at: done.get(stage) ?? null })),
        current: card.productionStage,
        expectedReadyOn: card.expectedReadyOn,
      },
      timeline: timeline.map((e) => ({ at: e.at.toISOString(), from: e.fromStatus, to: e.toStatus, source: e.source, operation: e.operation })),
    };
  }

  // ── operations ───────────────────────────────────────────────────────────────────────

  async operate(session: Session, cardId: string, op: OnlineCardOperation, input: OperationInput, requestId?: string): Promise<CardView> {
    const { card, resident, me, relation } = await this.access(session, cardId);
    const audit = (result: 'ok' | 'refused', code?: string, detail: Record<string, unknown> = {}) =>
      this.d.audit.record({ action: `card.${op}`, result, code, actorUserId: session.userId, subjectResidentId: resident.id, channel: session.channel, requestId, detail: { relation, ...detail } as never });

    // A retry of an operation that went through answers the card as it is now.
    const prior = await this.events.findOneBy({ actorUserId: session.userId, operationId: input.operationId });
    if (prior) {
      if (prior.physicalCardId !== card.id || prior.operation !== op) throw new AppError('IDEMPOTENCY_CONFLICT');
      return this.view((await this.cards.findOneBy({ id: card.id }))!, relation);
    }

    try {
      const decision = canCardOperation(op, card.status, 'online');
      if (!decision.allowed) throw new AppError(decision.code, { advice: decision.advice });
      if (!input.password && !input.faceCheckId) throw new AppError('CARD_CONFIRMATION_REQUIRED');
      if (op === 'activate' && normalizeCardNo(input.cardNo) !== this.d.pii.decrypt(card.cardNoCipher)) throw new AppError('CARD_NUMBER_MISMATCH');
      const confirmedBy = await this.d.ecards.confirmActor(session, me, input);
      const { idNumber } = this.d.residents.identity(resident);
      const state = await this.d.hrss
        .cardOperation(op, { aac002: idNumber, operationId: input.operationId, ...(op === 'activate' ? { cardNo: normalizeCardNo(input.cardNo) } : {}) })
        .catch((err) => this.hrssRefusal(err, resident, idNumber));
      await inTransaction(this.d.db, async (em) => {
        const moved = await this.moveTo(em, card, state.status, state.version);
        await em.getRepository(CardStatusEvent).insert({
          id: newId(this.d.clock.now()), physicalCardId: card.id, residentId: card.residentId, fromStatus: card.status, toStatus: state.status, version: state.version,
          source: 'online', operation: op, actorUserId: session.userId, operationId: input.operationId, confirmedBy, at: new Date(this.d.clock.now()),
        });
        if (moved) await this.mirror(em, card, state.status, state.version);
      });
      await audit('ok', undefined, { confirmedBy, to: state.status, version: state.version });
    } catch (err) {
      if (isUniqueViolation(err)) {
        // The same operation id raced with itself: the other request recorded it.
        return this.view((await this.cards.findOneBy({ id: card.id }))!, relation);
      }
      await audit('refused', isAppError(err) ? err.code : 'INTERNAL');
      throw err;
    }
    await this.drainOutbox();
    return this.view((await this.cards.findOneBy({ id: card.id }))!, relation);
  }

  /** HRSS refused: its state differs from ours (changed at a branch meanwhile). Re-read and say so. */
  private async hrssRefusal(err: unknown, resident: Resident, idNumber: string): Promise<never> {
    if (err instanceof HrssBusinessError) {
      if (err.code === HRSS_CODE.CARD_NUMBER_MISMATCH) throw new AppError('CARD_NUMBER_MISMATCH');
      if (err.code === HRSS_CODE.STATE_CONFLICT) {
        await this.d.cardStatus.refresh(resident.id, idNumber).catch(() => undefined);
        throw new AppError('CARD_STATUS_CHANGED');
      }
    }
    throw err;
  }

  /**
   * The guarded move: only if HRSS's version is newer than the stored one. False when an equal or
   * newer state is already here (a callback came first, or this one is late).
   */
  private async moveTo(em: EntityManager, card: PhysicalCard, status: PhysicalCardStatus, version: number): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(PhysicalCard)
      .set({ status, statusVersion: version, updatedAt: new Date(this.d.clock.now()) })
      .where('id = :id AND status_version < :version', { id: card.id, version })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  /** What follows a status change, in the same transaction: e-card revocation on cancellation, the notification. */
  private async mirror(em: EntityManager, card: PhysicalCard, status: PhysicalCardStatus, version: number): Promise<void> {
    if (status === 'cancelled' || status === 'replaced') {
      const ecard = await em.getRepository(Ecard).findOneBy({ residentId: card.residentId });
      if (ecard && ecard.status === 'active') {
        await em
          .createQueryBuilder()
          .update(Ecard)
          .set({ status: 'revoked', updatedAt: new Date(this.d.clock.now()), version: () => 'version + 1' })
          .where('id = :id AND status = :s', { id: ecard.id, s: 'active' })
          .execute();
        const busiSeq = seq(ecard.id, ecard.signNo, 'card-closed');
        const exists = await em.getRepository(CardOutbox).exists({ where: { busiSeq } });
        if (!exists) {
          await em.getRepository(CardOutbox).insert({ id: newId(this.d.clock.now()), kind: 'revoke_ecard', ecardId: ecard.id, busiSeq, attempts: 0, lastError: null, doneAt: null, createdAt: new Date(this.d.clock.now()) });
        }
      }
    }
    await this.d.notifier.notify(
      { residentId: card.residentId, topic: 'card_status', dedupeKey: `card:${card.id}:v${version}`, data: { status, card: card.cardNoMasked }, page: `${CARD_PAGE}?id=${card.id}` },
      em,
    );
  }

  /**
   * Revokes e-cards of cancelled/replaced cards at the national platform. Idempotent by busiSeq, so
   * a crash between the call and the mark is harmless; called after each cancellation and every minute.
   */
  async drainOutbox(): Promise<number> {
    const pending = await this.outbox.find({ where: { doneAt: IsNull() }, order: { createdAt: 'ASC' }, take: 50 });
    let done = 0;
    for (const row of pending) {
      const ecard = await this.d.db.getRepository(Ecard).findOneBy({ id: row.ecardId });
      const resident = ecard ? await this.d.residents.findById(ecard.residentId) : null;
      try {
        if (ecard && resident) await this.d.national.revokeChannel({ busiSeq: row.busiSeq, signNo: ecard.signNo, idNumber: this.d.residents.identity(resident).idNumber });
        await this.outbox.update({ id: row.id }, { doneAt: new Date(this.d.clock.now()), attempts: row.attempts + 1, lastError: null });
        done += 1;
      } catch (err) {
        // A business refusal means there is nothing left to revoke (not signed any more).
        if (isAppError(err) && err.status < 500) {
          await this.outbox.update({ id: row.id }, { doneAt: new Date(this.d.clock.now()), attempts: row.attempts + 1, lastError: err.code });
          done += 1;
        } else {
          await this.outbox.update({ id: row.id }, { attempts: row.attempts + 1, lastError: String((err as Error).message ?? err).slice(0, 200) });
          this.d.logger.warn({ err, outboxId: row.id }, 'e-card revocation at the national platform failed; will retry');
        }
      }
    }
    return done;
  }

  // ── HRSS callbacks ───────────────────────────────────────────────────────────────────

  /** `card.status` from HRSS: applied only if newer than what is stored (duplicates and late ones are stale). */
  async applyHrssStatus(em: EntityManager, ref: string, status: PhysicalCardStatus, version: number, source: 'online' | 'branch'): Promise<'applied' | 'stale'> {
    const card = await em.getRepository(PhysicalCard).findOneBy({ hrssRef: ref });
    if (!card) return 'stale';
    const moved = await this.moveTo(em, card, status, version);
    if (!moved) return 'stale';
    // Our own online operations record their event in their request; a callback about one only repairs the state.
    if (source === 'branch') {
      await em.getRepository(CardStatusEvent).insert({
        id: newId(this.d.clock.now()), physicalCardId: card.id, residentId: card.residentId, fromStatus: card.status, toStatus: status, version,
        source: 'branch', operation: operationFor(card.status, status), actorUserId: null, operationId: null, confirmedBy: null, at: new Date(this.d.clock.now()),
      });
    }
    await this.mirror(em, card, status, version);
    return 'applied';
  }

  /** `card.production` from HRSS: stages only move forward. */
  async applyHrssProduction(em: EntityManager, ref: string, stage: CardProductionStage, at: string): Promise<'applied' | 'stale'> {
    const card = await em.getRepository(PhysicalCard).findOneBy({ hrssRef: ref });
    if (!card || !isLaterProductionStage(stage, card.productionStage)) return 'stale';
    const earlier = CARD_PRODUCTION_STAGES.slice(0, CARD_PRODUCTION_STAGES.indexOf(stage));
    const production = [...(card.production ?? []).filter((p) => p.stage !== stage), { stage, at }];
    const qb = em.createQueryBuilder().update(PhysicalCard).set({ productionStage: stage, production: production as never, updatedAt: new Date(this.d.clock.now()) });
    const r = await qb.where('id = :id AND (production_stage IS NULL OR production_stage IN (:...earlier))', { id: card.id, earlier: earlier.length ? earlier : ['-'] }).execute();
    if (!r.affected) return 'stale';
    await this.d.notifier.notify(
      { residentId: card.residentId, topic: 'card_production', dedupeKey: `card-production:${card.id}:${stage}`, data: { stage, card: card.cardNoMasked }, page: `${CARD_PAGE}?id=${card.id}` },
      em,
    );
    return 'applied';
  }
}

function normalizeCardNo(s: string | undefined): string {
  return String(s ?? '').replace(/\s+/g, '').toUpperCase();
}

/** The operation a branch-side change stands for, for the timeline. */
function operationFor(from: PhysicalCardStatus, to: PhysicalCardStatus): CardOperation | null {
  const op = CARD_OPERATIONS.find((o) => {
    const d = canCardOperation(o, from, 'branch');
    return d.allowed && d.to === to;
  });
  return op ?? null;
}
