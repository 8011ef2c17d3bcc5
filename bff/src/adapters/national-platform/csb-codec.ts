import { randomBytes } from 'node:crypto';
import { hmacSm3Hex, safeEqualHex, sm4CbcDecrypt, sm4CbcEncrypt } from '../../lib/crypto/sm';

/**
 * The national e-SSC platform's CSB gateway envelope (DESIGN.md §2), used by our adapter and by
 * the platform's sandbox twin alike, because it *is* the protocol:
 *
 * request  (POST, application/x-www-form-urlencoded)
 *   _api_name, _api_version=1.0.0, _api_timestamp (ms), _api_access_key,
 *   security  = base64( iv(16) ‖ SM4-CBC-PKCS7(sm4Key, iv, JSON of the business fields) ),
 *   _api_signature = hex( HMAC-SM3(secretKey, canonical(params without _api_signature)) )
 * reply    (application/json)
 *   { msgCode, msg, result?, _api_timestamp, _api_signature }  where result is a `security`
 *   blob of the business answer and the signature covers the other four fields the same way.
 *
 * canonical(params) = keys sorted by code unit, `k=v` joined with `&`, values raw (not URL-encoded),
 * empty and absent values left out.
 */

export const CSB_VERSION = '1.0.0';
export const CSB_MAX_SKEW_MS = 5 * 60 * 1000;

export const MSG = {
  OK: '000000',
  SIGNATURE_INVALID: '100001',
  TIMESTAMP_EXPIRED: '100002',
  ACCESS_KEY_UNKNOWN: '100003',
  SECURITY_INVALID: '100004',
  API_UNKNOWN: '100005',
  PARAM_INVALID: '100006',
  PERSON_MISMATCH: '200001',
  NOT_INSURED_HERE: '200002',
  ALREADY_SIGNED: '200003',
  NOT_SIGNED: '200004',
  CARD_NOT_USABLE: '200005',
  BANK_ACCOUNT_MISMATCH: '200006',
  GUARDIAN_UNVERIFIED: '200007',
  NO_PHYSICAL_CARD: '200008',
  PAY_LEVEL_TOO_LOW: '200009',
  PAY_BALANCE_INSUFFICIENT: '200010',
  PAY_NOT_FOUND: '200011',
  PAY_STATE_INVALID: '200012',
  PAY_SEQ_CONFLICT: '200013',
  SYSTEM_BUSY: '300001',
} as const;

export type CsbParams = Record<string, string>;

export interface CsbReply {
  msgCode: string;
  msg: string;
  result?: string;
  _api_timestamp: string;
  _api_signature: string;
}

export function canonical(params: Record<string, string | undefined>): string {
  return Object.keys(params)
    .filter((k) => k !== '_api_signature' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function signParams(params: Record<string, string | undefined>, secretKey: string): string {
  return hmacSm3Hex(secretKey, canonical(params));
}

export function verifyParams(params: Record<string, string | undefined>, secretKey: string): boolean {
  return safeEqualHex(params._api_signature ?? '', signParams(params, secretKey));
}

export function sealSecurity(payload: unknown, sm4KeyHex: string): string {
  const iv = randomBytes(16);
  const ct = sm4CbcEncrypt(Buffer.from(sm4KeyHex, 'hex'), iv, Buffer.from(JSON.stringify(payload), 'utf8'));
  return Buffer.concat([iv, ct]).toString('base64');
}

/** Throws on anything that is not a well-formed sealed blob under this key. */
export function openSecurity<T = Record<string, unknown>>(blob: string, sm4KeyHex: string): T {
  const raw = Buffer.from(blob, 'base64');
  if (raw.length < 32 || raw.length % 16 !== 0) throw new Error('security blob has a bad length');
  const plain = sm4CbcDecrypt(Buffer.from(sm4KeyHex, 'hex'), raw.subarray(0, 16), raw.subarray(16));
  return JSON.parse(plain.toString('utf8')) as T;
}

export function withinSkew(timestampMs: string | undefined, now: number): boolean {
  const t = Number(timestampMs);
  return Number.isFinite(t) && Math.abs(now - t) <= CSB_MAX_SKEW_MS;
}

export function buildRequest(
  api: string,
  business: Record<string, unknown>,
  creds: { accessKey: string; secretKey: string; sm4Key: string },
  now: number,
): CsbParams {
  const params: CsbParams = {
    _api_name: api,
    _api_version: CSB_VERSION,
    _api_timestamp: String(now),
    _api_access_key: creds.accessKey,
    security: sealSecurity(business, creds.sm4Key),
  };
  params._api_signature = signParams(params, creds.secretKey);
  return params;
}

export function buildReply(
  msgCode: string,
  msg: string,
  result: unknown | undefined,
  creds: { secretKey: string; sm4Key: string },
  now: number,
): CsbReply {
  const reply: Omit<CsbReply, '_api_signature'> & { _api_signature?: string } = {
    msgCode,
    msg,
    result: result === undefined ? undefined : sealSecurity(result, creds.sm4Key),
    _api_timestamp: String(now),
  };
  reply._api_signature = signParams(reply as Record<string, string | undefined>, creds.secretKey);
  return reply as CsbReply;
}
