import getRawBody from 'raw-body';
import { AppError } from './app-error';
import type { AppMiddleware } from './context';

/**
 * Reads JSON and form bodies with a size limit, keeping the raw bytes for signature checks.
 * Multipart bodies are left on the stream for the upload routes, which apply their own limit.
 * Any other type of body is refused with UNSUPPORTED_MEDIA_TYPE rather than ignored.
 */
export function bodyParser(opts: { limitBytes: number }): AppMiddleware {
  return async (ctx, next) => {
    if (!hasBody(ctx.req.headers)) return next();
    if (ctx.is('multipart/form-data')) return next();
    const isJson = Boolean(ctx.is('application/json', 'application/*+json'));
    const isForm = Boolean(ctx.is('application/x-www-form-urlencoded'));
    if (!isJson && !isForm) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    let raw: Buffer;
    try {
      raw = await getRawBody(ctx.req, { limit: opts.limitBytes, length: ctx.get('content-length') || undefined });
    } catch (err) {
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') throw new AppError('PAYLOAD_TOO_LARGE', { limitBytes: opts.limitBytes }, { cause: err });
      throw new AppError('INVALID_JSON', undefined, { cause: err });
    }
    ctx.state.rawBody = raw;
    const text = raw.toString('utf8');
    if (isJson) {
      if (text.trim() === '') {
        ctx.request.body = undefined;
      } else {
        try {
          ctx.request.body = JSON.parse(text);
        } catch (err) {
          throw new AppError('INVALID_JSON', undefined, { cause: err });
        }
      }
    } else {
      ctx.request.body = Object.fromEntries(new URLSearchParams(text));
    }
    return next();
  };
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const len = headers['content-length'];
  return len !== undefined && len !== '0';
}

declare module 'koa' {
  interface Request {
    body?: unknown;
  }
}
