import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O: people read these numbers out on the phone

function random(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

function stamp(ms: number): string {
  // China time, as the provider's bill and the resident's receipt show it.
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** `Q20261129100000` + 12 random characters: 27 characters, inside WeChat Pay's and Alipay's 6–32. */
export function newOutTradeNo(now: number): string {
  return `Q${stamp(now)}${random(12)}`;
}

export function newOutRefundNo(now: number): string {
  return `R${stamp(now)}${random(12)}`;
}
