import type { IdType, PhysicalCardStatus, Relationship, SignLevel } from '@qdssc/shared';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
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

  /**
   * 签发: signs the e-card for this channel. Idempotent by `busiSeq`: a retry with the same
   * busiSeq answers the same signature, so it is retried on transient failure. A person already
   * signed under another busiSeq answers ALREADY_SIGNED (see `signStatus`).
   */
  async sign(input: SignInput): Promise<SignResult> {
    const r = await this.call<SignReply>(
      'essc.card.sign',
      {
        busiSeq: input.busiSeq,
        aac002: input.idNumber,
        aac003: input.name,
        aac058: ID_TYPE_CODES[input.idType],
        ...(input.guardian ? { guardianAac002: input.guardian.idNumber, guardianAac003: input.guardian.name, relation: input.guardian.relationship } : {}),
      },
      { idempotent: true },
    ).catch(rethrowAsAppError);
    return toSign(r);
  }

  /** 提升签发等级: level 2 after the platform checked the bank account of the physical card. */
  async raiseLevel(input: { busiSeq: string; signNo: string; idNumber: string; bankAccount: string }): Promise<{ signLevel: SignLevel; bank: string }> {
    const r = await this.call<{ signLevel: number; bankName: string }>(
      'essc.card.level.raise',
      { busiSeq: input.busiSeq, signNo: input.signNo, aac002: input.idNumber, aae010: input.bankAccount },
      { idempotent: true },
    ).catch(rethrowAsAppError);
    return { signLevel: r.signLevel === 2 ? 2 : 1, bank: r.bankName };
  }

  /** 签发状态: whether (and how) the person is signed for this channel. A read. */
  async signStatus(idNumber: string): Promise<(SignResult & { status: 'active' | 'revoked' }) | null> {
    try {
      const r = await this.call<SignReply & { status: 'active' | 'revoked' }>('essc.card.sign.status', { aac002: idNumber }, { idempotent: true });
      return { ...toSign(r), status: r.status };
    } catch (err) {
      if (err instanceof NationalBusinessError && err.msgCode === MSG.NOT_SIGNED) return null;
      throw rethrowAsAppError(err);
    }
  }

  /** 撤销渠道: this channel's signature ends; the person can be signed again later. */
  async revokeChannel(input: { busiSeq: string; signNo: string; idNumber: string }): Promise<void> {
    await this.call('essc.card.channel.revoke', { busiSeq: input.busiSeq, signNo: input.signNo, aac002: input.idNumber }, { idempotent: true }).catch(rethrowAsAppError);
  }

  /** 实体卡状态: the physical card behind the e-card. A read; no card answers CARD_NOT_FOUND. */
  async physicalCardStatus(idNumber: string): Promise<PhysicalCardInfo> {
    const r = await this.call<{ aaz500: string; cardStatus: PhysicalCardStatus; bankName: string; issueDate: string | null }>(
      'essc.card.physical.status',
      { aac002: idNumber },
      { idempotent: true },
    ).catch(rethrowAsAppError);
    return { cardNo: r.aaz500, status: r.cardStatus, bank: r.bankName, issuedOn: r.issueDate };
  }

  // ── e-card account payments (电子社保卡支付) ─────────────────────────────

  /**
   * Debits the bank account behind a level-2 e-card. Idempotent on busiSeq (our out_trade_no),
   * so it is retried on transport failure; refusals stay NationalBusinessError for the caller.
   */
  async payCharge(input: { busiSeq: string; signNo: string; idNumber: string; amountFen: number; merchantName: string; summary: string }): Promise<EsscPayment> {
    return this.call<EsscPayment>('essc.pay.charge', { busiSeq: input.busiSeq, signNo: input.signNo, aac002: input.idNumber, amount: input.amountFen, merchantName: input.merchantName, summary: input.summary }, { idempotent: true });
  }

  /** null when the platform has no payment with that busiSeq. */
  async payQuery(busiSeq: string): Promise<EsscPayment | null> {
    try {
      return await this.call<EsscPayment>('essc.pay.query', { busiSeq }, { idempotent: true });
    } catch (err) {
      if (err instanceof NationalBusinessError && err.msgCode === MSG.PAY_NOT_FOUND) return null;
      throw err;
    }
  }

  /** 冲正: undoes a charge, or bars one that has not arrived yet. */
  async payReverse(busiSeq: string): Promise<EsscPayment> {
    return this.call<EsscPayment>('essc.pay.reverse', { busiSeq }, { idempotent: true });
  }

  /** The day's bill (China date YYYY-MM-DD): payments standing and refunds made that day. A read. */
  async payBill(billDate: string): Promise<Array<{ busiSeq: string; type: 'PAY' | 'REFUND'; refundSeq?: string; amount: number; status: string }>> {
    const r = await this.call<{ entries: Array<{ busiSeq: string; type: 'PAY' | 'REFUND'; refundSeq?: string; amount: number; status: string }> }>('essc.pay.bill', { billDate }, { idempotent: true });
    return r.entries;
  }

  async payRefund(input: { busiSeq: string; refundSeq: string; amountFen: number }): Promise<EsscPayment> {
    return this.call<EsscPayment>('essc.pay.refund', { busiSeq: input.busiSeq, refundSeq: input.refundSeq, amount: input.amountFen }, { idempotent: true });
  }
}

