import { feesPickProblem } from './fees';

const flex = (m: string) => ({ billNo: `F${m}`, kind: 'flexible' as const, period: m });
const unpaid = ['2026-08', '2026-09', '2026-10', '2026-11'];

describe('picking bills to pay together', () => {
  it('accepts the oldest unpaid months in any order', () => {
    expect(feesPickProblem([flex('2026-09'), flex('2026-08')], unpaid)).toBeNull();
    expect(feesPickProblem(unpaid.map(flex), unpaid)).toBeNull();
  });

  it('refuses a later month while an earlier one stays unpaid', () => {
    expect(feesPickProblem([flex('2026-09')], unpaid)).toBe('NOT_OLDEST_FIRST');
    expect(feesPickProblem([flex('2026-08'), flex('2026-10')], unpaid)).toBe('NOT_OLDEST_FIRST');
  });

  it('refuses nothing, duplicates and a mix of kinds', () => {
    expect(feesPickProblem([], unpaid)).toBe('EMPTY');
    expect(feesPickProblem([flex('2026-08'), flex('2026-08')], unpaid)).toBe('DUPLICATE');
    expect(feesPickProblem([flex('2026-08'), { billNo: 'E1', kind: 'exam', period: '2026' }], unpaid)).toBe('MIXED_KINDS');
  });

  it('lets other kinds be picked in any combination', () => {
    expect(feesPickProblem([{ billNo: 'E2', kind: 'exam', period: '2026' }], unpaid)).toBeNull();
  });
});
