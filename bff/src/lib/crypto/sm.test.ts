import { hmacSm3Hex, safeEqualHex, sm3Hex, sm4CbcDecrypt, sm4CbcEncrypt, sm4EcbBlock } from './sm';
import { PiiCipher } from './pii-cipher';

describe('national algorithms', () => {
  it('computes SM3 as GB/T 32905 example 1 and 2 say', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('encrypts with SM4 as GM/T 0002 example 1 says, and a million times as example 2 says', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(sm4EcbBlock(key, key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    let block = key;
    for (let i = 0; i < 1_000_000; i++) block = sm4EcbBlock(key, block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('round-trips SM4-CBC and refuses a wrong key', () => {
    const key = Buffer.alloc(16, 7);
    const iv = Buffer.alloc(16, 1);
    const ct = sm4CbcEncrypt(key, iv, Buffer.from('社保卡 e-card'));
    expect(sm4CbcDecrypt(key, iv, ct).toString()).toBe('社保卡 e-card');
    expect(() => sm4CbcDecrypt(Buffer.alloc(16, 8), iv, ct).toString()).toThrow();
  });

  it('computes HMAC-SM3 deterministically and compares in constant time', () => {
    const a = hmacSm3Hex('key', 'message');
    expect(a).toHaveLength(64);
    expect(hmacSm3Hex('key', 'message')).toBe(a);
    expect(hmacSm3Hex('key2', 'message')).not.toBe(a);
    expect(safeEqualHex(a, a.toUpperCase())).toBe(true);
    expect(safeEqualHex(a, a.slice(0, 62) + '00')).toBe(a.endsWith('00'));
    expect(safeEqualHex(a, 'zz')).toBe(false);
  });
});

describe('personal data at rest', () => {
  const cipher = new PiiCipher('11'.repeat(32), '22'.repeat(32));

  it('encrypts to a different ciphertext each time and decrypts back', () => {
    const a = cipher.encrypt('370202198503152027');
    const b = cipher.encrypt('370202198503152027');
    expect(a).not.toBe(b);
    expect(a).not.toContain('370202198503152027');
    expect(cipher.decrypt(a)).toBe('370202198503152027');
  });

  it('refuses a tampered ciphertext', () => {
    const a = cipher.encrypt('370202198503152027');
    const parts = a.split('.');
    const data = Buffer.from(parts[3], 'base64url');
    data[0] ^= 1;
    parts[3] = data.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('gives a stable keyed hash per purpose for lookups', () => {
    expect(cipher.lookupHash('id', 'x')).toBe(cipher.lookupHash('id', 'x'));
    expect(cipher.lookupHash('id', 'x')).not.toBe(cipher.lookupHash('phone', 'x'));
    expect(new PiiCipher('11'.repeat(32), '33'.repeat(32)).lookupHash('id', 'x')).not.toBe(cipher.lookupHash('id', 'x'));
  });
});
