import { randomUUID } from 'node:crypto';
import { maskIdNumber, maskName } from '@qdssc/shared';
import type { ManualClock } from '../src/lib/clock';
import { HotlineHandoff } from '../src/modules/hotline/hotline-handoff.entity';
import { noHandoffIdentity } from '../src/modules/hotline/hotline.service';
import type { ApiClient } from './support/api-client';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

interface TwinTicket {
  ticketNo: string;
  body: Record<string, any>;
}

/** A refusal as a screen would hand it over: the failing operation, its code and request id. */
const handoff = (over: Record<string, unknown> = {}, context: Record<string, unknown> = {}) => ({
  clientOpId: randomUUID(),
  category: 'ecard',
  context: { operation: 'ecard.apply', errorCode: 'UPSTREAM_TIMEOUT', requestId: 'req-a1b2c3d4e5', page: 'pages/ecard/index', ...context },
  ...over,
});

describeDb('handing a problem to the 12345 hotline', () => {
  let s: Stack;
  let user: ApiClient;
  const tickets = async (): Promise<TwinTicket[]> => (await (await fetch(`${s.sandboxUrl}/sandbox/hotline/tickets`)).json()).tickets;

  beforeAll(async () => {
    s = await startStack({ clock: 'manual', env: { HOTLINE_TIMEOUT_MS: '300' } });
    user = await s.loginAs('adult-active', 'wechat');
  });
  // Each test starts a new quarter hour, so the per-user limit only counts its own tickets.
  beforeEach(() => (s.clock as ManualClock).advance(16 * 60_000));
  afterAll(async () => {
    await s?.close();
  });
  afterEach(async () => {
    s.app.services.hotline.identity = noHandoffIdentity;
    await fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'DELETE' });
  });

  it('creates a ticket carrying the operation, error code and request id, and answers its number', async () => {
    const req = handoff();
    const r = await user.post('/api/v1/hotline/handoffs', req);
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ hotline: '12345', status: 'submitted', identityShared: false, ticketNo: expect.stringMatching(/^QD\d{14}$/) });
    const sent = (await tickets()).find((t) => t.ticketNo === r.body.data.ticketNo)!;
    expect(sent.body).toMatchObject({
      category: 'ecard',
      categoryName: '电子社保卡',
      operation: 'ecard.apply',
      errorCode: 'UPSTREAM_TIMEOUT',
      errorMessage: '相关服务响应超时，请稍后再试',
      requestId: 'req-a1b2c3d4e5',
      caller: { channel: 'wechat', realNameVerified: false, maskedName: null, maskedIdNumber: null },
    });
    const row = await s.db.ds.getRepository(HotlineHandoff).findOneByOrFail({ id: r.body.data.handoffId });
    expect(row).toMatchObject({ status: 'submitted', ticketNo: r.body.data.ticketNo, attempts: 1, operation: 'ecard.apply' });
    const [audit] = await s.db.ds.query("SELECT result, detail FROM audit_log WHERE action = 'hotline.handoff' ORDER BY at DESC LIMIT 1");
    expect(audit.result).toBe('ok');
    expect(JSON.parse(audit.detail)).toMatchObject({ ticketNo: r.body.data.ticketNo, errorCode: 'UPSTREAM_TIMEOUT' });
  });

  it('answers a retried request with the same ticket and refuses the same key with other content', async () => {
    const req = handoff();
    const a = await user.post('/api/v1/hotline/handoffs', req);
    const b = await user.post('/api/v1/hotline/handoffs', req);
    expect(b.status).toBe(200);
    expect(b.body.data.ticketNo).toBe(a.body.data.ticketNo);
    expect((await tickets()).filter((t) => t.ticketNo === a.body.data.ticketNo)).toHaveLength(1);
    const other = await user.post('/api/v1/hotline/handoffs', { ...req, context: { ...req.context, errorCode: 'FORBIDDEN' } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('sends the masked identity of a real-name bound account, and never the clear one', async () => {
    // The identity feature's provider; here one that knows the persona behind this session.
    s.app.services.hotline.identity = async () => ({ maskedName: maskName('王海燕'), maskedIdNumber: maskIdNumber('370202198503152027') });
    const r = await user.post('/api/v1/hotline/handoffs', handoff({}, { note: '我的身份证是370202198503152027，电话13805321234' }));
    expect(r.status).toBe(200);
    expect(r.body.data.identityShared).toBe(true);
    const sent = (await tickets()).find((t) => t.ticketNo === r.body.data.ticketNo)!;
    expect(sent.body.caller).toMatchObject({ realNameVerified: true, maskedName: '**燕', maskedIdNumber: '3702**********2027' });
    expect(sent.body.note).toBe('我的身份证是3702**********2027，电话138****1234');
    const wire = JSON.stringify(sent.body);
    for (const secret of ['370202198503152027', '13805321234', '王海燕']) expect(wire).not.toContain(secret);
  });

  it('masks what a careless identity provider hands over in clear', async () => {
    s.app.services.hotline.identity = async () => ({ maskedName: '王海燕', maskedIdNumber: '370202198503152027' });
    const r = await user.post('/api/v1/hotline/handoffs', handoff());
    expect(r.status).toBe(200);
    const sent = (await tickets()).find((t) => t.ticketNo === r.body.data.ticketNo)!;
    expect(sent.body.caller).toMatchObject({ maskedName: '**燕', maskedIdNumber: '3702**********2027' });
  });

  it('says to call 12345 when the hotline is down, and succeeds when the same request is retried later', async () => {
    await fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'hotline:tickets.create', mode: 'http500', times: 3 }) });
    const req = handoff();
    const down = await user.post('/api/v1/hotline/handoffs', req);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'HOTLINE_UNAVAILABLE', message: expect.stringContaining('12345'), details: { hotline: '12345', retryable: true } });
    const failed = await s.db.ds.getRepository(HotlineHandoff).findOneByOrFail({ id: down.body.details.handoffId });
    expect(failed).toMatchObject({ status: 'failed', lastError: 'UPSTREAM_UNAVAILABLE', ticketNo: null });

    const again = await user.post('/api/v1/hotline/handoffs', req);
    expect(again.status).toBe(200);
    expect(again.body.data.handoffId).toBe(down.body.details.handoffId);
    const done = await s.db.ds.getRepository(HotlineHandoff).findOneByOrFail({ id: again.body.data.handoffId });
    expect(done).toMatchObject({ status: 'submitted', attempts: 2, lastError: null });
  });

  it('gives up on a hotline that does not answer, with the same advice', async () => {
    await fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'hotline:tickets.create', mode: 'timeout', times: 3, delayMs: 800 }) });
    const r = await user.post('/api/v1/hotline/handoffs', handoff());
    expect(r.status).toBe(503);
    expect(r.body.code).toBe('HOTLINE_UNAVAILABLE');
  });

  it('makes one ticket when the same request arrives twice at once', async () => {
    const req = handoff();
    const [a, b] = await Promise.all([user.post('/api/v1/hotline/handoffs', req), user.post('/api/v1/hotline/handoffs', req)]);
    const ok = [a, b].filter((x) => x.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const x of [a, b]) if (x.status !== 200) expect(x.body.code).toBe('HOTLINE_HANDOFF_IN_PROGRESS');
    const rows = await s.db.ds.getRepository(HotlineHandoff).findBy({ clientOpId: req.clientOpId });
    expect(rows).toHaveLength(1);
    expect((await tickets()).filter((t) => t.body.clientRef === rows[0].id)).toHaveLength(1);
  });

  it('needs a login, and refuses an operation name that is not one', async () => {
    expect((await s.api.post('/api/v1/hotline/handoffs', handoff())).status).toBe(401);
    const bad = await user.post('/api/v1/hotline/handoffs', handoff({}, { operation: 'DROP TABLE x' }));
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].path).toBe('context.operation');
  });

  it('limits each user to a few new tickets a quarter hour, pointing to 12345 meanwhile', async () => {
    const other = await s.loginAs('adult-second-guardian', 'h5');
    const first = handoff();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await other.post('/api/v1/hotline/handoffs', i === 0 ? first : handoff()));
    expect(results.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results[5].status).toBe(429);
    expect(results[5].body).toMatchObject({ code: 'HOTLINE_HANDOFF_LIMITED', details: { hotline: '12345' } });
    expect(Number(results[5].headers.get('retry-after'))).toBeGreaterThan(0);
    // Asking again about a ticket already made is not a new ticket.
    expect((await other.post('/api/v1/hotline/handoffs', first)).status).toBe(200);
    // Another user is not affected.
    expect((await user.post('/api/v1/hotline/handoffs', handoff())).status).toBe(200);
  });
});
