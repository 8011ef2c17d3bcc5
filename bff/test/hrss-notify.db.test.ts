import { randomBytes } from 'node:crypto';
import { businessItem } from '@qdssc/shared';
import { goodForm } from '../../shared/src/business/form-samples';
import { inTransaction } from '../src/db/transaction';
import { advanceAggregateVersion } from '../src/modules/hrss-notify/hrss-event-registry';
import type { ApiClient } from './support/api-client';
import { withRosterSubjects } from './support/roster-subject-resolver';
import { eventually, quickHrss, sandboxGet, sandboxPost } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

const TYPE = 'business.application.status';

describeDb('HRSS callbacks (/notify/hrss)', () => {
  let s: Stack;
  let c: ApiClient;
  beforeAll(async () => {
    s = await startStack({ overrides: withRosterSubjects });
    await quickHrss(s);
    c = await s.loginAs('foreign-resident');
  });
  afterAll(() => s?.close());
  afterEach(() => fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'DELETE' }));

  async function newApplication() {
    const item = businessItem('flexible-employment-enrolment')!;
    const r = await c.post('/api/v1/business/applications', { clientId: randomBytes(12).toString('hex'), itemId: item.id, form: goodForm(item) });
    expect(r.status).toBe(200);
    return r.body.data as { id: string; applicationNo: string };
  }

  /** Has the twin send one callback now (optionally forged) and returns the BFF's reply. */
  async function send(no: string, version: number, status: string, opts: { eventId?: string; forge?: string; type?: string; payload?: unknown } = {}) {
    const r = await sandboxPost(s, '/sandbox/hrss/events', {
      type: opts.type ?? TYPE, aggregate: `application:${no}`, version, eventId: opts.eventId, forge: opts.forge,
      subject: { ref: no }, payload: opts.payload ?? { applicationNo: no, status, reason: status === 'rejected' ? '材料不全' : null, acceptNo: null },
    });
    return r.body.reply as { status: number; body: { code: string; message?: string } };
  }

  const detail = async (id: string) => (await c.get(`/api/v1/business/applications/${id}`)).body.data;
  const eventRows = (eventId: string) => s.db.ds.query('SELECT outcome FROM hrss_event WHERE event_id = ?', [eventId]);

  it('applies a genuine callback once and answers SUCCESS to every redelivery', async () => {
    const app = await newApplication();
    const eventId = `EVT${randomBytes(8).toString('hex')}`;
    expect(await send(app.applicationNo, 1, 'accepted', { eventId })).toEqual({ status: 200, body: { code: 'SUCCESS' } });
    expect(await send(app.applicationNo, 1, 'accepted', { eventId })).toEqual({ status: 200, body: { code: 'SUCCESS' } });
    expect(await eventRows(eventId)).toEqual([{ outcome: 'applied' }]);
    const d = await detail(app.id);
    expect(d.status).toBe('accepted');
    expect(d.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted']);
  });

  it('applies concurrent redeliveries of one event exactly once', async () => {
    const app = await newApplication();
    const eventId = `EVT${randomBytes(8).toString('hex')}`;
    const replies = await Promise.all(Array.from({ length: 10 }, () => send(app.applicationNo, 1, 'accepted', { eventId })));
    expect(replies.map((r) => r.body.code)).toEqual(Array(10).fill('SUCCESS'));
    expect(await eventRows(eventId)).toHaveLength(1);
    expect((await detail(app.id)).timeline).toHaveLength(2);
  });

  it('refuses forged callbacks before reading them: another key, a stale date, a changed body', async () => {
    const app = await newApplication();
    for (const forge of ['bad-signature', 'stale-timestamp', 'tampered']) {
      const r = await send(app.applicationNo, 5, 'approved', { forge });
      expect([forge, r.status, r.body.code]).toEqual([forge, 401, 'FAIL']);
    }
    const bare = await fetch(`${s.baseUrl}/notify/hrss`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ eventId: 'x' }) });
    expect(bare.status).toBe(401);
    expect((await detail(app.id)).status).toBe('submitted');
    expect(s.logs.text()).toContain('HRSS callback refused: signature check failed');
  });

  it('refuses a captured callback sent again with the same nonce', async () => {
    const app = await newApplication();
    const r = await send(app.applicationNo, 1, 'accepted', { forge: 'replayed' });
    expect([r.status, r.body.message]).toEqual([401, 'NONCE_REUSED']);
    expect((await detail(app.id)).timeline).toHaveLength(2);
    expect(s.logs.text()).toContain('nonce reused (replay)');
  });

  it('keeps the newest state when versions arrive out of order, and still records the older steps', async () => {
    const app = await newApplication();
    expect((await send(app.applicationNo, 3, 'approved')).body.code).toBe('SUCCESS');
    expect((await send(app.applicationNo, 1, 'accepted')).body.code).toBe('SUCCESS');
    expect((await send(app.applicationNo, 2, 'in_review')).body.code).toBe('SUCCESS');
    const d = await detail(app.id);
    expect(d.status).toBe('approved');
    expect(d.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted', 'in_review', 'approved']);
    const outcomes = await s.db.ds.query("SELECT outcome FROM hrss_event WHERE aggregate = ? ORDER BY version", [`application:${app.applicationNo}`]);
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['stale', 'stale', 'applied']);
  });

  it('never moves backwards, even for a newer version that the state machine does not allow', async () => {
    const app = await newApplication();
    await send(app.applicationNo, 2, 'rejected');
    await send(app.applicationNo, 3, 'accepted');
    expect((await detail(app.id)).status).toBe('rejected');
    expect(s.logs.text()).toContain('not allowed by the state machine');
  });

  it('converges when the notifier duplicates, reorders and forges its deliveries', async () => {
    const app = await newApplication();
    await sandboxPost(s, '/sandbox/faults', { target: 'hrss:notify', mode: 'out-of-order', times: 1 });
    await sandboxPost(s, '/sandbox/faults', { target: 'hrss:notify', mode: 'bad-signature', times: 1 });
    await sandboxPost(s, '/sandbox/faults', { target: 'hrss:notify', mode: 'duplicate', times: 1 });
    const moved = await sandboxPost(s, `/sandbox/hrss/applications/${app.applicationNo}/advance`, { to: 'approved' });
    expect(moved.body.version).toBe(3);
    await eventually(() => sandboxGet(s, '/sandbox/hrss/deliveries'), (d) => d.body.pending === 0);
    const d = await eventually(() => detail(app.id), (x) => x.status === 'approved' && x.timeline.length === 4);
    expect(d.status).toBe('approved');
    expect(d.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted', 'in_review', 'approved']);
    const log = (await sandboxGet(s, '/sandbox/hrss/deliveries')).body.log as Array<{ forged: string | null; httpStatus: number; replyCode: string; version: number }>;
    const mine = log.slice(-6);
    expect(mine.some((l) => l.forged === 'bad-signature' && l.httpStatus === 401)).toBe(true);
    const rows = await s.db.ds.query('SELECT version FROM hrss_event WHERE aggregate = ? ORDER BY version', [`application:${app.applicationNo}`]);
    expect(rows.map((r: { version: number }) => Number(r.version))).toEqual([1, 2, 3]);
  });

  it('refuses an event type no feature handles yet, without recording it, so a later redelivery can be applied', async () => {
    const eventId = `EVT${randomBytes(8).toString('hex')}`;
    const r = await send('QDYW00000000', 1, 'accepted', { eventId, type: 'card.status.changed', payload: { cardStatus: 'temporarily_lost' } });
    expect([r.status, r.body]).toEqual([400, { code: 'FAIL', message: 'UNKNOWN_EVENT_TYPE' }]);
    expect(await eventRows(eventId)).toEqual([]);
  });

  it('refuses a payload that does not fit its type', async () => {
    const app = await newApplication();
    const r = await send(app.applicationNo, 1, 'paid');
    expect([r.status, r.body.message]).toEqual([400, 'MALFORMED_PAYLOAD']);
  });

  it('takes an event about an application it does not know as done, so HRSS stops retrying', async () => {
    const eventId = `EVT${randomBytes(8).toString('hex')}`;
    const r = await send('QDYW20990101000000', 1, 'accepted', { eventId });
    expect(r.body.code).toBe('SUCCESS');
    expect(await eventRows(eventId)).toEqual([{ outcome: 'stale' }]);
  });

  it('offers handlers without a version column a per-aggregate version guard', async () => {
    const agg = `card:${randomBytes(6).toString('hex')}`;
    const step = (v: number) => inTransaction(s.db.ds, (em) => advanceAggregateVersion(em, agg, v, Date.now()));
    expect(await step(2)).toBe(true);
    expect(await step(1)).toBe(false);
    expect(await step(2)).toBe(false);
    expect(await step(3)).toBe(true);
  });
});
