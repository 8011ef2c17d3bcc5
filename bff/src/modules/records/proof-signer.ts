import { randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { hmacSm3 } from '../../lib/crypto/sm';

/** Crockford base32: no I, L, O, U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 12;
const MAC_CHARS = 8;

/** The GM/T 0009 default signer id, used in SM2's Z value. */
export const SM2_USER_ID = '1234567812345678';

function base32(bytes: Buffer, chars: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/**
 * Signs proofs and makes their verification codes.
 *
 * - The proof's facts are signed with **SM2** (sm-crypto-v2, SM3 with Z): anyone holding the
 *   published public key can check a proof offline, and a leak of the verifying side cannot be
 *   used to forge one — which an HMAC could not offer, since its verifier holds the signing key.
 * - The verification code printed on the PDF must be short enough to type: 12 random base32
 *   characters (60 bits) + 8 characters (40 bits) of HMAC-SM3 over them. A forged or mistyped code
 *   is refused before any database lookup; guessing a valid one takes ~2^40 tries per issued code.
 */
export class ProofSigner {
  constructor(
    private readonly privateKey: string,
    readonly publicKey: string,
    private readonly codeKey: string,
  ) {
    const derived = sm2.getPublicKeyFromPrivateKey(privateKey).toLowerCase();
    if (derived !== publicKey.toLowerCase()) throw new Error('PROOF_SM2_PUBLIC_KEY does not belong to PROOF_SM2_PRIVATE_KEY');
  }

  sign(text: string): string {
    return sm2.doSignature(text, this.privateKey, { hash: true, userId: SM2_USER_ID });
  }

  verify(text: string, signature: string): boolean {
    try {
      return sm2.doVerifySignature(text, signature, this.publicKey, { hash: true, userId: SM2_USER_ID });
    } catch {
      return false;
    }
  }

  newCode(): string {
    const random = [...randomBytes(RANDOM_CHARS)].map((b) => ALPHABET[b & 31]).join('');
    return format(random + this.mac(random));
  }

  /** Normalizes what a person typed (case, O→0, I/L→1, spaces) and checks the MAC; null if forged. */
  checkCode(input: string): string | null {
    const raw = normalizeCode(input);
    if (raw.length !== RANDOM_CHARS + MAC_CHARS || [...raw].some((c) => !ALPHABET.includes(c))) return null;
    const random = raw.slice(0, RANDOM_CHARS);
    const mac = raw.slice(RANDOM_CHARS);
    // Both are public-alphabet strings of equal length: compare without early exit.
    const expected = this.mac(random);
    let diff = 0;
    for (let i = 0; i < MAC_CHARS; i++) diff |= mac.charCodeAt(i) ^ expected.charCodeAt(i);
    return diff === 0 ? format(raw) : null;
  }

  private mac(random: string): string {
    return base32(hmacSm3(this.codeKey, `proof-code\u0000${random}`), MAC_CHARS);
  }
}

export function normalizeCode(input: string): string {
  return String(input ?? '')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function format(raw: string): string {
  return raw.match(/.{5}/g)!.join('-');
}
