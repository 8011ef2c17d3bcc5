/**
 * Rules of the e-card and everything it hangs on: the physical card's states (the e-card follows
 * them: 状态相同), the e-card's own states and sign levels, applications, guardianships, the
 * e-card password and the QR business types. Each state machine is a transition table; the BFF
 * enforces it with conditional UPDATEs, the mini-program reads it to decide what to offer.
 */

/** A transition table: from-state → the states it may move to. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export function isAllowedTransition<S extends string>(table: Transitions<S>, from: S, to: S): boolean {
  return (table[from] ?? []).includes(to);
}

// ── physical card ──────────────────────────────────────────────────────────────────────────

export const PHYSICAL_CARD_STATUSES = ['in_production', 'issued', 'active', 'temporarily_lost', 'lost', 'cancelled', 'replaced'] as const;
export type PhysicalCardStatus = (typeof PHYSICAL_CARD_STATUSES)[number];

/**
 * Lifecycle of the physical card as the HRSS card system runs it. Issue 4 (card services) drives
 * these transitions; the e-card only reads the state through `cardUsability`.
 */
export const PHYSICAL_CARD_TRANSITIONS: Transitions<PhysicalCardStatus> = {
  in_production: ['issued', 'cancelled'],
  issued: ['active', 'cancelled'],
  active: ['temporarily_lost', 'lost', 'cancelled'],
  temporarily_lost: ['active', 'lost', 'cancelled'],
  lost: ['replaced', 'cancelled'],
  replaced: [],
  cancelled: [],
};

export const ECARD_STATUSES = ['active', 'revoked'] as const;
export type EcardStatus = (typeof ECARD_STATUSES)[number];

/** The e-card of this channel: revoked by its holder, signed again by a new application. */
export const ECARD_TRANSITIONS: Transitions<EcardStatus> = {
  active: ['revoked'],
  revoked: ['active'],
};

/** Why a card cannot be used right now; each is an error code with its own advice. */
export type CardRefusal =
  | 'ECARD_REVOKED'
  | 'CARD_NOT_FOUND'
  | 'CARD_NOT_ACTIVATED'
  | 'CARD_TEMPORARILY_LOST'
  | 'CARD_LOST'
  | 'CARD_CANCELLED'
  | 'CARD_REPLACED';

export type CardUsability = { usable: true } | { usable: false; code: CardRefusal };

/**
 * The one rule deciding whether an e-card may be shown or accepted: the e-card must be signed and
 * active and the physical card behind it active ("如果挂失了实体社保卡，电子社保卡也不能再使用").
 * QR issuing and terminal verification both ask this, so a new card state cannot slip past one.
 */
export function cardUsability(physical: PhysicalCardStatus | null | undefined, ecard: EcardStatus = 'active'): CardUsability {
  if (ecard !== 'active') return { usable: false, code: 'ECARD_REVOKED' };
  switch (physical) {
    case 'active':
      return { usable: true };
    case 'in_production':
    case 'issued':
      return { usable: false, code: 'CARD_NOT_ACTIVATED' };
    case 'temporarily_lost':
      return { usable: false, code: 'CARD_TEMPORARILY_LOST' };
    case 'lost':
      return { usable: false, code: 'CARD_LOST' };
    case 'cancelled':
      return { usable: false, code: 'CARD_CANCELLED' };
    case 'replaced':
      return { usable: false, code: 'CARD_REPLACED' };
    default:
      return { usable: false, code: 'CARD_NOT_FOUND' };
  }
}

// ── sign levels and business types ────────────────────────────────────────────────────────

/** 1 = identity and queries; 2 = payment and settlement (bank account linked, password set). */
export const SIGN_LEVELS = [1, 2] as const;
export type SignLevel = (typeof SIGN_LEVELS)[number];

/** busiType of a terminal's verification: 01 identity/query, 02 payment, 03 other, 04 out-of-area care. */
export const BUSI_TYPES = ['01', '02', '03', '04'] as const;
export type BusiType = (typeof BUSI_TYPES)[number];

export function requiredSignLevel(busiType: BusiType): SignLevel {
  return busiType === '02' ? 2 : 1;
}

// ── applications ──────────────────────────────────────────────────────────────────────────

