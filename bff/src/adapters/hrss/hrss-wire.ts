import { randomBytes } from 'node:crypto';
import { checkSignedRequest, signRequest, SIGNATURE_WINDOW_MS, type SignatureProblem } from '../../lib/crypto/request-signing';
import { safeEqualHex } from '../../lib/crypto/sm';

/**
 * Wire format of the Qingdao HRSS card & records system, shared by the BFF's client, its
 * callback endpoint and the sandbox twin.
 *
 * Requests (both directions) are signed with the DESIGN §3 scheme: headers `X-Channel-No`,
 * `X-Timestamp` (Unix ms, ±5 min), `X-Nonce` (used once), `X-Signature` = hex HMAC-SM3(secret,
 * METHOD\npathWithQuery\ntimestamp\nnonce\nhex(SM3(body))). pathWithQuery is the request line's
 * path, e.g. `/hrss/api/v1/records/contributions/query`.
 *
 * Replies carry `{code, message, data}` and are signed too, bound to the request they answer:
 * `X-Timestamp`, `X-Nonce` (the request's nonce, echoed) and `X-Signature` over the same string
 * with METHOD = `REPLY`, so a captured reply can neither be replayed as a request nor as the
 * answer to another request.
 */

export const HRSS_HEADER = {
  channel: 'x-channel-no',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

/** Reply codes: 0000 success; 1xxx transport/signature; 2xxx business; 3xxx busy. */
export const HRSS_CODE = {
  OK: '0000',
  MISSING_HEADERS: '1001',
  CHANNEL_UNKNOWN: '1002',
  SIGNATURE_INVALID: '1003',
  TIMESTAMP_EXPIRED: '1004',
  NONCE_REUSED: '1005',
  API_UNKNOWN: '1006',
  PARAM_INVALID: '2001',
  PERSON_UNKNOWN: '2002',
  APPLICATION_UNKNOWN: '2003',
  STATE_CONFLICT: '2004',
  ITEM_UNKNOWN: '2005',
  BILL_UNKNOWN: '2006',
  CARD_UNKNOWN: '2007',
  CARD_NUMBER_MISMATCH: '2008',
  BUSY: '3001',
} as const;

export interface HrssReply<T = unknown> {
  code: string;
  message: string;
  data?: T;
}

export const REPLY_METHOD = 'REPLY';

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export interface SignedHeaders {
  [HRSS_HEADER.channel]: string;
  [HRSS_HEADER.timestamp]: string;
  [HRSS_HEADER.nonce]: string;
  [HRSS_HEADER.signature]: string;
}

export function signedRequestHeaders(
  secret: string,
  channelNo: string,
  method: string,
  pathWithQuery: string,
  body: string | Buffer,
  now: number,
  nonce: string = newNonce(),
): SignedHeaders {
  const ts = String(now);
  return {
    [HRSS_HEADER.channel]: channelNo,
    [HRSS_HEADER.timestamp]: ts,
    [HRSS_HEADER.nonce]: nonce,
    [HRSS_HEADER.signature]: signRequest(secret, method, pathWithQuery, ts, nonce, body),
  };
}

export function replyHeaders(secret: string, pathWithQuery: string, requestNonce: string, body: string, now: number): Record<string, string> {
  const ts = String(now);
  return {
    [HRSS_HEADER.timestamp]: ts,
    [HRSS_HEADER.nonce]: requestNonce,
    [HRSS_HEADER.signature]: signRequest(secret, REPLY_METHOD, pathWithQuery, ts, requestNonce, body),
  };
}

export type ReplyProblem = 'MISSING_HEADERS' | 'NONCE_MISMATCH' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE';

/** Checks that a reply answers our request (nonce echoed), is fresh and signed with our secret. */
export function checkReply(
  secret: string,
  pathWithQuery: string,
  requestNonce: string,
  headers: { get(name: string): string | null },
  body: string,
  now: number,
): ReplyProblem | null {
  const ts = headers.get(HRSS_HEADER.timestamp);
  const nonce = headers.get(HRSS_HEADER.nonce);
  const sig = headers.get(HRSS_HEADER.signature);
  if (!ts || !nonce || !sig) return 'MISSING_HEADERS';
  if (nonce !== requestNonce) return 'NONCE_MISMATCH';
  if (!/^\d{10,16}$/.test(ts) || Math.abs(now - Number(ts)) > SIGNATURE_WINDOW_MS) return 'STALE_TIMESTAMP';
  return safeEqualHex(sig, signRequest(secret, REPLY_METHOD, pathWithQuery, ts, nonce, body)) ? null : 'BAD_SIGNATURE';
}

/** Verifies a signed request's headers and signature; nonce reuse is the caller's check (needs state). */
export function checkHrssRequest(
  secret: string,
  expectedChannel: string,
  p: { method: string; pathWithQuery: string; header: (name: string) => string | undefined; body: Buffer | string },
  now: number,
): SignatureProblem | 'CHANNEL_UNKNOWN' | null {
  const channel = p.header(HRSS_HEADER.channel);
  if (!channel) return 'MISSING_HEADERS';
  if (channel !== expectedChannel) return 'CHANNEL_UNKNOWN';
  return checkSignedRequest(
    secret,
    {
      method: p.method,
      pathWithQuery: p.pathWithQuery,
      timestamp: p.header(HRSS_HEADER.timestamp),
      nonce: p.header(HRSS_HEADER.nonce),
      signature: p.header(HRSS_HEADER.signature),
      body: p.body,
    },
    now,
  );
}

/** The callback envelope HRSS posts to `/notify/hrss`. */
export interface HrssEventEnvelope<P = unknown> {
  eventId: string;
  type: string;
  /** Per aggregate (one application, one card…), strictly increasing: later state wins. */
  version: number;
  occurredAt: string;
  /** The person (`aac002`) or an opaque reference (application number, bill number). */
  subject: { aac002?: string; ref?: string };
  payload: P;
}

export const NOTIFY_PATH = '/notify/hrss';
