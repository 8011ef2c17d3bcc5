import type { AppMiddleware } from './context';

/**
 * Headers a government app is audited for. API answers forbid framing and sniffing; the H5
 * page gets a CSP that allows only its own scripts, styles and images (plus data: images for
 * the QR code) and API calls to its own origin. `connect-src blob:` lets Taro's H5 uploadFile read
 * the file a resident picked (chooseImage hands it over as a blob: URL).
 */
export function securityHeaders(opts: { hsts: boolean }): AppMiddleware {
  return async (ctx, next) => {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
    if (opts.hsts) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const isPage = ctx.type?.startsWith('text/html');
    // connect-src blob: — Taro's H5 uploadFile reads the picked photo back from its blob: URL;
    // font-src data: — the weui icon font Taro's H5 components inline.
    ctx.set(
      'Content-Security-Policy',
      isPage
        ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        : "default-src 'none'; frame-ancestors 'none'",
    );
    ctx.remove('X-Powered-By');
  };
}
