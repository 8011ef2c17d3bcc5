import { request as httpRequest } from 'node:http';
import { describeDb } from './support/test-db';
import { startStack, type Stack } from './support/stack';

describeDb('the BFF over HTTP', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('says it is up and ready with the database reachable', async () => {
    const up = await s.api.get('/healthz');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ code: 'OK', data: { status: 'ok' } });
    const ready = await s.api.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.data.checks).toEqual({ db: 'ok', kv: 'ok' });
  });

  it('answers an unknown route with ROUTE_NOT_FOUND and a Chinese message', async () => {
    const r = await s.api.get('/api/v1/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '您访问的功能不存在' });
    expect(r.body.requestId).toBe(r.headers.get('x-request-id'));
  });

  it('answers in English when the UI is English', async () => {
    const r = await s.api.get('/api/v1/no-such-thing', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(r.body.message).toBe('This function does not exist.');
  });

  it('refuses a malformed JSON body with INVALID_JSON, not a 500', async () => {
    const r = await s.api.request('POST', '/api/v1/auth/login', { rawBody: '{"channel": "h5", ', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('INVALID_JSON');
  });

  it('refuses a body that is not JSON with UNSUPPORTED_MEDIA_TYPE', async () => {
    const r = await s.api.request('POST', '/api/v1/auth/login', { rawBody: '<xml/>', headers: { 'content-type': 'text/xml' } });
    expect(r.status).toBe(415);
    expect(r.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an oversized body with PAYLOAD_TOO_LARGE before reading it all', async () => {
    const big = JSON.stringify({ channel: 'h5', code: 'x'.repeat(s.config.bodyLimitBytes + 10) });
    const r = await s.api.request('POST', '/api/v1/auth/login', { rawBody: big, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an oversized chunked body too', async () => {
    const url = new URL('/api/v1/auth/login', s.baseUrl);
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body that breaks the contract with VALIDATION_FAILED and the field', async () => {
    const r = await s.api.post('/api/v1/auth/login', { channel: 'telegram', code: '' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['channel', 'code']);
  });

  it('answers a wrong method with METHOD_NOT_ALLOWED', async () => {
    const r = await s.api.get('/api/v1/auth/login');
    expect(r.status).toBe(405);
    expect(r.body.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('sets security headers and allows CORS only for the H5 origin', async () => {
    const ok = await s.api.get('/healthz', { origin: 'http://localhost:8080' });
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('x-frame-options')).toBe('DENY');
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    const api = await s.api.get('/api/v1/meta', { origin: 'http://localhost:8080' });
    expect(api.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    const evil = await s.api.get('/api/v1/meta', { origin: 'https://evil.example' });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await s.api.request('OPTIONS', '/api/v1/auth/login', {
      headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('publishes an OpenAPI document of the mounted contracts, with the terminal signing rule', async () => {
    const r = await s.api.get('/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.0.3');
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/v1/auth/login']));
    expect(r.body.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    expect(r.body.info.description).toContain('HMAC-SM3(secret, stringToSign)');
    expect(r.body.info.description).toContain('`LOGIN_CODE_INVALID`');
  });

  describe('login', () => {
    it('logs a WeChat user in through jscode2session and keeps the session until logout', async () => {
      const code = (await s.api.post('/api/v1/sandbox/login-codes', { personaId: 'adult-active', channel: 'wechat' })).body.data.code;
      const login = await s.api.post('/api/v1/auth/login', { channel: 'wechat', code });
      expect(login.status).toBe(200);
      expect(login.body.data.user).toMatchObject({ channel: 'wechat', realNameBound: false });
      const me = s.api.withToken(login.body.data.token);
      expect((await me.get('/api/v1/auth/me')).body.data.userId).toBe(login.body.data.user.userId);

      const again = await s.api.post('/api/v1/auth/login', { channel: 'wechat', code });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('LOGIN_CODE_INVALID');

      expect((await me.post('/api/v1/auth/logout')).status).toBe(200);
      const after = await me.get('/api/v1/auth/me');
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('SESSION_EXPIRED');
    });

    it('gives the same account to the same openid on every login', async () => {
      const a = await s.loginAs('foreign-resident', 'wechat');
      const b = await s.loginAs('foreign-resident', 'wechat');
      const ida = (await a.get('/api/v1/auth/me')).body.data.userId;
      const idb = (await b.get('/api/v1/auth/me')).body.data.userId;
      expect(ida).toBe(idb);
    });

    it('logs an H5 user in through the identity provider', async () => {
      const c = await s.loginAs('elder', 'h5');
      expect((await c.get('/api/v1/auth/me')).body.data.channel).toBe('h5');
    });

    it('refuses requests without a token and with a made-up one', async () => {
      expect((await s.api.get('/api/v1/auth/me')).body.code).toBe('UNAUTHENTICATED');
      expect((await s.api.withToken('x'.repeat(43)).get('/api/v1/auth/me')).body.code).toBe('SESSION_EXPIRED');
    });

    it('maps WeChat rate limiting and a risky user to their codes', async () => {
      await s.api.post(`/sandbox/wechat/risky-users`, {}).catch(() => undefined);
      const risky = await fetch(`${s.sandboxUrl}/sandbox/wechat/risky-users`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'oWx-sbx-hk-0008' }),
      });
      expect(risky.status).toBe(200);
      const code = (await s.api.post('/api/v1/sandbox/login-codes', { personaId: 'hk-resident', channel: 'wechat' })).body.data.code;
      const r = await s.api.post('/api/v1/auth/login', { channel: 'wechat', code });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('LOGIN_RISKY_USER');
    });

    it('answers UPSTREAM_UNAVAILABLE when WeChat answers 500, without leaking details', async () => {
      await fetch(`${s.sandboxUrl}/sandbox/faults`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'wechat:jscode2session', mode: 'http500' }),
      });
      const code = (await s.api.post('/api/v1/sandbox/login-codes', { personaId: 'adult-active', channel: 'wechat' })).body.data.code;
      const r = await s.api.post('/api/v1/auth/login', { channel: 'wechat', code });
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringContaining('12345'), requestId: expect.any(String) });
    });

    it('audits logins, refused ones included', async () => {
      const rows = await s.db.ds.query("SELECT action, result FROM audit_log WHERE action = 'auth.login'");
      expect(rows.some((r: { result: string }) => r.result === 'ok')).toBe(true);
      expect(rows.some((r: { result: string }) => r.result === 'refused')).toBe(true);
    });
  });
});
