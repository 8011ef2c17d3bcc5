import Router from '@koa/router';
import type { SandboxContext } from '../sandbox-context';
import { OneTimeCodes } from '../one-time-codes';

/**
 * The H5 channel's identity provider twin: OAuth 2 authorization-code token endpoint
 * (`POST /h5-identity/oauth/token`, form body, client credentials), answering `{sub}` or
 * `{error: "invalid_grant"}` as RFC 6749 says. Codes come from
 * `POST /sandbox/h5-identity/login-codes {subject}`.
 */
export function h5IdentityTwin(sc: SandboxContext) {
  const r = new Router({ prefix: '/h5-identity' });
  const codes = new OneTimeCodes<string>(5 * 60_000, sc.now);

  r.post('/oauth/token', async (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, string>;
    if (b.client_id !== sc.credentials.h5Identity.clientId || b.client_secret !== sc.credentials.h5Identity.clientSecret) {
      ctx.status = 401;
      ctx.body = { error: 'invalid_client' };
      return;
    }
    if (b.grant_type !== 'authorization_code') {
      ctx.status = 400;
      ctx.body = { error: 'unsupported_grant_type' };
      return;
    }
    const sub = b.code ? codes.redeem(b.code) : undefined;
    if (!sub) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_grant', error_description: 'code is invalid, used or expired' };
      return;
    }
    ctx.body = { access_token: `at-${b.code}`, token_type: 'Bearer', expires_in: 300, sub };
  });

  const control = new Router({ prefix: '/sandbox/h5-identity' });
  control.post('/login-codes', async (ctx) => {
    const { subject } = (ctx.request.body ?? {}) as { subject?: string };
    if (!subject) {
      ctx.status = 400;
      ctx.body = { error: 'subject required' };
      return;
    }
    ctx.body = { code: codes.mint(subject) };
  });
  return [r, control];
}
