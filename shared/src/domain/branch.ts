import { dayKind, shanghaiTime } from './holidays';

/**
 * What a branch outlet can do for a resident. Every partner-bank outlet takes applications
 * (`card_business`), activates cards and handles loss and replacement; most hand out a
 * temporary card on the spot; 43 make the real card while the resident waits.
 */
export const BRANCH_SERVICES = ['instant_card', 'temporary_card', 'activation', 'loss_replacement', 'card_business'] as const;
export type BranchService = (typeof BRANCH_SERVICES)[number];

/** Bit of each service in a mask (the in-memory index filters on masks). */
export function serviceBit(s: BranchService): number {
  return 1 << BRANCH_SERVICES.indexOf(s);
}

export function servicesMask(list: readonly BranchService[]): number {
  return list.reduce((m, s) => m | serviceBit(s), 0);
}

/** `09:00-17:00`: opening and closing time in Asia/Shanghai local time. */
export const HOURS_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

export interface OpeningHours {
  /** Monday–Friday and make-up working days. */
  weekday: string;
  /** Saturday and Sunday; null = closed. Public holidays are always closed. */
  weekend: string | null;
}

/** `09:00-17:00` → [540, 1020] minutes; null when malformed or closing before opening. */
export function parseHours(s: string): [number, number] | null {
  const m = HOURS_PATTERN.exec(s.trim());
  if (!m) return null;
  const open = Number(m[1]) * 60 + Number(m[2]);
  const close = Number(m[3]) * 60 + Number(m[4]);
  return close > open ? [open, close] : null;
}

/** Minutes the branch is open on each kind of day (null = closed), for fast repeated checks. */
export interface HoursWindow {
  weekday: [number, number] | null;
  weekend: [number, number] | null;
}

export function hoursWindow(h: OpeningHours): HoursWindow {
  return { weekday: parseHours(h.weekday), weekend: h.weekend ? parseHours(h.weekend) : null };
}

/** The window that applies at an instant: computed once per request, then checked per branch. */
export function todayWindowPicker(epochMs: number): { minute: number; pick: (w: HoursWindow) => [number, number] | null } {
  const { date, minute } = shanghaiTime(epochMs);
  const kind = dayKind(date);
  return { minute, pick: (w) => (kind === 'holiday' ? null : kind === 'workday' ? w.weekday : w.weekend) };
}

export function isOpenAt(h: OpeningHours | HoursWindow, epochMs: number): boolean {
  const w = typeof (h as OpeningHours).weekday === 'string' ? hoursWindow(h as OpeningHours) : (h as HoursWindow);
  const { minute, pick } = todayWindowPicker(epochMs);
  const today = pick(w);
  return today !== null && minute >= today[0] && minute < today[1];
}
