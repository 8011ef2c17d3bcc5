import { ECARD_PAY_DEFAULT_LIMITS, ecardPayDay, ecardPayDecision } from './ecard-pay-limits';

const fresh = { paidTodayFen: 0, noPasswordTodayFen: 0 };

describe('e-card payment limits (PBOC)', () => {
  it('lets a payment up to ¥1,000 go through without the password, and asks for it above', () => {
    expect(ecardPayDecision(100_000, fresh)).toEqual({ allowed: true, passwordRequired: false });
    expect(ecardPayDecision(100_001, fresh)).toEqual({ allowed: true, passwordRequired: true });
  });

  it('asks for the password once the password-free payments of the day would pass ¥1,000', () => {
    expect(ecardPayDecision(30_000, { paidTodayFen: 80_000, noPasswordTodayFen: 80_000 })).toEqual({ allowed: true, passwordRequired: true });
    expect(ecardPayDecision(20_000, { paidTodayFen: 80_000, noPasswordTodayFen: 80_000 })).toEqual({ allowed: true, passwordRequired: false });
  });

  it('refuses a payment that would take the day past ¥5,000, with its code and what is left', () => {
    expect(ecardPayDecision(100_000, { paidTodayFen: 450_000, noPasswordTodayFen: 0 }, ECARD_PAY_DEFAULT_LIMITS, true)).toEqual({ allowed: false, code: 'ECARD_PAY_DAILY_LIMIT', remainingFen: 50_000 });
    expect(ecardPayDecision(50_000, { paidTodayFen: 450_000, noPasswordTodayFen: 0 }, ECARD_PAY_DEFAULT_LIMITS, true)).toEqual({ allowed: true, passwordRequired: true });
  });

  it('follows configured limits', () => {
    expect(ecardPayDecision(5_000, fresh, { noPasswordPerPaymentFen: 2_000, noPasswordDailyFen: 2_000, dailyFen: 10_000 })).toEqual({ allowed: true, passwordRequired: true });
  });

  it('refuses amounts that are not positive integer fen', () => {
    expect(() => ecardPayDecision(0, fresh)).toThrow(RangeError);
    expect(() => ecardPayDecision(1.5, fresh)).toThrow(RangeError);
  });

  it('counts days in China time', () => {
    expect(ecardPayDay(Date.parse('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(ecardPayDay(Date.parse('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
  });
});
