import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM with a key from the BFF's environment, plus a keyed hash
 * (HMAC-SHA256 with a second key) for equality lookups, so an ID number can be found without
 * ever being stored or indexed in plaintext. Ciphertext layout: `v1.<iv>.<tag>.<data>` base64url,
 * the version letting a key rotation re-encrypt lazily.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(encKeyHex: string, hashKeyHex: string) {
    this.encKey = Buffer.from(encKeyHex, 'hex');
    this.hashKey = Buffer.from(hashKeyHex, 'hex');
    if (this.encKey.length !== 32 || this.hashKey.length !== 32) {
      throw new Error('PII keys must be 32 bytes (64 hex characters) each');
    }
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const tag = c.getAuthTag();
    return ['v1', iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(stored: string): string {
    const [v, iv, tag, data] = stored.split('.');
    if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('unrecognised PII ciphertext');
    const d = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for lookups; `purpose` keeps hashes of different fields apart. */
  lookupHash(purpose: string, value: string): string {
    return createHmac('sha256', this.hashKey).update(`${purpose}\u0000${value}`).digest('hex');
  }
}
