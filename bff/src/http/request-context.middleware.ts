import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/logger';
import type { AppMiddleware } from './context';

const VALID_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (kept from `X-Request-Id` when a proxy set a sane one), a child
 * logger carrying it, and the reply language; logs one line per request with its outcome.
 */
export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = VALID_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    const lang = (ctx.get('x-lang') || ctx.get('accept-language')).toLowerCase();
    ctx.state.lang = lang.startsWith('en') ? 'en' : 'zh';
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Query strings may carry coordinates; the path alone says what was called.
      ctx.state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, code: ctx.state.errorCode }, 'request');
    }
  };
}
