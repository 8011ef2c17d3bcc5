import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

/**
 * WeChat Pay API v3 signatures and encryption, both directions (the adapter and the twin use the
 * same functions, so they cannot drift; the twin's tests pin the formats against the spec):
 *
 *   request signature  = base64(SHA256withRSA(merchant key, METHOD\nURL\ntimestamp\nnonce\nbody\n))
 *   Authorization      = WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"
 *   answer/notification signature = base64(SHA256withRSA(platform key, timestamp\nnonce\nbody\n))
 *                        in Wechatpay-Timestamp / -Nonce / -Signature / -Serial
 *   paySign (wx.requestPayment) = base64(SHA256withRSA(merchant key, appId\ntimeStamp\nnonceStr\npackage\n))
 *   notification resource = AEAD_AES_256_GCM(APIv3 key, nonce, associated_data), base64(ciphertext ‖ 16-byte tag)
 *
 * URL is the absolute URL without scheme and host: path plus query string.
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** Answers and notifications older or newer than this are refused (replay window). */
export const WECHATPAY_SKEW_SECONDS = 300;

export function nonceStr(bytes = 16): string {
  return randomBytes(bytes).toString('hex').toUpperCase();
}

export function rsaSign(key: KeyObject | string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64');
}

export function rsaVerify(key: KeyObject | string, message: string, signatureB64: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(key, signatureB64, 'base64');
  } catch {
    return false;
  }
}

export function requestMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export interface AuthorizationParts {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

export function buildAuthorization(p: { mchid: string; serialNo: string; key: KeyObject | string; method: string; url: string; body: string; timestamp: string; nonce: string }): string {
  const signature = rsaSign(p.key, requestMessage(p.method, p.url, p.timestamp, p.nonce, p.body));
  return `${AUTH_SCHEMA} mchid="${p.mchid}",nonce_str="${p.nonce}",signature="${signature}",timestamp="${p.timestamp}",serial_no="${p.serialNo}"`;
}

/** Splits an Authorization header; null unless it has the schema and all five fields. */
export function parseAuthorization(header: string | undefined): AuthorizationParts | null {
  if (!header || !header.startsWith(`${AUTH_SCHEMA} `)) return null;
  const out: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) out[m[1]] = m[2];
  const keys = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;
  return keys.every((k) => typeof out[k] === 'string' && out[k] !== '') ? (out as unknown as AuthorizationParts) : null;
}

export function paySign(key: KeyObject | string, appId: string, timeStamp: string, nonce: string, pkg: string): string {
  return rsaSign(key, `${appId}\n${timeStamp}\n${nonce}\n${pkg}\n`);
}

export function verifyPaySign(key: KeyObject | string, p: { appId: string; timeStamp: string; nonceStr: string; package: string; paySign: string }): boolean {
  return rsaVerify(key, `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`, p.paySign);
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  original_type: string;
  nonce: string;
}

export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string, originalType: string, nonce = randomBytes(6).toString('hex')): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'), associated_data: associatedData, original_type: originalType, nonce };
}

/** Throws when the key, nonce, associated data or any byte of the ciphertext is not what was sealed. */
export function decryptResource(apiV3Key: string, r: { ciphertext: string; associated_data?: string; nonce: string }): string {
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** WeChat Pay writes times as RFC 3339 in China Standard Time: `2026-11-29T10:00:00+08:00`. */
export function toCstRfc3339(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/** The China calendar day (`YYYY-MM-DD`) of an instant: bills and reconciliation count by it. */
export function cstDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `[start, end)` in epoch ms of a China calendar day. */
export function cstDayRange(date: string): [number, number] {
  const start = Date.parse(`${date}T00:00:00+08:00`);
  return [start, start + 24 * 3600_000];
}