export const ECARD_APPLICATION_STATUSES = ['submitted', 'signed', 'refused'] as const;
export type EcardApplicationStatus = (typeof ECARD_APPLICATION_STATUSES)[number];

/** submitted → signed | refused. A submitted one is resumed on retry with the same busiSeq. */
export const ECARD_APPLICATION_TRANSITIONS: Transitions<EcardApplicationStatus> = {
  submitted: ['signed', 'refused'],
  signed: [],
  refused: [],
};

export const APPLICATION_KINDS = ['self', 'ward'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

// ── guardians ─────────────────────────────────────────────────────────────────────────────

/** Children under this age are applied for by a guardian; from it on they apply themselves. */
export const WARD_AGE_LIMIT = 16;
/** 亲情服务: at most this many family members per guardian. */
export const FAMILY_LIMIT = 8;

export const RELATIONSHIPS = ['father', 'mother', 'grandparent', 'other_guardian'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** 户口簿 or 出生医学证明: what proves the guardian relationship. */
export const PROOF_KINDS = ['household_register', 'birth_certificate'] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

export const GUARDIANSHIP_STATUSES = ['active', 'ended'] as const;
export type GuardianshipStatus = (typeof GUARDIANSHIP_STATUSES)[number];

export const GUARDIANSHIP_TRANSITIONS: Transitions<GuardianshipStatus> = {
  active: ['ended'],
  ended: ['active'],
};

// ── dates in Qingdao ──────────────────────────────────────────────────────────────────────

/**
 * Today's calendar date in China (UTC+8, no daylight saving) as a local Date, whatever the
 * server's time zone: a child turns 16 at midnight in Qingdao, not in UTC.
 */
export function chinaToday(nowMs: number): Date {
  const d = new Date(nowMs + 8 * 3600_000);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** `2026-11-29` in China for an instant. */
export function chinaDateString(nowMs: number): string {
  return new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);
}

// ── the e-card password ───────────────────────────────────────────────────────────────────

export type EcardPasswordProblem = 'FORMAT' | 'ALL_SAME' | 'SEQUENTIAL' | 'PERSONAL';

/**
 * A 6-digit e-card password (separate from the physical card's PIN): digits only, not one digit
 * six times, not a straight run (123456, 654321), not the birth date (YYMMDD or MMDD…) nor the
 * last six characters of the ID number. Returns the problem or null.
 */
export function checkEcardPassword(pw: string, personal: { birthDate?: string; idNumber?: string } = {}): EcardPasswordProblem | null {
  if (!/^\d{6}$/.test(pw ?? '')) return 'FORMAT';
  if (/^(\d)\1{5}$/.test(pw)) return 'ALL_SAME';
  const steps = [...pw].slice(1).map((c, i) => Number(c) - Number(pw[i]));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'SEQUENTIAL';
  if (personal.birthDate) {
    const [y, m, d] = personal.birthDate.split('-');
    const forms = [`${y.slice(2)}${m}${d}`, `${m}${d}${y.slice(2)}`, `${d}${m}${y.slice(2)}`];
    if (forms.includes(pw)) return 'PERSONAL';
  }
  if (personal.idNumber && personal.idNumber.slice(-6) === pw) return 'PERSONAL';
  return null;
}

/** Wrong tries before the password locks, and for how long. */
export const PASSWORD_MAX_TRIES = 5;
export const PASSWORD_LOCK_MINUTES = 30;

// ── names ─────────────────────────────────────────────────────────────────────────────────

export type NameCheck = { ok: true; normalized: string } | { ok: false };

/**
 * A name as printed on the identity document: Chinese characters (with the middle dot of
 * minority and transliterated names) or Latin letters as on a foreigner's permanent-residence
 * card, which are compared upper-case with single spaces.
 */
export function checkPersonName(raw: string): NameCheck {
  const s = String(raw ?? '').trim().replace(/\s+/g, ' ');
  if (/^[\u3400-\u9fff][\u3400-\u9fff·•.]{0,28}[\u3400-\u9fff]$/.test(s)) return { ok: true, normalized: s.replace(/[•.]/g, '·') };
  if (/^[A-Za-z][A-Za-z .'-]{0,58}[A-Za-z]$/.test(s)) return { ok: true, normalized: s.toUpperCase() };
  return { ok: false };
}
