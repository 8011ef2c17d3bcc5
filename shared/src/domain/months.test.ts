import { addMonths, dateInChina, gapMonths, isIsoDate, isMonth, monthInChina, monthRange, monthsBetween, monthSpans } from './months';

describe('months', () => {
  it('recognizes months and real dates only', () => {
    expect(isMonth('2024-12')).toBe(true);
    expect(isMonth('2024-13')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
  });

  it('counts and walks months across years', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(monthsBetween('2023-11', '2024-02')).toBe(4);
    expect(monthsBetween('2024-02', '2023-11')).toBe(0);
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('finds unpaid months between the first and the last paid month, grouped into spans', () => {
    const paid = ['2023-01', '2023-02', '2023-05', '2023-06', '2023-08'];
    expect(gapMonths(paid)).toEqual(['2023-03', '2023-04', '2023-07']);
    expect(monthSpans(gapMonths(paid))).toEqual([
      { from: '2023-03', to: '2023-04', months: 2 },
      { from: '2023-07', to: '2023-07', months: 1 },
    ]);
    expect(gapMonths([])).toEqual([]);
  });

  it('uses China time for "this month": 31 Dec 17:00 UTC is already January in Qingdao', () => {
    const t = Date.UTC(2025, 11, 31, 17, 0, 0);
    expect(monthInChina(t)).toBe('2026-01');
    expect(dateInChina(t)).toBe('2026-01-01');
  });
});
