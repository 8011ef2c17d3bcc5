import { INSURANCE_KINDS, addMonths, monthIndex, type ContributionMonth, type InsuranceKind } from '@qdssc/shared';

/** What one square of the chart says about one month of one insurance. */
export type MonthState = 'paid' | 'back_paid' | 'gap' | 'none';

export interface YearRow {
  year: number;
  /** Twelve entries, January first. */
  months: MonthState[];
  paid: number;
  backPaid: number;
  gaps: number[];
}

export interface KindGrid {
  kind: InsuranceKind;
  years: YearRow[];
}

/**
 * Turns the contribution months HRSS answered into a grid per insurance kind and year. A
 * month is paid (or paid late) when a payment covers it for that insurance — a residents'
 * yearly premium covers twelve months; a month between the first and the last paid month of
 * that insurance (inside the asked range) with nothing paid is a gap (断缴); before the first or
 * after the last, the person was not (yet) insured there, which is not a gap.
 */
export function contributionGrid(items: ContributionMonth[], from: string, to: string): KindGrid[] {
  const lo = monthIndex(from);
  const hi = monthIndex(to);
  const byKind = new Map<InsuranceKind, Map<number, 'paid' | 'back_paid'>>();
  for (const item of items) {
    for (const part of item.parts) {
      const paid = byKind.get(part.insuranceKind) ?? new Map<number, 'paid' | 'back_paid'>();
      byKind.set(part.insuranceKind, paid);
      for (let i = 0; i < item.coverageMonths; i++) {
        const m = monthIndex(addMonths(item.month, i));
        if (m < lo || m > hi) continue;
        // A month paid on time stays "paid" even if a later entry for the same month was back-paid.
        if (paid.get(m) !== 'paid') paid.set(m, item.status);
      }
    }
  }
  const firstYear = Math.floor(lo / 12);
  const lastYear = Math.floor(hi / 12);
  const grids: KindGrid[] = [];
  for (const kind of INSURANCE_KINDS) {
    const paid = byKind.get(kind);
    if (!paid || paid.size === 0) continue;
    const first = Math.min(...paid.keys());
    const last = Math.max(...paid.keys());
    const years: YearRow[] = [];
    for (let y = lastYear; y >= firstYear; y--) {
      const row: YearRow = { year: y, months: [], paid: 0, backPaid: 0, gaps: [] };
      for (let m = 0; m < 12; m++) {
        const idx = y * 12 + m;
        const state: MonthState = idx < lo || idx > hi ? 'none' : (paid.get(idx) ?? (idx > first && idx < last ? 'gap' : 'none'));
        row.months.push(state);
        if (state === 'paid') row.paid++;
        else if (state === 'back_paid') row.backPaid++;
        else if (state === 'gap') row.gaps.push(m + 1);
      }
      years.push(row);
    }
    grids.push({ kind, years });
  }
  return grids;
}
