import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Chinese national algorithms as Node 20 ships them (OpenSSL 3): SM3 hash, HMAC-SM3 and SM4.
 * Node has no sm4-gcm, so authenticated SM4 is SM4-CBC followed by HMAC-SM3 (encrypt-then-MAC).
 * Vectors: GB/T 32905 (SM3) and GM/T 0002 (SM4) are checked in sm.test.ts.
 */

export function sm3(data: Buffer | string): Buffer {
  return createHash('sm3').update(data).digest();
}

export function sm3Hex(data: Buffer | string): string {
  return sm3(data).toString('hex');
}

export function hmacSm3(key: Buffer | string, data: Buffer | string): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

export function hmacSm3Hex(key: Buffer | string, data: Buffer | string): string {
  return hmacSm3(key, data).toString('hex');
}

/** Single-block SM4-ECB without padding: only for known-answer tests. */
export function sm4EcbBlock(key: Buffer, block: Buffer): Buffer {
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([c.update(plain), c.final()]);
}

export function sm4CbcDecrypt(key: Buffer, iv: Buffer, cipher: Buffer): Buffer {
  const d = createDecipheriv('sm4-cbc', key, iv);
  return Buffer.concat([d.update(cipher), d.final()]);
}

/** Constant-time comparison of two hex strings (any case); false on length mismatch. */
export function safeEqualHex(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length || !/^[0-9a-fA-F]*$/.test(a + b)) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase(), 'hex'), Buffer.from(b.toLowerCase(), 'hex'));
}

export function randomIv(): Buffer {
  return randomBytes(16);
}
