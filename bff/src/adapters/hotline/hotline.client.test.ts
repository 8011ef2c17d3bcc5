import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, type SandboxApp } from '../../../sandbox/sandbox-app';
import credentials from '../../../sandbox/credentials.json';
import { ManualClock } from '../../lib/clock';
import { signRequest } from '../../lib/crypto/request-signing';
import { HotlineClient, type HotlineTicketRequest } from './hotline.client';

const ticket = (clientRef: string, extra: Partial<HotlineTicketRequest> = {}): HotlineTicketRequest => ({
  clientRef,
  category: 'ecard',
  categoryName: '电子社保卡',
  summary: '电子社保卡：操作 ecard.apply 未成功（UPSTREAM_TIMEOUT）',
  operation: 'ecard.apply',
  errorCode: 'UPSTREAM_TIMEOUT',
  errorMessage: '相关服务响应超时，请稍后再试',
  requestId: 'req-0123456789',
  page: 'pages/ecard/index',
  occurredAt: new Date().toISOString(),
  caller: { channel: 'wechat', accountRef: 'u-1', realNameVerified: true, maskedName: '**燕', maskedIdNumber: '3702**********2027' },
  note: null,
  ...extra,
});

describe('the hotline client against the 12345 twin', () => {
  let sandbox: SandboxApp;
  let server: Server;
  let base: string;
  const clock = new ManualClock(Date.now());
  const tickets = () => fetch(`${base}/sandbox/hotline/tickets`).then((r) => r.json() as Promise<{ tickets: Array<{ ticketNo: string; body: HotlineTicketRequest }> }>);
  const client = (over: Partial<{ secret: string; channelNo: string; timeoutMs: number }> = {}, c = clock) =>
    new HotlineClient({ apiBase: `${base}/hotline`, channelNo: credentials.hotline.channelNo, secret: credentials.hotline.secret, timeoutMs: 2000, ...over }, c, { attempts: 3, baseDelayMs: 10 });

  beforeAll(async () => {
    sandbox = createSandboxApp({ now: () => clock.now() });
    server = createServer(sandbox.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('gets a ticket number, and the same one again for the same clientRef', async () => {
    const a = await client().createTicket(ticket('ref-same-0001'));
    const b = await client().createTicket(ticket('ref-same-0001'));
    expect(a.ticketNo).toMatch(/^QD\d{8}\d{6}$/);
    expect(b.ticketNo).toBe(a.ticketNo);
    expect((await tickets()).tickets.filter((t) => t.body.clientRef === 'ref-same-0001')).toHaveLength(1);
  });

  it('is refused with a wrong secret, a wrong channel or a clock ten minutes off', async () => {
    await expect(client({ secret: 'not-the-hotline-secret-000' }).createTicket(ticket('ref-bad-1'))).rejects.toThrow(/SIGNATURE_INVALID/);
    await expect(client({ channelNo: '3702999999' }).createTicket(ticket('ref-bad-2'))).rejects.toThrow(/CHANNEL_UNKNOWN/);
    await expect(client({}, new ManualClock(clock.now() - 10 * 60_000)).createTicket(ticket('ref-bad-3'))).rejects.toThrow(/TIMESTAMP_EXPIRED/);
    expect((await tickets()).tickets.some((t) => t.body.clientRef.startsWith('ref-bad'))).toBe(false);
  });

  it('refuses a replayed request', async () => {
    const body = JSON.stringify(ticket('ref-replay-01'));
    const ts = String(clock.now());
    const nonce = 'replay-nonce-0123456789';
    const headers = {
      'content-type': 'application/json',
      'x-channel-no': credentials.hotline.channelNo,
      'x-timestamp': ts,
      'x-nonce': nonce,
      'x-signature': signRequest(credentials.hotline.secret, 'POST', '/hotline/v1/tickets', ts, nonce, body),
    };
    const first = await fetch(`${base}/hotline/v1/tickets`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    const again = await fetch(`${base}/hotline/v1/tickets`, { method: 'POST', headers, body });
    expect(again.status).toBe(401);
    expect((await again.json()).code).toBe('NONCE_REPLAYED');
  });

  it('refuses a ticket that carries an ID number or a phone number in clear', async () => {
    await expect(client().createTicket(ticket('ref-pii-1', { note: '身份证370202198503152027' }))).rejects.toThrow(/PII_NOT_ALLOWED/);
    await expect(client().createTicket(ticket('ref-pii-2', { caller: { channel: 'h5', accountRef: 'u', realNameVerified: true, maskedName: '王海燕', maskedIdNumber: '370202198503152027' } }))).rejects.toThrow(/PII_NOT_ALLOWED/);
  });

  it('retries a 502 and a busy answer, and still makes one ticket', async () => {
    sandbox.sandbox.faults.add({ target: 'hotline:tickets.create', mode: 'http500', times: 1 });
    sandbox.sandbox.faults.add({ target: 'hotline:tickets.create', mode: 'busy', times: 1 });
    const t = await client().createTicket(ticket('ref-retry-01'));
    expect(t.ticketNo).toMatch(/^QD/);
    expect((await tickets()).tickets.filter((x) => x.body.clientRef === 'ref-retry-01')).toHaveLength(1);
  });

  it('gives up with UPSTREAM_TIMEOUT when the hotline does not answer', async () => {
    sandbox.sandbox.faults.add({ target: 'hotline:tickets.create', mode: 'timeout', times: 3, delayMs: 600 });
    await expect(client({ timeoutMs: 200 }).createTicket(ticket('ref-timeout-1'))).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});
