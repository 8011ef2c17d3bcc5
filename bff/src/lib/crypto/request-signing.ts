import { hmacSm3Hex, safeEqualHex, sm3Hex } from './sm';

/**
 * The request-signing scheme of DESIGN.md §3, used wherever two systems sign HTTP requests to
 * each other with a shared secret: terminals → BFF, HRSS system ⇄ BFF, hotline system ⇄ BFF.
 *
 *   stringToSign = METHOD + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n" + hex(SM3(body))
 *   signature    = lowercase hex of HMAC-SM3(secret, stringToSign)
 *
 * Headers: X-Timestamp (Unix ms), X-Nonce (16–64 of [A-Za-z0-9_-]), X-Signature, plus the
 * caller's id header (X-Terminal-Id, X-Channel-No …). Replay protection (±5 min, nonce once) is
 * the verifier's job: see `checkSignedRequest`.
 */

export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function stringToSign(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${sm3Hex(body)}`;
}

export function signRequest(secret: string, method: string, pathWithQuery: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return hmacSm3Hex(secret, stringToSign(method, pathWithQuery, timestamp, nonce, body));
}

export type SignatureProblem = 'MISSING_HEADERS' | 'BAD_NONCE' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE';

export interface SignedRequestParts {
  method: string;
  pathWithQuery: string;
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  body: Buffer | string;
}

/**
 * Checks headers, the time window and the signature (in constant time). Nonce *reuse* needs
 * shared state and is checked by the caller after this passes (KV `setIfAbsent`), so a forged
 * request cannot burn a legitimate nonce.
 */
export function checkSignedRequest(secret: string, p: SignedRequestParts, now: number): SignatureProblem | null {
  if (!p.timestamp || !p.nonce || !p.signature) return 'MISSING_HEADERS';
  if (!NONCE_PATTERN.test(p.nonce)) return 'BAD_NONCE';
  const t = Number(p.timestamp);
  if (!/^\d{10,16}$/.test(p.timestamp) || Math.abs(now - t) > SIGNATURE_WINDOW_MS) return 'STALE_TIMESTAMP';
  const expected = signRequest(secret, p.method, p.pathWithQuery, p.timestamp, p.nonce, p.body);
  return safeEqualHex(p.signature, expected) ? null : 'BAD_SIGNATURE';
}
