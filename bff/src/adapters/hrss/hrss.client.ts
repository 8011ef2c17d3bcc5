import type { CardProductionStage, PhysicalCardStatus } from '@qdssc/shared';
import type { Clock } from '../../lib/clock';
import { httpRequest, parseJson, retryTransient, UpstreamError, withRetry } from '../http-client';
import { checkReply, HRSS_CODE, newNonce, signedRequestHeaders, type HrssReply } from './hrss-wire';

const SYSTEM = 'hrss';

export interface HrssConfig {
  base: string;
  channelNo: string;
  secret: string;
  timeoutMs: number;
}

/** A business answer (2xxx) of the HRSS system: the caller decides what it means for the resident. */
export class HrssBusinessError extends Error {
  constructor(
    readonly code: string,
    readonly hrssMessage: string,
  ) {
    super(`hrss refused: ${code} ${hrssMessage}`);
    this.name = 'HrssBusinessError';
  }
}

export interface HrssCallOptions {
  /** Reads and writes that carry their own idempotency key may be retried; others never are. */
  idempotent: boolean;
  retry?: { attempts: number; baseDelayMs: number };
}

export interface HrssPerson {
  aac002: string;
  aac003: string;
  aab301: string;
  insured: boolean;
}

export interface HrssApplicationState {
  applicationNo: string;
  status: string;
  version: number;
  reason: string | null;
  acceptNo: string | null;
}

/** A bill (应缴费用) as the HRSS system holds it; amounts are decided there. */
export interface HrssBill {
  billNo: string;
  kind: 'resident_medical' | 'flexible' | 'exam' | 'training' | 'work_injury';
  title: string;
  detail: string | null;
  period: string;
  amountFen: number;
  parts: Array<{ item: string; label: string; amountFen: number }>;
  dueDate: string | null;
  status: 'unpaid' | 'paid';
  paidOrderNo: string | null;
  paidAt: string | null;
}

export interface HrssSubmission {
  applicationNo: string;
  itemCode: string;
  aac002: string;
  submittedAt: string;
  form: Record<string, unknown>;
  attachments: Array<{ slot: string; type: string; sizeBytes: number; sm3: string }>;
}

export interface HrssCardState {
  /** Opaque reference HRSS uses for the card in callbacks. */
  cardRef: string;
  cardNo: string;
  bank: string;
  issuedOn: string | null;
  status: PhysicalCardStatus;
  version: number;
  production: Array<{ stage: CardProductionStage; at: string }>;
  expectedReadyOn: string | null;
}

export type HrssCardOperation = 'activate' | 'report_temporary_loss' | 'release_temporary_loss' | 'cancel';

const CARD_OPERATION_PATHS: Record<HrssCardOperation, string> = {
  activate: '/api/v1/cards/activation',
  report_temporary_loss: '/api/v1/cards/temporary-loss',
  release_temporary_loss: '/api/v1/cards/temporary-loss/release',
  cancel: '/api/v1/cards/cancellation',
};

/**
 * Client of the Qingdao HRSS card & records system (REST JSON). Every request is signed; every
 * reply's signature, freshness and echoed nonce are checked before its body is believed. 1xxx
 * answers mean our side is misconfigured (secret, clock, channel) and surface as
 * UPSTREAM_UNAVAILABLE; 3xxx is "busy" and retried when the call is idempotent; 2xxx become
 * HrssBusinessError for the feature to map. The ID number (`aac002`) travels only in bodies,
 * never in a URL, so no proxy log holds it.
 */
export class HrssClient {
  private readonly basePath: string;

  constructor(
    private readonly cfg: HrssConfig,
    private readonly clock: Clock,
  ) {
    this.basePath = new URL(cfg.base).pathname.replace(/\/$/, '');
  }

