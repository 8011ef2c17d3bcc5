import { createHash } from 'node:crypto';
import {
  ERRORS,
  HANDOFF_CATEGORY_NAMES,
  HOTLINE_NUMBER,
  isErrorCode,
  maskIdNumber,
  maskName,
  scrubPii,
  type HandoffRequest,
  type HandoffResponse,
} from '@qdssc/shared';
import type { DataSource, Repository } from 'typeorm';
import type { HotlineClient, HotlineTicketRequest } from '../../adapters/hotline/hotline.client';
import { AppError } from '../../http/app-error';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import { HotlineHandoff } from './hotline-handoff.entity';

/** The resident's identity as the hotline may see it: masked, or nothing for an unbound account. */
export interface HandoffIdentity {
  maskedName: string;
  maskedIdNumber: string;
}

/**
 * Supplied by the identity feature (real-name binding). Until then, and for accounts that are not
 * bound, nobody's identity goes with a ticket.
 */
export type HandoffIdentityProvider = (session: Session) => Promise<HandoffIdentity | null>;

export const noHandoffIdentity: HandoffIdentityProvider = async () => null;

/** Per user: a handful of tickets per quarter hour; more is a loop or abuse, and 12345 is a call away. */
export const HANDOFF_LIMIT = { count: 5, windowMs: 15 * 60_000 };

/** A `pending` handoff untouched this long was left by a crashed process and may be retried. */
const STALE_PENDING_MS = 60_000;

/**
 * Hands a failed operation to the 12345 hotline. The ticket says what failed (operation, error
 * code, request id) and who asks (masked name and ID number when the account is real-name
 * bound), and never carries an ID or phone number in clear. The resident gets a ticket number to
 * quote. Idempotent on (user, clientOpId); status changes are conditional UPDATEs following
 * HANDOFF_TRANSITIONS.
 */
export class HotlineService {
  private readonly repo: Repository<HotlineHandoff>;

  constructor(
    private readonly db: DataSource,
    private readonly hotline: HotlineClient,
    private readonly kv: KvStore,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    /** Replaced by the identity feature's provider when it is wired in. */
    public identity: HandoffIdentityProvider = noHandoffIdentity,
  ) {
    this.repo = db.getRepository(HotlineHandoff);
  }

