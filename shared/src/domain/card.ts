import { dayKind } from './holidays';
import type { PhysicalCardStatus } from './ecard';
import { isAllowedTransition, PHYSICAL_CARD_TRANSITIONS } from './ecard';

/**
 * What a resident may do with their physical card, from which state and where (online in the
 * mini-program, or only at a branch counter). The HRSS card system is the system of record; this
 * table is what the BFF enforces before calling it and what the card page reads to offer only the
 * allowed actions. Every refusal has its own code whose message says what to do instead.
 */

export const CARD_OPERATIONS = ['activate', 'report_temporary_loss', 'release_temporary_loss', 'report_loss', 'replace', 'cancel'] as const;
export type CardOperation = (typeof CARD_OPERATIONS)[number];

export const CARD_CHANNELS = ['online', 'branch'] as const;
export type CardChannel = (typeof CARD_CHANNELS)[number];

export interface CardOperationRule {
  to: PhysicalCardStatus;
  /** From-states per channel. A branch can do everything the app can, and more. */
  from: Readonly<Record<CardChannel, readonly PhysicalCardStatus[]>>;
}

export const CARD_OPERATION_TABLE: Readonly<Record<CardOperation, CardOperationRule>> = {
  activate: { to: 'active', from: { online: ['issued'], branch: ['issued'] } },
  report_temporary_loss: { to: 'temporarily_lost', from: { online: ['active'], branch: ['active'] } },
  release_temporary_loss: { to: 'active', from: { online: ['temporarily_lost'], branch: ['temporarily_lost'] } },
  // 正式挂失 and 补换卡 need the card's holder and documents at a counter.
  report_loss: { to: 'lost', from: { online: [], branch: ['active', 'temporarily_lost'] } },
  replace: { to: 'replaced', from: { online: [], branch: ['lost'] } },
  // Online only while the card is in hand and usable or not yet activated; everything else at a counter.
  cancel: { to: 'cancelled', from: { online: ['active', 'issued'], branch: ['in_production', 'issued', 'active', 'temporarily_lost', 'lost'] } },
};

/** Where a refusal sends the resident next. */
export type CardAdvice = 'branch' | 'wait' | 'none';

export type CardOperationRefusal =
  | 'CARD_OP_BRANCH_ONLY'
  | 'CARD_OP_IN_PRODUCTION'
  | 'CARD_OP_NOT_ACTIVATED'
  | 'CARD_OP_ALREADY_ACTIVE'
  | 'CARD_OP_ALREADY_REPORTED'
  | 'CARD_OP_NOT_REPORTED'
  | 'CARD_OP_FORMALLY_LOST'
  | 'CARD_OP_CARD_CLOSED';

export const CARD_REFUSAL_ADVICE: Readonly<Record<CardOperationRefusal, CardAdvice>> = {
  CARD_OP_BRANCH_ONLY: 'branch',
  CARD_OP_IN_PRODUCTION: 'wait',
  CARD_OP_NOT_ACTIVATED: 'none',
  CARD_OP_ALREADY_ACTIVE: 'none',
  CARD_OP_ALREADY_REPORTED: 'none',
  CARD_OP_NOT_REPORTED: 'none',
  CARD_OP_FORMALLY_LOST: 'branch',
  CARD_OP_CARD_CLOSED: 'branch',
};

export type CardOperationDecision =
  | { allowed: true; to: PhysicalCardStatus }
  | { allowed: false; code: CardOperationRefusal; advice: CardAdvice };

const refuse = (code: CardOperationRefusal): CardOperationDecision => ({ allowed: false, code, advice: CARD_REFUSAL_ADVICE[code] });

/** May `op` be done on a card in state `from` through `channel`? If not, why and where to go instead. */
export function canCardOperation(op: CardOperation, from: PhysicalCardStatus, channel: CardChannel): CardOperationDecision {
  const rule = CARD_OPERATION_TABLE[op];
  if (rule.from[channel].includes(from)) return { allowed: true, to: rule.to };
  if (from === 'cancelled' || from === 'replaced') return refuse('CARD_OP_CARD_CLOSED');
  if (from === 'lost') return refuse(rule.from.branch.includes(from) ? 'CARD_OP_BRANCH_ONLY' : 'CARD_OP_FORMALLY_LOST');
  if (from === 'in_production') return refuse(rule.from.branch.includes(from) ? 'CARD_OP_BRANCH_ONLY' : 'CARD_OP_IN_PRODUCTION');
  if (rule.from.branch.includes(from)) return refuse('CARD_OP_BRANCH_ONLY');
  switch (op) {
    case 'activate':
      return refuse('CARD_OP_ALREADY_ACTIVE');
    case 'report_temporary_loss':
      return refuse(from === 'temporarily_lost' ? 'CARD_OP_ALREADY_REPORTED' : 'CARD_OP_NOT_ACTIVATED');
    case 'release_temporary_loss':
      return refuse('CARD_OP_NOT_REPORTED');
    case 'replace':
      return refuse('CARD_OP_BRANCH_ONLY');
    default:
      return refuse(from === 'issued' ? 'CARD_OP_NOT_ACTIVATED' : 'CARD_OP_BRANCH_ONLY');
  }
}

