import { ERRORS, type ErrorCode } from '@qdssc/shared';

/**
 * The one error type a user-facing failure is thrown as. The code picks the HTTP status and the
 * resident's message from the shared table; `details` (field problems, what to do next) are
 * shown, `cause` is only logged.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
