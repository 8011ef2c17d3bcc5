import type { ContributionMonth } from '@qdssc/shared';
import { contributionGrid } from './contribution-months';

const month = (m: string, kinds: string[], extra: Partial<ContributionMonth> = {}): ContributionMonth => ({
  month: m, scheme: 'employee', unitName: '青岛港湾物流有限公司', status: 'paid', coverageMonths: 1, baseFen: 600_000, personalFen: 60_000, employerFen: 120_000,
  parts: kinds.map((k) => ({ insuranceKind: k as 'pension', baseFen: 600_000, personalFen: 1, employerFen: 2 })), ...extra,
});

describe('the contribution grid', () => {
  it('marks paid, paid-late and gap months per insurance, newest year first', () => {
    const items = [month('2024-03', ['pension', 'medical']), month('2024-02', ['pension'], { status: 'back_paid' }), month('2023-11', ['pension', 'medical'])];
    const grids = contributionGrid(items, '2023-01', '2024-12');
    expect(grids.map((g) => g.kind)).toEqual(['pension', 'medical']);
    const [pension, medical] = grids;
    expect(pension.years.map((y) => y.year)).toEqual([2024, 2023]);
    expect(pension.years[0].months.slice(0, 4)).toEqual(['gap', 'back_paid', 'paid', 'none']);
    expect(pension.years[1]).toMatchObject({ paid: 1, backPaid: 0, gaps: [12] });
    expect(pension.years[0]).toMatchObject({ paid: 1, backPaid: 1, gaps: [1] });
    // Medical was not paid for February 2024: a gap there, not in the pension.
    expect(medical.years[0].gaps).toEqual([1, 2]);
  });

  it('does not call months before the first or after the last payment gaps', () => {
    const grids = contributionGrid([month('2024-06', ['pension'])], '2020-01', '2024-12');
    expect(grids[0].years.every((y) => y.gaps.length === 0)).toBe(true);
    expect(grids[0].years).toHaveLength(5);
  });

  it('counts a residents’ yearly premium for the twelve months it covers, inside the range only', () => {
    const grids = contributionGrid([month('2024-01', ['medical'], { scheme: 'resident', coverageMonths: 12 })], '2024-06', '2025-03');
    expect(grids[0].years.find((y) => y.year === 2024)).toMatchObject({ paid: 7, gaps: [] });
    expect(grids[0].years.find((y) => y.year === 2025)!.months.slice(0, 3)).toEqual(['none', 'none', 'none']);
  });

  it('has nothing to draw without payments', () => {
    expect(contributionGrid([], '2024-01', '2024-12')).toEqual([]);
  });
});