/** The operations the card page offers for a card in this state (online only). */
export function cardOnlineActions(status: PhysicalCardStatus): CardOperation[] {
  return CARD_OPERATIONS.filter((op) => canCardOperation(op, status, 'online').allowed);
}

/** True when every allowed row of the table is a transition of the physical card's machine. */
export function cardTableMatchesTransitions(): boolean {
  return CARD_OPERATIONS.every((op) => CARD_CHANNELS.every((ch) => CARD_OPERATION_TABLE[op].from[ch].every((s) => isAllowedTransition(PHYSICAL_CARD_TRANSITIONS, s, CARD_OPERATION_TABLE[op].to))));
}

// ── production progress ───────────────────────────────────────────────────────────────────

/** 制卡进度: submitted → in production → ready at the branch → collected (about 7 working days). */
export const CARD_PRODUCTION_STAGES = ['submitted', 'in_production', 'ready_at_branch', 'collected'] as const;
export type CardProductionStage = (typeof CARD_PRODUCTION_STAGES)[number];
export const CARD_PRODUCTION_WORKING_DAYS = 7;

/** Stages only move forward; a late or repeated report of an earlier stage changes nothing. */
export function isLaterProductionStage(next: CardProductionStage, current: CardProductionStage | null): boolean {
  return current === null || CARD_PRODUCTION_STAGES.indexOf(next) > CARD_PRODUCTION_STAGES.indexOf(current);
}

/** The date (YYYY-MM-DD, Qingdao) a card submitted on `date` is expected ready: n working days later. */
export function cardAddWorkingDays(date: string, n: number): string {
  let d = new Date(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + 86_400_000);
    if (dayKind(d.toISOString().slice(0, 10)) === 'workday') left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

// ── temporary card and instant card-making (即时制卡) ──────────────────────────────────────

/**
 * Who may ask for a temporary card or an instant card at a branch (the article): people working,
 * settled or treated away from home, inpatients, those drawing benefits by card, and anyone who
 * needs the card while applying for or replacing it.
 */
export const CARD_TEMPORARY_REASONS = ['working_away', 'settled_away', 'treated_away', 'inpatient', 'benefits_by_card', 'applying_or_replacing'] as const;
export type CardTemporaryReason = (typeof CARD_TEMPORARY_REASONS)[number];

/** What to bring, by reason (i18n keys `card.bring.<item>`). */
export const CARD_BRING_ITEMS = ['id_document', 'old_card', 'proof_away', 'proof_hospital', 'agent_id'] as const;
export type CardBringItem = (typeof CARD_BRING_ITEMS)[number];

export function cardWhatToBring(reason: CardTemporaryReason): CardBringItem[] {
  const base: CardBringItem[] = ['id_document'];
  if (reason === 'working_away' || reason === 'settled_away' || reason === 'treated_away') base.push('proof_away');
  if (reason === 'inpatient') base.push('proof_hospital', 'agent_id');
  if (reason === 'applying_or_replacing') base.push('old_card');
  return base;
}

export const CARD_HALF_DAYS = ['am', 'pm'] as const;
export type CardHalfDay = (typeof CARD_HALF_DAYS)[number];

/** Bookings per branch per half-day, and how far ahead one may book (working days). */
export const CARD_SLOT_CAPACITY = 20;
export const CARD_BOOKING_DAYS_AHEAD = 10;

/** The next `n` working days after `today` (YYYY-MM-DD, Qingdao): the bookable dates. */
export function cardBookableDates(today: string, n = CARD_BOOKING_DAYS_AHEAD): string[] {
  const out: string[] = [];
  let d = today;
  while (out.length < n) {
    d = cardAddWorkingDays(d, 1);
    out.push(d);
  }
  return out;
}

export const CARD_APPOINTMENT_STATUSES = ['booked', 'cancelled'] as const;
export type CardAppointmentStatus = (typeof CARD_APPOINTMENT_STATUSES)[number];
