/**
 * Calendar months as `YYYY-MM` strings: contributions are paid per month, and gaps (断缴) are
 * months inside an insured span with nothing paid.
 */

export const MONTH_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH_PATTERN.test(s);
}

/** A real calendar date (no 2月30日), `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_PATTERN.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + (m - 1);
}

export function monthFromIndex(i: number): string {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n);
}

/** Inclusive count of months from `from` to `to` (0 when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  return Math.max(0, monthIndex(to) - monthIndex(from) + 1);
}

/** Every month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

/** The month of a timestamp in China Standard Time (UTC+8, no daylight saving). */
export function monthInChina(epochMs: number): string {
  const d = new Date(epochMs + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The date of a timestamp in China Standard Time, `YYYY-MM-DD`. */
export function dateInChina(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Months between the first and the last paid month (inclusive) that have no payment: what a
 * contribution chart highlights. Months outside [first, last] are not gaps but "not insured yet /
 * any more".
 */
export function gapMonths(paid: Iterable<string>): string[] {
  const set = new Set(paid);
  if (set.size === 0) return [];
  const idx = [...set].map(monthIndex);
  const lo = Math.min(...idx);
  const hi = Math.max(...idx);
  const gaps: string[] = [];
  for (let i = lo; i <= hi; i++) if (!set.has(monthFromIndex(i))) gaps.push(monthFromIndex(i));
  return gaps;
}

/** Groups consecutive months into spans, e.g. for "2019-03 to 2019-05 (3 months) not paid". */
export function monthSpans(months: string[]): Array<{ from: string; to: string; months: number }> {
  const sorted = [...new Set(months)].map(monthIndex).sort((a, b) => a - b);
  const spans: Array<{ from: string; to: string; months: number }> = [];
  for (const i of sorted) {
    const last = spans[spans.length - 1];
    if (last && monthIndex(last.to) === i - 1) {
      last.to = monthFromIndex(i);
      last.months += 1;
    } else spans.push({ from: monthFromIndex(i), to: monthFromIndex(i), months: 1 });
  }
  return spans;
}
