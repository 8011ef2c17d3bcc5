import { authErrors } from './auth.errors';
import { commonErrors } from './common.errors';
import { branchesErrors } from './branches.errors';
import { hotlineErrors } from './hotline.errors';
import { paymentsErrors } from './payments.errors';
import { recordsErrors } from './records.errors';
import { businessErrors } from './business.errors';
import { ecardErrors } from './ecard.errors';
import { notificationsErrors } from './notifications.errors';
import { feesErrors } from './fees.errors';
import { payTerminalErrors } from './pay-terminal.errors';
import { cardErrors } from './card.errors';
import type { ErrorSpec } from './error-spec';

export type { ErrorSpec, ErrorTable } from './error-spec';

/**
 * Every error code the product answers with. Features add their own table file and spread it
 * here, so a code is defined exactly once and the client and server read the same message.
 */
export const ERRORS = {
  ...commonErrors,
  ...authErrors,
  ...branchesErrors,
  ...hotlineErrors,
  ...paymentsErrors,
  ...recordsErrors,
  ...businessErrors,
  ...ecardErrors,
  ...notificationsErrors,
  ...feesErrors,
  ...payTerminalErrors,
  ...cardErrors,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export type Lang = 'zh' | 'en';

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code);
}

export function errorSpec(code: ErrorCode): ErrorSpec {
  return ERRORS[code];
}

/** The message shown to a resident; unknown codes fall back to the generic one, never to a stack. */
export function errorMessage(code: string, lang: Lang = 'zh'): string {
  const spec: ErrorSpec = isErrorCode(code) ? ERRORS[code] : ERRORS.INTERNAL;
  return spec[lang];
}
