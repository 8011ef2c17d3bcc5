import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, type SandboxApp } from '../../../sandbox/sandbox-app';
import credentials from '../../../sandbox/credentials.json';
import { systemClock } from '../../lib/clock';
import { UpstreamError } from '../http-client';
import { HrssBusinessError, HrssClient, type HrssConfig } from './hrss.client';
import { checkReply, HRSS_CODE, HRSS_HEADER, newNonce, replyHeaders, signedRequestHeaders } from './hrss-wire';

/** The adapter against the twin over HTTP: signatures are checked in both directions. */
describe('the HRSS client and the HRSS twin', () => {
  let server: Server;
  let sandbox: SandboxApp;
  let base: string;
  let cfg: HrssConfig;
  const now = () => Date.now();

  beforeAll(async () => {
    sandbox = createSandboxApp();
    server = createServer(sandbox.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cfg = { base: `${base}/hrss`, channelNo: credentials.hrss.channelNo, secret: credentials.hrss.secret, timeoutMs: 2000 };
  });
  afterAll(async () => {
    const closed = new Promise((r) => server.close(r));
    server.closeAllConnections();
    await closed;
  });
  afterEach(() => sandbox.sandbox.faults.clear());

  const client = (over: Partial<HrssConfig> = {}) => new HrssClient({ ...cfg, ...over }, systemClock);

  /** A hand-signed request, to see exactly what the twin answers. */
  async function raw(path: string, body: unknown, opts: { secret?: string; at?: number; nonce?: string; channel?: string } = {}) {
    const text = JSON.stringify(body);
    const headers = signedRequestHeaders(opts.secret ?? cfg.secret, opts.channel ?? cfg.channelNo, 'POST', `/hrss${path}`, text, opts.at ?? now(), opts.nonce);
    const res = await fetch(`${base}/hrss${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: text });
    return { status: res.status, headers: res.headers, text: await res.text(), nonce: headers[HRSS_HEADER.nonce] };
  }

  it('signs its requests so the HRSS system answers, and believes the signed reply', async () => {
    const p = await client().person('370202198503152027');
    expect(p).toEqual({ aac002: '370202198503152027', aac003: '王海燕', aab301: '370200', insured: true });
  });

  it('is refused by HRSS (1003) when signing with another secret, and then cannot trust the reply either', async () => {
    const r = await raw('/api/v1/persons/query', { aac002: '370202198503152027' }, { secret: 'a-guessed-secret-value' });
    expect(JSON.parse(r.text)).toEqual({ code: HRSS_CODE.SIGNATURE_INVALID, message: '签名校验失败' });
    await expect(client({ secret: 'a-guessed-secret-value' }).person('370202198503152027')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', kind: 'protocol' });
  });

  it('is refused for a channel HRSS does not know (1002)', async () => {
    const err = await client({ channelNo: '3702999999' }).person('370202198503152027').catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toContain(HRSS_CODE.CHANNEL_UNKNOWN);
  });

  it('is refused outside the ±5 minute window (1004) and when a nonce comes twice (1005)', async () => {
    const stale = await raw('/api/v1/persons/query', { aac002: '370202198503152027' }, { at: now() - 6 * 60_000 });
    expect(JSON.parse(stale.text).code).toBe(HRSS_CODE.TIMESTAMP_EXPIRED);
    const nonce = newNonce();
    const first = await raw('/api/v1/persons/query', { aac002: '370202198503152027' }, { nonce });
    const replay = await raw('/api/v1/persons/query', { aac002: '370202198503152027' }, { nonce });
    expect([JSON.parse(first.text).code, JSON.parse(replay.text).code]).toEqual([HRSS_CODE.OK, HRSS_CODE.NONCE_REUSED]);
  });

  it('signs every reply for the request it answers: a reply cannot be moved to another request', async () => {
    const r = await raw('/api/v1/persons/query', { aac002: '370202198503152027' });
    expect(checkReply(cfg.secret, '/hrss/api/v1/persons/query', r.nonce, r.headers, r.text, now())).toBeNull();
    expect(checkReply(cfg.secret, '/hrss/api/v1/persons/query', newNonce(), r.headers, r.text, now())).toBe('NONCE_MISMATCH');
    expect(checkReply(cfg.secret, '/hrss/api/v1/records/insurance/query', r.nonce, r.headers, r.text, now())).toBe('BAD_SIGNATURE');
    expect(checkReply(cfg.secret, '/hrss/api/v1/persons/query', r.nonce, r.headers, r.text.replace('王海燕', '王海鸥'), now())).toBe('BAD_SIGNATURE');
    const h = replyHeaders(cfg.secret, '/p', 'n'.repeat(16), '{}', now() - 6 * 60_000);
    expect(checkReply(cfg.secret, '/p', 'n'.repeat(16), new Headers(h), '{}', now())).toBe('STALE_TIMESTAMP');
  });

  it('refuses a reply signed with another key, or dated ten minutes ago', async () => {
    sandbox.sandbox.faults.add({ target: 'hrss:persons.query', mode: 'bad-signature', times: 1 });
    const bad = await client().call('POST', '/api/v1/persons/query', { aac002: '370202198503152027' }, { idempotent: false }).catch((e) => e);
    expect(bad.message).toContain('reply refused (BAD_SIGNATURE)');
    sandbox.sandbox.faults.add({ target: 'hrss:persons.query', mode: 'stale-timestamp', times: 1 });
    const stale = await client().call('POST', '/api/v1/persons/query', { aac002: '370202198503152027' }, { idempotent: false }).catch((e) => e);
    expect(stale.message).toContain('reply refused (STALE_TIMESTAMP)');
  });

  it('retries reads through "busy" (3001) and a 502, but sends a non-idempotent write only once', async () => {
    sandbox.sandbox.faults.add({ target: 'hrss:persons.query', mode: 'busy', times: 1 });
    sandbox.sandbox.faults.add({ target: 'hrss:records.query', mode: 'http500', times: 2 });
    expect((await client().person('370202198503152027')).aac003).toBe('王海燕');
    expect(await client().records('insurance', '370202198503152027', {})).toMatchObject({ total: 5 });

    sandbox.sandbox.faults.add({ target: 'hrss:persons.query', mode: 'busy', times: 1 });
    const once = await client().call('POST', '/api/v1/persons/query', { aac002: '370202198503152027' }, { idempotent: false }).catch((e) => e);
    expect(once).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', kind: 'busy' });
  });

  it('gives up with UPSTREAM_TIMEOUT when HRSS does not answer in time', async () => {
    sandbox.sandbox.faults.add({ target: 'hrss:persons.query', mode: 'timeout', times: 1, delayMs: 400 });
    const err = await client({ timeoutMs: 100 }).call('POST', '/api/v1/persons/query', { aac002: '370202198503152027' }, { idempotent: false }).catch((e) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });

  it('hands business refusals (2xxx) to the caller with the HRSS code', async () => {
    const err = await client().person('110105197807204018').catch((e) => e);
    expect(err).toBeInstanceOf(HrssBusinessError);
    expect(err.code).toBe(HRSS_CODE.PERSON_UNKNOWN);
  });

  it('never puts the ID number in a URL', async () => {
    const seen: string[] = [];
    const original = global.fetch;
    global.fetch = (async (url: string, init: RequestInit) => {
      seen.push(String(url));
      return original(url, init);
    }) as typeof fetch;
    try {
      await client().records('employment', '370202198503152027', { page: 1 });
      await client().person('370202198503152027');
    } finally {
      global.fetch = original;
    }
    expect(seen.length).toBe(2);
    for (const u of seen) expect(u).not.toContain('370202198503152027');
  });
});

describe('the HRSS reply codes', () => {
  it('give every outcome its own code, so a bill error is never read as a card error', () => {
    const { HRSS_CODE } = require('./hrss-wire') as typeof import('./hrss-wire');
    const codes = Object.values(HRSS_CODE);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
