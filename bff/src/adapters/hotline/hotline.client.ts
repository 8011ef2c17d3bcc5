import { randomBytes } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import { signRequest } from '../../lib/crypto/request-signing';
import { httpRequest, parseJson, retryTransient, UpstreamError, withRetry } from '../http-client';

const SYSTEM = 'hotline';

export interface HotlineConfig {
  /** e.g. https://12345.qingdao.gov.cn/ticket-api (sandbox: <SANDBOX_URL>/hotline) */
  apiBase: string;
  /** Our 10-digit channel number at the hotline (X-Channel-No). */
  channelNo: string;
  secret: string;
  timeoutMs: number;
}

/** What a ticket carries. Identity fields are masked before they get here; the twin checks. */
export interface HotlineTicketRequest {
  /** Our handoff id: the hotline answers a repeated clientRef with the same ticket. */
  clientRef: string;
  category: string;
  categoryName: string;
  summary: string;
  operation: string;
  errorCode: string | null;
  errorMessage: string | null;
  requestId: string | null;
  page: string | null;
  occurredAt: string;
  caller: {
    channel: string;
    accountRef: string;
    realNameVerified: boolean;
    maskedName: string | null;
    maskedIdNumber: string | null;
  };
  note: string | null;
}

export interface HotlineTicket {
  ticketNo: string;
  acceptedAt: string;
}

interface HotlineReply {
  code?: string;
  message?: string;
  data?: { ticketNo?: string; acceptedAt?: string };
}

/**
 * The 12345 hotline's ticket API: JSON over HTTPS, each request signed with the DESIGN §3 scheme
 * (HMAC-SM3 over method, path, timestamp, nonce and the body's SM3) under our channel number.
 * Creating a ticket is idempotent on `clientRef`, so timeouts and 5xx are retried safely.
 */
export class HotlineClient {
  constructor(
    private readonly cfg: HotlineConfig,
    private readonly clock: Clock,
    private readonly retry = { attempts: 3, baseDelayMs: 200 },
  ) {}

  async createTicket(req: HotlineTicketRequest): Promise<HotlineTicket> {
    return withRetry(() => this.post<HotlineTicket>('/v1/tickets', req), { ...this.retry, retryable: retryTransient });
  }

  private async post<T>(path: string, payload: unknown): Promise<T> {
    const url = new URL(`${this.cfg.apiBase.replace(/\/$/, '')}${path}`);
    const body = JSON.stringify(payload);
    const timestamp = String(this.clock.now());
    const nonce = randomBytes(16).toString('base64url');
    const signature = signRequest(this.cfg.secret, 'POST', url.pathname + url.search, timestamp, nonce, body);
    const res = await httpRequest(SYSTEM, url.toString(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-channel-no': this.cfg.channelNo,
        'x-timestamp': timestamp,
        'x-nonce': nonce,
        'x-signature': signature,
      },
      body,
      timeoutMs: this.cfg.timeoutMs,
    });
    if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `HTTP ${res.status}`);
    const reply = parseJson<HotlineReply>(SYSTEM, res.text);
    if (reply.code === 'BUSY') throw new UpstreamError(SYSTEM, 'busy', reply.message ?? 'busy');
    // Anything else that is not success is a bug on our side (signature, fields): not retried.
    if (res.status !== 200 || reply.code !== '0' || !reply.data?.ticketNo) {
      throw new UpstreamError(SYSTEM, 'protocol', `HTTP ${res.status} ${reply.code ?? '?'} ${reply.message ?? ''}`.trim());
    }
    return reply.data as T;
  }
}
