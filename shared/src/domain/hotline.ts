import { ID_NUMBER_IN_TEXT } from './mask';

/**
 * Handing a problem to the 12345 hotline: what a ticket is about, its life, and the rule that it
 * never carries an ID number or a phone number in clear.
 */
export const HANDOFF_CATEGORIES = ['card_application', 'ecard', 'card_status', 'payment', 'medical', 'records', 'branch', 'account', 'eligibility', 'other'] as const;
export type HandoffCategory = (typeof HANDOFF_CATEGORIES)[number];

/** What the hotline's staff read as the topic (their system is Chinese). */
export const HANDOFF_CATEGORY_NAMES: Record<HandoffCategory, string> = {
  card_application: '社保卡申领',
  ecard: '电子社保卡',
  card_status: '挂失与补换卡',
  payment: '缴费支付',
  medical: '就医购药结算',
  records: '信息查询',
  branch: '网点服务',
  account: '账号与登录',
  eligibility: '办理条件咨询',
  other: '其他',
};

/** Operations are named `area.action` (`ecard.apply`, `branches.nearby`). */
export const OPERATION_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+){0,4}$/;

const PREFIX_CATEGORY: Array<[RegExp, HandoffCategory]> = [
  [/^(ecard|qr|qrcodes)\b/, 'ecard'],
  [/^(card|cards|application|applications)\b/, 'card_application'],
  [/^(loss|lost|replacement|card-status|cardstatus)\b/, 'card_status'],
  [/^(pay|payment|payments|orders|contribution)\b/, 'payment'],
  [/^(medical|settlement|insurance)\b/, 'medical'],
  [/^(records|query|queries)\b/, 'records'],
  [/^(branch|branches)\b/, 'branch'],
  [/^(auth|login|identity|account|family)\b/, 'account'],
  [/^(guide|eligibility)\b/, 'eligibility'],
];

/** A sensible category for a failing operation when the screen did not name one. */
export function categoryForOperation(operation: string): HandoffCategory {
  for (const [re, c] of PREFIX_CATEGORY) if (re.test(operation)) return c;
  return 'other';
}

/**
 * A handoff: `pending` while the hotline is being asked, `submitted` with a ticket number,
 * `failed` when the hotline could not be reached (the resident is told to call directly; a retry
 * moves it back to `pending`). A `pending` one left behind by a crashed process may be reclaimed.
 */
export const HANDOFF_STATUSES = ['pending', 'submitted', 'failed'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const HANDOFF_TRANSITIONS: Record<HandoffStatus, readonly HandoffStatus[]> = {
  pending: ['submitted', 'failed', 'pending'],
  failed: ['pending'],
  submitted: [],
};

export function canHandoffTransition(from: HandoffStatus, to: HandoffStatus): boolean {
  return HANDOFF_TRANSITIONS[from].includes(to);
}

/** Mobile numbers (11 digits starting 1[3-9]) inside free text. */
export const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
/** Any other run of 7+ digits (landlines, card and account numbers, 15-digit old IDs). */
const LONG_DIGITS = /(?<![0-9A-Za-z*])\d{7,}(?![0-9A-Za-z])/g;

/**
 * Masks what must not reach the hotline in clear: ID numbers, mobiles, and any other long run of
 * digits (landlines, bank cards, old 15-digit IDs), keeping enough for staff to recognise it.
 */
export function scrubPii(text: string): string {
  return text
    .replace(ID_NUMBER_IN_TEXT, (_m, head: string, tail: string) => `${head}**********${tail}`)
    .replace(MOBILE_IN_TEXT, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(LONG_DIGITS, (m) => `${'*'.repeat(m.length - 4)}${m.slice(-4)}`);
}

/** True when text still holds an unmasked ID number or mobile (the hotline twin refuses such tickets). */
export function containsUnmaskedPii(text: string): boolean {
  const id = new RegExp(ID_NUMBER_IN_TEXT.source);
  const mobile = new RegExp(MOBILE_IN_TEXT.source);
  return id.test(text) || mobile.test(text) || /(?<![0-9A-Za-z*])\d{7,}(?![0-9A-Za-z])/.test(text);
}

/** The number a resident dials. */
export const HOTLINE_NUMBER = '12345';
