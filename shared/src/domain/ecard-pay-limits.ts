/**
 * Limits of paying from the bank account behind a level-2 e-card (电子社保卡支付), after the
 * PBOC rules for payments verified by fewer or more factors (《非银行支付机构网络支付业务管理办法》,
 * PBOC announcement [2015] No. 43, art. 24):
 *
 * - **Password-free (小额免密)** — only the shown QR code, i.e. one factor: a single payment up to
 *   ¥1,000, and no more than ¥1,000 a day paid that way (art. 24(3): fewer than two factors →
 *   ≤ ¥1,000 per day). Above either, the resident confirms with the e-card password on the phone.
 * - **Daily cumulative** — QR code + password, two factors without a digital certificate:
 *   ≤ ¥5,000 per resident per China calendar day over all e-card payments (art. 24(2)). A payment
 *   that would pass it is refused with `ECARD_PAY_DAILY_LIMIT`, whatever the password.
 *
 * Refunds do not give the limit back (the payments happened); a charge reversed or closed
 * before money moved does. The BFF makes the figures configurable (ECARD_PAY_NO_PASSWORD_LIMIT_FEN,
 * ECARD_PAY_DAILY_LIMIT_FEN) for a bank that agrees lower ones.
 */
export interface EcardPayLimits {
  /** Largest single payment that may go through without the password. */
  noPasswordPerPaymentFen: number;
  /** Password-free payments of one resident in one China day, together. */
  noPasswordDailyFen: number;
  /** All e-card payments of one resident in one China day, together. */
  dailyFen: number;
}

export const ECARD_PAY_DEFAULT_LIMITS: EcardPayLimits = {
  noPasswordPerPaymentFen: 100_000,
  noPasswordDailyFen: 100_000,
  dailyFen: 500_000,
};

export type EcardPayDecision =
  | { allowed: true; passwordRequired: boolean }
  | { allowed: false; code: 'ECARD_PAY_DAILY_LIMIT'; remainingFen: number };

/**
 * What a payment of `amountFen` needs, given what the resident already paid today (`paidTodayFen`
 * all together, `noPasswordTodayFen` of it without the password). `passwordOffered` is true when
 * the payer confirms with the password anyway (payments started on the phone always do).
 */
export function ecardPayDecision(
  amountFen: number,
  today: { paidTodayFen: number; noPasswordTodayFen: number },
  limits: EcardPayLimits = ECARD_PAY_DEFAULT_LIMITS,
  passwordOffered = false,
): EcardPayDecision {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError(`not a positive amount of fen: ${amountFen}`);
  if (today.paidTodayFen + amountFen > limits.dailyFen) return { allowed: false, code: 'ECARD_PAY_DAILY_LIMIT', remainingFen: Math.max(0, limits.dailyFen - today.paidTodayFen) };
  if (passwordOffered) return { allowed: true, passwordRequired: true };
  const freeOk = amountFen <= limits.noPasswordPerPaymentFen && today.noPasswordTodayFen + amountFen <= limits.noPasswordDailyFen;
  return { allowed: true, passwordRequired: !freeOk };
}

/** The China calendar day (UTC+8, no daylight saving) a moment falls on: the day the limits count. */
export function ecardPayDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}