export interface EsscPayment {
  busiSeq: string;
  payNo: string | null;
  status: 'SUCCESS' | 'REVERSED' | 'REFUNDED';
  amount: number;
  refundedAmount: number;
  payTime: string;
  refunds: { refundSeq: string; amount: number }[];
}

/** HRSS 证件类型 (aac058) codes. */
const ID_TYPE_CODES: Record<IdType, string> = { resident: '01', foreign_permanent: '04', hk_macao_permit: '06', taiwan_permit: '07' };

export interface SignInput {
  busiSeq: string;
  idNumber: string;
  name: string;
  idType: IdType;
  /** For a ward under 16: who applies, and as what. */
  guardian?: { idNumber: string; name: string; relationship: Relationship };
}

export interface SignResult {
  signNo: string;
  signLevel: SignLevel;
  /** YYYY-MM-DD */
  signDate: string;
  /** YYYY-MM-DD (the platform's `validate`) */
  validUntil: string;
}

export interface PhysicalCardInfo {
  cardNo: string;
  status: PhysicalCardStatus;
  bank: string;
  issuedOn: string | null;
}

interface SignReply {
  signNo: string;
  signLevel: number;
  signDate: string;
  validate: string;
}

const ymd = (s: string) => (/^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s);

function toSign(r: SignReply): SignResult {
  return { signNo: r.signNo, signLevel: r.signLevel === 2 ? 2 : 1, signDate: ymd(r.signDate), validUntil: ymd(r.validate) };
}

/**
 * The platform's business refusals that a resident can meet, as our error codes. ALREADY_SIGNED
 * stays a NationalBusinessError: the caller recovers from it. Anything unexpected is ours.
 */
export function nationalErrorToAppError(err: NationalBusinessError): AppError | NationalBusinessError {
  switch (err.msgCode) {
    case MSG.PERSON_MISMATCH:
      return new AppError('IDENTITY_MISMATCH', undefined, { cause: err });
    case MSG.NOT_INSURED_HERE:
      return new AppError('NOT_INSURED_IN_QINGDAO', undefined, { cause: err });
    case MSG.BANK_ACCOUNT_MISMATCH:
      return new AppError('BANK_ACCOUNT_MISMATCH', undefined, { cause: err });
    case MSG.GUARDIAN_UNVERIFIED:
      return new AppError('GUARDIAN_RELATION_UNVERIFIED', undefined, { cause: err });
    case MSG.NO_PHYSICAL_CARD:
      return new AppError('CARD_NOT_FOUND', undefined, { cause: err });
    case MSG.NOT_SIGNED:
      return new AppError('ECARD_NOT_SIGNED', undefined, { cause: err });
    case MSG.ALREADY_SIGNED:
      return err;
    default:
      return new UpstreamError(SYSTEM, 'protocol', `unexpected business answer ${err.msgCode} ${err.msg}`, err);
  }
}

function rethrowAsAppError(err: unknown): never {
  throw err instanceof NationalBusinessError ? nationalErrorToAppError(err) : err;
}
