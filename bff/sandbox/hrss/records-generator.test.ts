import { gapMonths } from '@qdssc/shared';
import { loadRoster } from '../roster';
import { recordsOf } from './records-generator';

const NOW = Date.UTC(2026, 10, 29, 2, 0, 0); // 2026-11-29 10:00 in Qingdao

describe('the HRSS twin’s record generator', () => {
  it('gives every insured roster persona records, and none to someone insured elsewhere', () => {
    for (const p of loadRoster().personas) {
      const r = recordsOf(p.idNumber, NOW);
      expect([p.id, r !== null]).toEqual([p.id, p.insured]);
    }
  });

  it('is deterministic: the same person and day give the same history', () => {
    expect(recordsOf('370202198503152027', NOW)).toEqual(recordsOf('370202198503152027', NOW));
  });

  it('posts contributions up to last month, not the current one', () => {
    const r = recordsOf('370202198503152027', NOW)!;
    expect(r.contributions[0].month).toBe('2026-10');
  });

  it('keeps bases between 60 % and 300 % of the year’s average wage and rounds every part to the fen', () => {
    const r = recordsOf('937276199004120012', NOW)!;
    for (const m of r.contributions) {
      for (const p of m.parts) {
        expect(Number.isInteger(p.personalFen) && Number.isInteger(p.employerFen)).toBe(true);
        expect(p.baseFen).toBe(m.baseFen);
      }
    }
    const bases = new Set(r.contributions.map((m) => m.baseFen));
    expect(bases.size).toBeGreaterThan(3); // wages rise year by year
  });

  it('charges employees the Qingdao-like rates of the time: pension 8 % personal, employer 16 % since May 2019', () => {
    const r = recordsOf('370213197202114013', NOW)!;
    const pension = (month: string) => r.contributions.find((m) => m.month === month)!.parts.find((p) => p.insuranceKind === 'pension')!;
    const before = pension('2019-04');
    const after = pension('2019-05');
    expect(before.employerFen).toBe(Math.round(before.baseFen * 0.18));
    expect(after.employerFen).toBe(Math.round(after.baseFen * 0.16));
    expect(after.personalFen).toBe(Math.round(after.baseFen * 0.08));
    const injury = r.contributions.find((m) => m.month === '2024-01')!.parts.find((p) => p.insuranceKind === 'work_injury')!;
    expect(injury.personalFen).toBe(0);
  });

  it('lets flexible workers pay everything themselves, with the gap months of their history', () => {
    const r = recordsOf('370212198009183015', NOW)!;
    const flexible = r.contributions.filter((m) => m.scheme === 'flexible');
    for (const m of flexible) expect(m.employerFen).toBe(0);
    expect(gapMonths(r.contributions.flatMap((m) => m.covers))).toEqual(
      expect.arrayContaining(['2013-01', '2013-12', '2016-07', '2016-10']),
    );
  });

  it('records children’s residents’ medical insurance as yearly premiums covering twelve months, counted up to last month', () => {
    const r = recordsOf('37020220160601502X', NOW)!;
    expect(r.contributions.every((m) => m.scheme === 'resident' && m.coverageMonths === 12 && m.month.endsWith('-01'))).toBe(true);
    expect(r.insurance).toEqual([expect.objectContaining({ insuranceKind: 'medical', scheme: 'resident', status: 'contributing', monthsContributed: 9 * 12 + 10 })]);
  });

  it('counts months contributed per insurance from the payments themselves', () => {
    const r = recordsOf('370202198503152027', NOW)!;
    const pension = r.insurance.find((i) => i.insuranceKind === 'pension')!;
    expect(pension.monthsContributed).toBe(r.contributions.filter((m) => m.parts.some((p) => p.insuranceKind === 'pension')).length);
    expect(pension.lastContributionMonth).toBe('2026-10');
  });
});