  async call<T>(method: 'GET' | 'POST', path: string, body: unknown, opts: HrssCallOptions): Promise<T> {
    const attempt = async () => {
      const text = body === undefined ? '' : JSON.stringify(body);
      const pathWithQuery = `${this.basePath}${path}`;
      const nonce = newNonce();
      const headers: Record<string, string> = {
        ...signedRequestHeaders(this.cfg.secret, this.cfg.channelNo, method, pathWithQuery, text, this.clock.now(), nonce),
        accept: 'application/json',
      };
      if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
      const res = await httpRequest(SYSTEM, `${this.cfg.base}${path}`, { method, headers, body: body === undefined ? undefined : text, timeoutMs: this.cfg.timeoutMs });
      if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `${path}: HTTP ${res.status}`);
      const problem = checkReply(this.cfg.secret, pathWithQuery, nonce, res.headers, res.text, this.clock.now());
      if (problem) throw new UpstreamError(SYSTEM, 'protocol', `${path}: reply refused (${problem})`);
      const reply = parseJson<HrssReply<T>>(SYSTEM, res.text);
      if (typeof reply?.code !== 'string') throw new UpstreamError(SYSTEM, 'protocol', `${path}: reply without a code`);
      if (reply.code === HRSS_CODE.OK) return reply.data as T;
      if (reply.code.startsWith('3')) throw new UpstreamError(SYSTEM, 'busy', `${path}: ${reply.code} ${reply.message}`);
      if (reply.code.startsWith('1')) throw new UpstreamError(SYSTEM, 'protocol', `${path}: HRSS refused our request: ${reply.code} ${reply.message}`);
      throw new HrssBusinessError(reply.code, reply.message);
    };
    if (!opts.idempotent) return attempt();
    return withRetry(attempt, { attempts: opts.retry?.attempts ?? 3, baseDelayMs: opts.retry?.baseDelayMs ?? 100, retryable: retryTransient });
  }

  /** 人员基本信息: name and insured area of a person known to the HRSS system. */
  person(aac002: string): Promise<HrssPerson> {
    return this.call<HrssPerson>('POST', '/api/v1/persons/query', { aac002 }, { idempotent: true });
  }

  /** One page of a record kind; filters as the records contract names them. A read: retried. */
  records<T = unknown>(kind: string, aac002: string, query: Record<string, unknown>): Promise<T> {
    return this.call<T>('POST', `/api/v1/records/${encodeURIComponent(kind)}/query`, { aac002, ...query }, { idempotent: true });
  }

  /** Idempotent on applicationNo: a repeat answers the application as HRSS holds it. */
  submitApplication(s: HrssSubmission): Promise<HrssApplicationState> {
    return this.call<HrssApplicationState>('POST', '/api/v1/business/applications', s, { idempotent: true });
  }

  /** Idempotent: withdrawing a withdrawn application answers its state again. */
  withdrawApplication(applicationNo: string, reason: string | null): Promise<HrssApplicationState> {
    return this.call<HrssApplicationState>('POST', `/api/v1/business/applications/${encodeURIComponent(applicationNo)}/withdrawal`, { reason }, { idempotent: true });
  }

  application(applicationNo: string): Promise<HrssApplicationState> {
    return this.call<HrssApplicationState>('GET', `/api/v1/business/applications/${encodeURIComponent(applicationNo)}`, undefined, { idempotent: true });
  }

  /** 应缴费用查询: the person's bills, paid and unpaid (a read: retried). */
  bills(aac002: string, kind?: string): Promise<{ items: HrssBill[] }> {
    return this.call('POST', '/api/v1/bills/query', { aac002, kind: kind ?? '' }, { idempotent: true });
  }

  /** Marks bills paid by our order; idempotent on orderNo (a bill paid by another order: STATE_CONFLICT). */
  payBills(p: { billNos: string[]; orderNo: string; amountFen: number; paidAt: string }): Promise<{ orderNo: string; items: HrssBill[] }> {
    return this.call('POST', '/api/v1/bills/pay', p, { idempotent: true });
  }

  /** Reverses a payment of bills after our refund; idempotent on refundNo. */
  refundBills(p: { billNos: string[]; orderNo: string; refundNo: string }): Promise<{ refundNo: string; items: HrssBill[] }> {
    return this.call('POST', '/api/v1/bills/refund', p, { idempotent: true });
  }

  /** Bills marked paid through this channel on one day (China time), for reconciliation. */
  paidBills(date: string): Promise<{ date: string; items: Array<{ billNo: string; orderNo: string; amountFen: number; paidAt: string }> }> {
    return this.call('POST', '/api/v1/bills/paid', { date }, { idempotent: true });
  }

  /** The physical card as the system of record holds it: status, its version, production progress. */
  card(aac002: string): Promise<HrssCardState> {
    return this.call<HrssCardState>('POST', '/api/v1/cards/query', { aac002 }, { idempotent: true });
  }

  /** A card operation, idempotent on operationId (a repeat answers the card after the first one). */
  cardOperation(op: HrssCardOperation, body: { aac002: string; operationId: string; cardNo?: string }): Promise<HrssCardState> {
    return this.call<HrssCardState>('POST', CARD_OPERATION_PATHS[op], body, { idempotent: true });
  }
}
