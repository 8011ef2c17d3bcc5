import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import { httpRequest, parseJson, retryTransient, UpstreamError, withRetry } from '../http-client';
import { buildRequest, MSG, openSecurity, verifyParams, withinSkew, type CsbReply } from './csb-codec';

const SYSTEM = 'national-platform';

export type NationalConfig = Config['national'];

/** A business answer other than success: the caller decides what it means for the resident. */
export class NationalBusinessError extends Error {
  constructor(readonly msgCode: string, readonly msg: string) {
    super(`national platform refused: ${msgCode} ${msg}`);
    this.name = 'NationalBusinessError';
  }
}

export interface PersonVerification {
  /** Name and ID number belong together in the national population data. */
  matched: boolean;
  /** Insured (or drawing benefits) in the requested area. */
  insuredHere: boolean;
  /** Where the person is insured, when known (e.g. 370200 Qingdao). */
  insuredArea: string | null;
}

/**
 * Client of the national e-SSC platform's CSB gateway. Every reply is checked (signature,
 * timestamp) before it is decrypted or believed; transport-level msgCodes (our signature,
 * clock, key) mean our side is misconfigured and surface as UPSTREAM_UNAVAILABLE.
 * Only idempotent calls are retried: reads, and writes that carry a `busiSeq`.
 */
export class NationalPlatformClient {
  constructor(
    private readonly cfg: NationalConfig,
    private readonly clock: Clock,
  ) {}

  async call<T>(api: string, business: Record<string, unknown>, opts: { idempotent: boolean }): Promise<T> {
    const attempt = async () => {
      const params = buildRequest(api, { channelNo: this.cfg.channelNo, ...business }, this.cfg, this.clock.now());
      const res = await httpRequest(SYSTEM, this.cfg.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(params).toString(),
        timeoutMs: this.cfg.timeoutMs,
      });
      if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `HTTP ${res.status}`);
      if (res.status !== 200) throw new UpstreamError(SYSTEM, 'protocol', `HTTP ${res.status}`);
      const reply = parseJson<CsbReply>(SYSTEM, res.text);
      if (!verifyParams(reply as unknown as Record<string, string>, this.cfg.secretKey)) {
        throw new UpstreamError(SYSTEM, 'protocol', `reply to ${api} has an invalid signature`);
      }
      if (!withinSkew(reply._api_timestamp, this.clock.now())) {
        throw new UpstreamError(SYSTEM, 'protocol', `reply to ${api} is outside the ±5 min window`);
      }
      if (reply.msgCode === MSG.SYSTEM_BUSY) throw new UpstreamError(SYSTEM, 'busy', reply.msg);
      if (reply.msgCode.startsWith('1')) {
        throw new UpstreamError(SYSTEM, 'protocol', `gateway refused our request: ${reply.msgCode} ${reply.msg}`);
      }
      if (reply.msgCode !== MSG.OK) throw new NationalBusinessError(reply.msgCode, reply.msg);
      if (!reply.result) return undefined as T;
      try {
        return openSecurity<T>(reply.result, this.cfg.sm4Key);
      } catch (err) {
        throw new UpstreamError(SYSTEM, 'protocol', 'reply result cannot be decrypted', err);
      }
    };
    if (!opts.idempotent) return attempt();
    return withRetry(attempt, { attempts: 3, baseDelayMs: 100, retryable: retryTransient });
  }

  /** 人员核验: name + ID match and the insured area. A read, so it is retried on transient failure. */
  async verifyPerson(input: { idNumber: string; name: string; area: string }): Promise<PersonVerification> {
    try {
      const r = await this.call<{ aab301: string | null; insured: boolean }>(
        'essc.person.verify',
        { aac002: input.idNumber, aac003: input.name, aab301: input.area },
        { idempotent: true },
      );
      return { matched: true, insuredHere: r.insured, insuredArea: r.aab301 };
    } catch (err) {
      if (err instanceof NationalBusinessError && err.msgCode === MSG.PERSON_MISMATCH) return { matched: false, insuredHere: false, insuredArea: null };
      if (err instanceof NationalBusinessError && err.msgCode === MSG.NOT_INSURED_HERE) {
        return { matched: true, insuredHere: false, insuredArea: null };
      }
      throw err;
    }
  }
}
