import { RECORD_KINDS } from '@qdssc/shared';
import { withRosterSubjects } from './support/roster-subject-resolver';
import { quickHrss, sandboxPost } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

const WANG_ID = '370202198503152027';

async function readsOf(s: Stack, h5Subject: string, kind: string) {
  const rows: Array<{ detail: string; result: string }> = await s.db.ds.query(
    "SELECT detail, result FROM audit_log WHERE action = 'records.read' AND actor_user_id = (SELECT id FROM app_user WHERE channel_user_id = ?) ORDER BY at",
    [h5Subject],
  );
  return rows.map((r) => ({ ...JSON.parse(r.detail ?? '{}'), result: r.result })).filter((d) => d.kind === kind);
}

describeDb('personal records for an account without real-name binding', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(() => s?.close());

  it('refuses every kind with REAL_NAME_REQUIRED and says what to do', async () => {
    const c = await s.loginAs('adult-active');
    for (const kind of RECORD_KINDS) {
      const r = await c.get(`/api/v1/records/${kind}`);
      expect([kind, r.status, r.body.code]).toEqual([kind, 403, 'REAL_NAME_REQUIRED']);
      expect(r.body.message).toContain('实名认证');
    }
  });

  it('refuses proofs, uploads and applications the same way', async () => {
    const c = await s.loginAs('adult-active');
    expect((await c.post('/api/v1/proofs', { from: '2024-01', to: '2024-12' })).body.code).toBe('REAL_NAME_REQUIRED');
    expect((await c.get('/api/v1/business/applications')).body.code).toBe('REAL_NAME_REQUIRED');
    const submit = await c.post('/api/v1/business/applications', { clientId: 'c'.repeat(20), itemId: 'dispute-mediation', form: {} });
    expect([submit.status, submit.body.code]).toEqual([403, 'REAL_NAME_REQUIRED']);
    const fd = new FormData();
    fd.append('itemId', 'dispute-mediation');
    fd.append('slot', 'evidence');
    fd.append('file', new Blob([Buffer.from('%PDF-1.4 x')]), 'a.pdf');
    const up = await fetch(`${s.baseUrl}/api/v1/business/attachments`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` }, body: fd });
    expect([up.status, ((await up.json()) as { code: string }).code]).toEqual([403, 'REAL_NAME_REQUIRED']);
  });

  it('refuses without a session', async () => {
    expect((await s.api.get('/api/v1/records/insurance')).status).toBe(401);
  });
});

describeDb('personal records over HTTP', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ overrides: withRosterSubjects });
    await quickHrss(s);
  });
  afterAll(() => s?.close());

  it('answers each of the seven kinds for the logged-in resident, with the time HRSS answered', async () => {
    const c = await s.loginAs('adult-active');
    for (const kind of RECORD_KINDS) {
      const r = await c.get(`/api/v1/records/${kind}`);
      expect([kind, r.status]).toEqual([kind, 200]);
      expect(r.body.data).toMatchObject({ page: 1, pageSize: 20, total: expect.any(Number), asOf: expect.any(String) });
      expect(r.headers.get('cache-control')).toBe('private, no-store');
    }
  });

  it('shows all five insurances with their status and months contributed', async () => {
    const c = await s.loginAs('adult-active');
    const r = await c.get('/api/v1/records/insurance');
    const byKind = Object.fromEntries(r.body.data.items.map((i: { insuranceKind: string }) => [i.insuranceKind, i]));
    expect(Object.keys(byKind).sort()).toEqual(['maternity', 'medical', 'pension', 'unemployment', 'work_injury']);
    expect(byKind.pension).toMatchObject({ scheme: 'employee', status: 'contributing', firstEnrolledOn: '2007-08-01', unitName: '青岛港湾物流集团有限公司', insuredArea: '370200' });
    expect(byKind.pension.monthsContributed).toBeGreaterThan(200);
  });

  it('lists contributions newest first, with base, personal and employer parts in fen, and the gap months', async () => {
    const c = await s.loginAs('adult-active');
    const r = await c.get('/api/v1/records/contributions?from=2015-01&to=2016-12&pageSize=50');
    const { items, summary, total } = r.body.data;
    expect(total).toBe(21);
    expect(items.map((i: { month: string }) => i.month)).toEqual([...items.map((i: { month: string }) => i.month)].sort().reverse());
    expect(summary).toMatchObject({ firstMonth: '2015-01', lastMonth: '2016-12', paidMonths: 21, gapMonths: ['2015-07', '2015-08', '2015-09'] });
    for (const m of items) {
      expect(m.personalFen).toBe(m.parts.reduce((a: number, p: { personalFen: number }) => a + p.personalFen, 0));
      expect(m.employerFen).toBe(m.parts.reduce((a: number, p: { employerFen: number }) => a + p.employerFen, 0));
      const pension = m.parts.find((p: { insuranceKind: string }) => p.insuranceKind === 'pension');
      expect(pension.personalFen).toBe(Math.round(pension.baseFen * 0.08));
      expect(Number.isInteger(m.baseFen)).toBe(true);
    }
    expect(summary.personalTotalFen).toBe(items.reduce((a: number, i: { personalFen: number }) => a + i.personalFen, 0));
  });

  it('marks a month paid late as back_paid and a month never paid as a gap', async () => {
    const c = await s.loginAs('adult-active');
    const r = await c.get('/api/v1/records/contributions?from=2019-10&to=2020-03');
    expect(r.body.data.items.find((i: { month: string }) => i.month === '2019-11').status).toBe('back_paid');
    expect(r.body.data.summary.gapMonths).toEqual(['2020-02']);
  });

  it('pages at the source: pages do not overlap and the total stays the same', async () => {
    const c = await s.loginAs('adult-active');
    const p1 = (await c.get('/api/v1/records/contributions?pageSize=12&page=1')).body.data;
    const p2 = (await c.get('/api/v1/records/contributions?pageSize=12&page=2')).body.data;
    expect(p1.total).toBe(p2.total);
    expect(p1.items).toHaveLength(12);
    const months1 = new Set(p1.items.map((i: { month: string }) => i.month));
    expect(p2.items.some((i: { month: string }) => months1.has(i.month))).toBe(false);
    expect(p2.items[0].month < p1.items[11].month).toBe(true);
  });

  it('filters contributions by insurance kind, recomputing the parts', async () => {
    const c = await s.loginAs('adult-active');
    const r = await c.get('/api/v1/records/contributions?from=2024-01&to=2024-06&insuranceKind=unemployment');
    for (const m of r.body.data.items) {
      expect(m.parts.map((p: { insuranceKind: string }) => p.insuranceKind)).toEqual(['unemployment']);
      expect(m.personalFen).toBe(Math.round(m.parts[0].baseFen * 0.003));
    }
  });

  it('filters the other kinds by date and by their own fields', async () => {
    const c = await s.loginAs('adult-second-guardian');
    const loans = (await c.get('/api/v1/records/startup-loans')).body.data;
    expect(loans.items.map((l: { status: string }) => l.status)).toEqual(['repaying', 'repaid']);
    expect(loans.items[0]).toMatchObject({ amountFen: 30_000_000, bank: '青岛银行李沧支行', interestSubsidyPct: 50 });
    expect((await c.get('/api/v1/records/startup-loans?status=repaid')).body.data.total).toBe(1);
    expect((await c.get('/api/v1/records/startup-loans?from=2020-01-01')).body.data.total).toBe(1);
    expect((await c.get('/api/v1/records/skill-levels?level=2')).body.data.items).toEqual([expect.objectContaining({ levelName: '二级/技师', certificateNo: expect.any(String), issuingBody: expect.any(String) })]);
    expect((await c.get('/api/v1/records/training?certified=true')).body.data.total).toBe(2);
    const employment = (await c.get('/api/v1/records/employment?type=unemployment')).body.data;
    expect(employment.items).toEqual([expect.objectContaining({ type: 'unemployment', registeredOn: '2013-01-08', status: 'ended' })]);
  });

  it('refuses a range that ends before it starts, and an unknown filter value, with VALIDATION_FAILED', async () => {
    const c = await s.loginAs('adult-active');
    const r = await c.get('/api/v1/records/contributions?from=2024-06&to=2024-01');
    expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(r.body.details.fields[0].path).toBe('to');
    expect((await c.get('/api/v1/records/employment?type=retired')).body.code).toBe('VALIDATION_FAILED');
    expect((await c.get('/api/v1/records/insurance?pageSize=500')).body.code).toBe('VALIDATION_FAILED');
    expect((await c.get('/api/v1/records/pets')).status).toBe(404);
  });

  it('lets a guardian read a ward’s records, and nobody else’s', async () => {
    const guardian = await s.loginAs('adult-active');
    const r = await guardian.get('/api/v1/records/contributions?for=persona:child');
    expect(r.status).toBe(200);
    expect(r.body.data.items[0]).toMatchObject({ scheme: 'resident', coverageMonths: 12, parts: [expect.objectContaining({ insuranceKind: 'medical' })] });
    const stranger = await s.loginAs('foreign-resident');
    const refused = await stranger.get('/api/v1/records/contributions?for=persona:child');
    expect([refused.status, refused.body.code]).toEqual([404, 'WARD_NOT_FOUND']);
    const sideways = await guardian.get('/api/v1/records/insurance?for=persona:foreign-resident');
    expect(sideways.status).toBe(404);
  });

  it('tells someone Qingdao HRSS does not know where to ask instead', async () => {
    const c = await s.loginAs('adult-not-insured');
    const r = await c.get('/api/v1/records/insurance');
    expect([r.status, r.body.code]).toEqual([404, 'HRSS_PERSON_UNKNOWN']);
    expect(r.body.message).toContain('参保地');
  });

  it('shows a pensioner as drawing a pension, with medical insurance still covering her', async () => {
    const c = await s.loginAs('adult-card-cancelled');
    const items = (await c.get('/api/v1/records/insurance')).body.data.items;
    expect(items.find((i: { insuranceKind: string }) => i.insuranceKind === 'pension').status).toBe('drawing');
    expect(items.find((i: { insuranceKind: string }) => i.insuranceKind === 'medical').status).toBe('covered');
  });

  it('serves a repeated read from the per-user cache and drops the cache on logout', async () => {
    const c = await s.loginAs('hk-resident');
    const first = await c.get('/api/v1/records/qualifications');
    const again = await c.get('/api/v1/records/qualifications');
    expect(again.body.data).toEqual(first.body.data);
    expect((await readsOf(s, 'h5-hk', 'qualifications')).map((d) => d.cached)).toEqual([false, true]);

    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    const c2 = await s.loginAs('hk-resident');
    await c2.get('/api/v1/records/qualifications');
    expect((await readsOf(s, 'h5-hk', 'qualifications')).map((d) => d.cached)).toEqual([false, true, false]);
  });

  it('audits every read, refused ones included, with whose records they were', async () => {
    const c = await s.loginAs('foreign-resident');
    await c.get('/api/v1/records/training');
    await c.get('/api/v1/records/training?for=persona:child');
    const rows: Array<{ subject_resident_id: string | null; result: string; code: string | null }> = await s.db.ds.query(
      "SELECT subject_resident_id, result, code FROM audit_log WHERE action = 'records.read' AND actor_user_id = (SELECT id FROM app_user WHERE channel_user_id = 'h5-foreigner') ORDER BY at",
    );
    expect(rows.slice(-2)).toEqual([
      { subject_resident_id: 'persona:foreign-resident', result: 'ok', code: null },
      { subject_resident_id: null, result: 'refused', code: 'WARD_NOT_FOUND' },
    ]);
  });

  it('never puts an ID number in an answer or a log line', async () => {
    const c = await s.loginAs('adult-active');
    const texts = await Promise.all(RECORD_KINDS.map(async (k) => (await c.get(`/api/v1/records/${k}`)).text));
    for (const t of texts) expect(t).not.toContain(WANG_ID);
    expect(s.logs.text()).not.toContain(WANG_ID);
  });

  it('answers UPSTREAM_UNAVAILABLE, not the data, when the HRSS reply is not signed with the shared secret', async () => {
    await sandboxPost(s, '/sandbox/faults', { target: 'hrss:records.query', mode: 'bad-signature', times: 3 });
    const c = await s.loginAs('elder');
    const r = await c.get('/api/v1/records/employment');
    expect([r.status, r.body.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    expect(r.body.data).toBeUndefined();
    expect(s.logs.text()).toContain('reply refused (BAD_SIGNATURE)');
  });
});
