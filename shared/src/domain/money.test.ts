import { fenToYuanString, formatFen, isFen, parseYuanToFen } from './money';

describe('money in integer fen', () => {
  it('formats fen as yuan for people', () => {
    expect(fenToYuanString(0)).toBe('0.00');
    expect(fenToYuanString(5)).toBe('0.05');
    expect(fenToYuanString(12345)).toBe('123.45');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-250)).toBe('-¥2.50');
  });

  it('parses what a person types without floating-point error', () => {
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen('19.99')).toBe(1999);
    expect(parseYuanToFen('¥1,234.5')).toBe(123450);
    expect(parseYuanToFen('1.005')).toBeNull();
    expect(parseYuanToFen('-1')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
  });

  it('accepts only non-negative safe integers as fen', () => {
    expect(isFen(100)).toBe(true);
    expect(isFen(1.5)).toBe(false);
    expect(isFen(-1)).toBe(false);
    expect(isFen('100')).toBe(false);
  });
});
