/**
 * Identity numbers accepted for the social security card. The social security number *is* the
 * identity number, so these rules decide who can even start an application.
 *
 * - resident: 居民身份证, GB 11643-1999: 6-digit area code, birth date YYYYMMDD, 3-digit
 *   sequence, MOD 11-2 check character.
 * - foreign_permanent: 外国人永久居留身份证 (2023 edition): '9' + province of acceptance (2) +
 *   nationality code (3) + birth date (8) + sequence (3) + the same MOD 11-2 check.
 * - hk_macao_permit / taiwan_permit: 港澳台居民居住证, area code 810000 (HK), 820000 (Macao),
 *   830000 (Taiwan) followed by the resident-ID layout.
 */

export const ID_TYPES = ['resident', 'foreign_permanent', 'hk_macao_permit', 'taiwan_permit'] as const;
export type IdType = (typeof ID_TYPES)[number];

export type IdNumberProblem =
  | 'EMPTY'
  | 'LENGTH'
  | 'CHARACTERS'
  | 'AREA'
  | 'BIRTH_DATE'
  | 'CHECK_DIGIT'
  | 'TYPE_MISMATCH';

export type IdNumberCheck =
  | { ok: true; idType: IdType; normalized: string; birthDate: string }
  | { ok: false; problem: IdNumberProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260 used as the first two digits of a resident ID. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);

export function checkCharFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Upper-cases a trailing x and drops spaces people type when copying from a card. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

function validDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return date.getTime() <= todayUtc;
}

function typeOf(id: string): IdType | null {
  if (id.startsWith('9')) return PROVINCES.has(id.slice(1, 3)) ? 'foreign_permanent' : null;
  const area = id.slice(0, 6);
  if (area === '810000' || area === '820000') return 'hk_macao_permit';
  if (area === '830000') return 'taiwan_permit';
  return PROVINCES.has(id.slice(0, 2)) ? 'resident' : null;
}

/**
 * Checks an identity number. When `expectedType` is given, a valid number of another type is
 * refused with TYPE_MISMATCH so the form can say "this is a residence permit number".
 */
export function checkIdNumber(raw: string, expectedType?: IdType, today: Date = new Date()): IdNumberCheck {
  const id = normalizeIdNumber(raw ?? '');
  if (id.length === 0) return { ok: false, problem: 'EMPTY' };
  if (id.length !== 18) return { ok: false, problem: 'LENGTH' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'CHARACTERS' };
  const idType = typeOf(id);
  if (!idType) return { ok: false, problem: 'AREA' };
  const birth = id.slice(6, 14);
  if (!validDate(birth, today)) return { ok: false, problem: 'BIRTH_DATE' };
  if (checkCharFor(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'CHECK_DIGIT' };
  if (expectedType && expectedType !== idType) return { ok: false, problem: 'TYPE_MISMATCH' };
  return { ok: true, idType, normalized: id, birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` };
}

export function isValidIdNumber(raw: string, expectedType?: IdType, today?: Date): boolean {
  return checkIdNumber(raw, expectedType, today).ok;
}

/** Completed years of age on `today`, from a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, today: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getFullYear() - y;
  const beforeBirthday = today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

/** Gender from the sequence digit (odd = male), as printed on the card. */
export function genderOf(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}
