import type { MedicalBillItem, MedicalSplitLine } from '@qdssc/shared';
import type { Clock } from '../../lib/clock';
import { httpRequest, parseJson, retryTransient, UpstreamError, withRetry } from '../http-client';
import { checkReply, newNonce, signedRequestHeaders } from '../hrss/hrss-wire';

const SYSTEM = 'medins';

/** Reply codes of the medical-insurance platform (same layout as HRSS: 1xxx protocol, 2xxx business, 3xxx busy). */
export const MEDINS_CODE = {
  OK: '0000',
  SIGNATURE_INVALID: '1003',
  PARAM_INVALID: '2001',
  PERSON_NOT_INSURED: '2101',
  SETTLEMENT_UNKNOWN: '2102',
  STATE_CONFLICT: '2104',
  BUSY: '3001',
} as const;

export interface MedinsConfig {
  base: string;
  channelNo: string;
  secret: string;
  timeoutMs: number;
}

export class MedinsBusinessError extends Error {
  constructor(
    readonly code: string,
    readonly medinsMessage: string,
  ) {
    super(`medical insurance refused: ${code} ${medinsMessage}`);
    this.name = 'MedinsBusinessError';
  }
}

export interface MedinsSettlement {
  settleNo: string;
  bizNo: string;
  status: 'PRESETTLED' | 'SETTLED' | 'REVERSED' | 'REFUNDED';
  totalFen: number;
  fundFen: number;
  accountFen: number;
  selfPayFen: number;
  deductibleAppliedFen: number;
  lines: MedicalSplitLine[];
}

/**
 * Client of the medical-insurance settlement platform. The wire is the HRSS scheme (DESIGN §3
 * HMAC-SM3 request signing, replies signed and bound to our nonce) with the platform's own
 * channel and secret; every call is idempotent on its side (pre-settlement on our bizNo, the
 * rest on the settlement's state), so all are retried on transport failures.
 */
export class MedicalInsuranceClient {
  private readonly basePath: string;

  constructor(
    private readonly cfg: MedinsConfig,
    private readonly clock: Clock,
  ) {
    this.basePath = new URL(cfg.base).pathname.replace(/\/$/, '');
  }

  private async call<T>(path: string, body: unknown): Promise<T> {
    const attempt = async () => {
      const text = JSON.stringify(body);
      const pathWithQuery = `${this.basePath}${path}`;
      const nonce = newNonce();
      const headers = { ...signedRequestHeaders(this.cfg.secret, this.cfg.channelNo, 'POST', pathWithQuery, text, this.clock.now(), nonce), 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };
      const res = await httpRequest(SYSTEM, `${this.cfg.base}${path}`, { method: 'POST', headers, body: text, timeoutMs: this.cfg.timeoutMs });
      if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `${path}: HTTP ${res.status}`);
      const problem = checkReply(this.cfg.secret, pathWithQuery, nonce, res.headers, res.text, this.clock.now());
      if (problem) throw new UpstreamError(SYSTEM, 'protocol', `${path}: reply refused (${problem})`);
      const reply = parseJson<{ code: string; message: string; data?: T }>(SYSTEM, res.text);
      if (reply.code === MEDINS_CODE.OK) return reply.data as T;
      if (reply.code.startsWith('3')) throw new UpstreamError(SYSTEM, 'busy', `${path}: ${reply.code} ${reply.message}`);
      if (reply.code.startsWith('1')) throw new UpstreamError(SYSTEM, 'protocol', `${path}: ${reply.code} ${reply.message}`);
      throw new MedinsBusinessError(reply.code, reply.message);
    };
    return withRetry(attempt, { attempts: 3, baseDelayMs: 100, retryable: retryTransient });
  }

  /** 预结算: splits the bill and reserves the fund and account parts. Idempotent on bizNo. */
  preSettle(p: { bizNo: string; aac002: string; institution: string; items: MedicalBillItem[] }): Promise<MedinsSettlement> {
    return this.call('/api/v1/settlements/pre', p);
  }

  /** 确认结算 once the self-pay part is paid. */
  confirm(settleNo: string, p: { selfPaidFen: number; payOrderNo: string | null }): Promise<MedinsSettlement> {
    return this.call(`/api/v1/settlements/${encodeURIComponent(settleNo)}/confirm`, p);
  }

  /** 撤销预结算: releases the reservation (declined, timed out). */
  reverse(settleNo: string, reason: string): Promise<MedinsSettlement> {
    return this.call(`/api/v1/settlements/${encodeURIComponent(settleNo)}/reverse`, { reason });
  }

  /** 退费: fund and account parts go back; the self-pay part is refunded by the payment provider. */
  refund(settleNo: string, refundNo: string): Promise<MedinsSettlement & { refundedFundFen: number; refundedAccountFen: number }> {
    return this.call(`/api/v1/settlements/${encodeURIComponent(settleNo)}/refund`, { refundNo });
  }
}
