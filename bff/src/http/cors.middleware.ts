import type { AppMiddleware } from './context';

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id, X-Lang, Idempotency-Key';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * CORS for the H5 build only: listed origins get the headers, every other origin gets none and
 * the browser blocks it. Terminals and callbacks are server-to-server and never need CORS.
 */
export function cors(allowedOrigins: string[]): AppMiddleware {
  const allowed = new Set(allowedOrigins);
  return async (ctx, next) => {
    const origin = ctx.get('origin');
    ctx.vary('Origin');
    const ok = origin !== '' && allowed.has(origin) && ctx.path.startsWith('/api/');
    if (ok) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
    }
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      if (ok) {
        ctx.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
        ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        ctx.set('Access-Control-Max-Age', '600');
      }
      ctx.status = 204;
      return;
    }
    await next();
  };
}
