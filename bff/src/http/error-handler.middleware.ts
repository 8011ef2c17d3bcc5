import { ERRORS, type ErrorBody } from '@qdssc/shared';
import { AppError, isAppError } from './app-error';
import type { AppMiddleware } from './context';

/**
 * The single place an exception becomes an answer. AppErrors give their code, status and
 * message; anything else is a bug: logged with its stack and answered as INTERNAL, nothing
 * of it shown. A request that matched no route becomes ROUTE_NOT_FOUND.
 */
export function errorHandler(): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('ROUTE_NOT_FOUND');
    } catch (err) {
      const appErr = isAppError(err) ? err : fromKoaError(err);
      if (!appErr) {
        ctx.state.log?.error({ err }, 'unhandled error');
      } else if (appErr.status >= 500) {
        ctx.state.log?.warn({ err: appErr.cause ?? appErr, code: appErr.code }, 'upstream or service error');
      }
      const e = appErr ?? new AppError('INTERNAL');
      const body: ErrorBody = { code: e.code, message: ERRORS[e.code][ctx.state.lang ?? 'zh'], requestId: ctx.state.requestId };
      if (e.details !== undefined) body.details = e.details;
      ctx.state.errorCode = e.code;
      ctx.status = e.status;
      ctx.body = body;
      if (e.code === 'RATE_LIMITED' && typeof (e.details as { retryAfterSeconds?: number })?.retryAfterSeconds === 'number') {
        ctx.set('Retry-After', String((e.details as { retryAfterSeconds: number }).retryAfterSeconds));
      }
    }
  };
}

/** Koa/raw-body/router errors that are the caller's fault carry an `expose`d 4xx status. */
function fromKoaError(err: unknown): AppError | undefined {
  const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.too.large' || status === 413) return new AppError('PAYLOAD_TOO_LARGE', undefined, { cause: err });
  if (e?.type === 'encoding.unsupported' || status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', undefined, { cause: err });
  if (status === 405) return new AppError('METHOD_NOT_ALLOWED', undefined, { cause: err });
  if (status === 404) return new AppError('ROUTE_NOT_FOUND', undefined, { cause: err });
  if (status === 501) return new AppError('METHOD_NOT_ALLOWED', undefined, { cause: err });
  if (typeof status === 'number' && status >= 400 && status < 500 && e.expose) return new AppError('VALIDATION_FAILED', undefined, { cause: err });
  return undefined;
}