  async handOff(session: Session, req: HandoffRequest, ctx: { requestId: string; log: Logger }): Promise<HandoffResponse> {
    const hash = requestHash(req);
    let h = await this.repo.findOneBy({ userId: session.userId, clientOpId: req.clientOpId });
    if (!h) {
      await this.enforceLimit(session.userId);
      h = await this.insertPending(session, req, hash);
    }
    if (h.requestHash !== hash) throw new AppError('IDEMPOTENCY_CONFLICT');
    if (h.status === 'submitted') return view(h);
    if (!(await this.claim(h))) throw new AppError('HOTLINE_HANDOFF_IN_PROGRESS');

    const identity = await this.identity(session).catch((err) => {
      ctx.log.warn({ err }, 'hotline handoff: identity lookup failed; sending the ticket without it');
      return null;
    });
    const ticketReq = this.ticketRequest(h, session, req, identity);
    let ticket;
    try {
      ticket = await this.hotline.createTicket(ticketReq);
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      await this.repo
        .createQueryBuilder()
        .update()
        .set({ status: 'failed', lastError: code, updatedAt: new Date(this.clock.now()) })
        .where('id = :id AND status = :from', { id: h.id, from: 'pending' })
        .execute();
      await this.record(session, h, 'failed', code, ctx.requestId);
      throw new AppError('HOTLINE_UNAVAILABLE', { handoffId: h.id, hotline: HOTLINE_NUMBER, retryable: true }, { cause: err });
    }
    const now = new Date(this.clock.now());
    const done = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'submitted', ticketNo: ticket.ticketNo, submittedAt: now, updatedAt: now, identityShared: identity !== null, lastError: null })
      .where('id = :id AND status = :from', { id: h.id, from: 'pending' })
      .execute();
    const stored = await this.repo.findOneByOrFail({ id: h.id });
    if (!done.affected && stored.status !== 'submitted') throw new AppError('HOTLINE_HANDOFF_IN_PROGRESS');
    await this.record(session, stored, 'ok', null, ctx.requestId);
    return view(stored);
  }

  private async enforceLimit(userId: string): Promise<void> {
    const key = `rl:hotline:${userId}`;
    const n = await this.kv.incr(key, HANDOFF_LIMIT.windowMs);
    if (n > HANDOFF_LIMIT.count) {
      const ttl = (await this.kv.ttl(key)) ?? HANDOFF_LIMIT.windowMs;
      throw new AppError('HOTLINE_HANDOFF_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)), hotline: HOTLINE_NUMBER });
    }
  }

  private async insertPending(session: Session, req: HandoffRequest, hash: string): Promise<HotlineHandoff> {
    const now = this.clock.now();
    const h = this.repo.create({
      id: newId(now),
      userId: session.userId,
      clientOpId: req.clientOpId,
      requestHash: hash,
      category: req.category,
      operation: req.context.operation,
      errorCode: req.context.errorCode ?? null,
      failingRequestId: req.context.requestId ?? null,
      status: 'pending',
      ticketNo: null,
      attempts: 0,
      lastError: null,
      identityShared: false,
      createdAt: new Date(now),
      updatedAt: new Date(now),
      submittedAt: null,
    });
    try {
      await this.repo.insert(h);
      return h;
    } catch (err) {
      // The same request twice at once: the other insert won; continue with its row.
      const again = await this.repo.findOneBy({ userId: session.userId, clientOpId: req.clientOpId });
      if (again) return again;
      throw err;
    }
  }

  /**
   * Takes the right to call the hotline for this handoff: a new one (attempts 0), a failed one, or
   * a pending one abandoned by a crashed process. One conditional UPDATE, so two requests with
   * the same key never both call.
   */
  private async claim(h: HotlineHandoff): Promise<boolean> {
    const now = this.clock.now();
    const r = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'pending', attempts: () => 'attempts + 1', updatedAt: new Date(now) })
      .where('id = :id', { id: h.id })
      .andWhere("(status = 'failed' OR (status = 'pending' AND (attempts = 0 OR updated_at < :stale)))", { stale: new Date(now - STALE_PENDING_MS) })
      .execute();
    return Boolean(r.affected);
  }

  private ticketRequest(h: HotlineHandoff, session: Session, req: HandoffRequest, identity: HandoffIdentity | null): HotlineTicketRequest {
    const code = req.context.errorCode ?? null;
    const known = code && isErrorCode(code) ? ERRORS[code].zh : null;
    const categoryName = HANDOFF_CATEGORY_NAMES[req.category];
    return {
      clientRef: h.id,
      category: req.category,
      categoryName,
      summary: scrubPii(`${categoryName}：操作 ${req.context.operation} 未成功${code ? `（${code}${known ? `：${known}` : ''}）` : ''}`),
      operation: req.context.operation,
      errorCode: code,
      errorMessage: known,
      requestId: req.context.requestId ?? null,
      page: req.context.page ?? null,
      occurredAt: h.createdAt.toISOString(),
      caller: {
        channel: session.channel,
        accountRef: session.userId,
        realNameVerified: identity !== null,
        // Masked again here: whatever the provider returns, nothing leaves in clear.
        maskedName: identity ? (identity.maskedName.includes('*') ? identity.maskedName : maskName(identity.maskedName)) : null,
        maskedIdNumber: identity ? (/^\w{4}\*{10}\w{4}$/.test(identity.maskedIdNumber) ? identity.maskedIdNumber : maskIdNumber(identity.maskedIdNumber)) : null,
      },
      note: req.context.note ? scrubPii(req.context.note) : null,
    };
  }

  private async record(session: Session, h: HotlineHandoff, result: 'ok' | 'failed', code: string | null, requestId: string): Promise<void> {
    await this.audit.record({
      action: 'hotline.handoff',
      result,
      actorUserId: session.userId,
      subjectResidentId: session.residentId,
      channel: session.channel,
      code,
      requestId,
      detail: { handoffId: h.id, category: h.category, operation: h.operation, errorCode: h.errorCode, ticketNo: h.ticketNo },
    });
  }
}

function requestHash(req: HandoffRequest): string {
  const c = req.context;
  const canonical = [req.category, c.operation, c.errorCode ?? '', c.requestId ?? '', c.page ?? '', c.note ?? ''].join('\u0000');
  return createHash('sha256').update(canonical).digest('hex');
}

function view(h: HotlineHandoff): HandoffResponse {
  return {
    handoffId: h.id,
    ticketNo: h.ticketNo!,
    hotline: '12345',
    status: 'submitted',
    createdAt: h.createdAt.toISOString(),
    identityShared: Boolean(h.identityShared),
  };
}
