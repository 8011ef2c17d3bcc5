/**
 * Public holidays and make-up working days (调休上班) in mainland China, as published by the State
 * Council's General Office. Branches are closed on a holiday; on a make-up working day they keep
 * weekday hours even when it falls on a weekend.
 *
 * 2026: 国办发明电〔2025〕 notice of 2025-11-04 (元旦 1.1–3, 春节 2.15–23, 清明 4.4–6, 劳动节
 * 5.1–5, 端午 6.19–21, 中秋 9.25–27, 国庆 10.1–7; work on 1.4, 2.14, 2.28, 5.9, 9.20, 10.10).
 * 2027: not yet published (the notice usually comes in November of the year before). Until then
 * only the statutory days themselves are listed (元旦 1, 春节 除夕–初三 4, 清明 1, 劳动节 2,
 * 端午 1, 中秋 1, 国庆 3), without bridges or make-up days: replace them when the notice is out.
 */
export interface HolidayYear {
  year: number;
  provisional: boolean;
  /** YYYY-MM-DD, Asia/Shanghai dates. */
  off: readonly string[];
  workdays: readonly string[];
}

const range = (from: string, days: number): string[] => {
  const [y, m, d] = from.split('-').map(Number);
  return Array.from({ length: days }, (_, i) => new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
};

export const HOLIDAYS: readonly HolidayYear[] = [
  {
    year: 2026,
    provisional: false,
    off: [
      ...range('2026-01-01', 3),
      ...range('2026-02-15', 9),
      ...range('2026-04-04', 3),
      ...range('2026-05-01', 5),
      ...range('2026-06-19', 3),
      ...range('2026-09-25', 3),
      ...range('2026-10-01', 7),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  {
    year: 2027,
    provisional: true,
    off: ['2027-01-01', ...range('2027-02-05', 4), '2027-04-05', ...range('2027-05-01', 2), '2027-06-09', '2027-09-15', ...range('2027-10-01', 3)],
    workdays: [],
  },
];

const OFF = new Set(HOLIDAYS.flatMap((y) => y.off));
const WORK = new Set(HOLIDAYS.flatMap((y) => y.workdays));

export type DayKind = 'holiday' | 'workday' | 'weekend';

/** What kind of day an Asia/Shanghai calendar date is. */
export function dayKind(date: string): DayKind {
  if (OFF.has(date)) return 'holiday';
  if (WORK.has(date)) return 'workday';
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow === 0 || dow === 6 ? 'weekend' : 'workday';
}

/** China has no daylight saving time: Asia/Shanghai is always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai date and minute of the day at an instant (Unix ms, from the injected clock). */
export function shanghaiTime(epochMs: number): { date: string; minute: number } {
  const local = new Date(epochMs + SHANGHAI_OFFSET_MS);
  return { date: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}
