import { AppError } from '../../http/app-error';
import { httpRequest, parseJson, UpstreamError } from '../http-client';

const SYSTEM = 'h5-identity';

export interface H5IdentityConfig {
  base: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The H5 channel's identity provider (in production the province's unified government-service
 * login, OAuth 2 authorization code flow; in the sandbox its twin). Codes are single use.
 */
export class H5IdentityClient {
  constructor(private readonly cfg: H5IdentityConfig, private readonly timeoutMs = 5000) {}

  async exchangeCode(code: string): Promise<{ subject: string }> {
    const res = await httpRequest(SYSTEM, `${this.cfg.base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret }).toString(),
      timeoutMs: this.timeoutMs,
    });
    if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `HTTP ${res.status}`);
    const body = parseJson<{ sub?: string; error?: string; error_description?: string }>(SYSTEM, res.text);
    if (body.error === 'invalid_grant') throw new AppError('LOGIN_CODE_INVALID', undefined, { cause: new Error(body.error_description) });
    if (body.error === 'slow_down') throw new AppError('LOGIN_RATE_LIMITED');
    if (body.error || !body.sub) throw new UpstreamError(SYSTEM, 'protocol', `token endpoint: ${body.error ?? 'no subject'}`);
    return { subject: body.sub };
  }
}
