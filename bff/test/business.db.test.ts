import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { BUSINESS_ITEMS, businessItem, type BusinessItem } from '@qdssc/shared';
import { badValues, goodForm } from '../../shared/src/business/form-samples';
import type { ApiClient } from './support/api-client';
import { withRosterSubjects } from './support/roster-subject-resolver';
import { eventually, quickHrss, sandboxGet, sandboxPost } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';
import { FILES, upload } from './support/upload-files';

const clientId = () => randomBytes(12).toString('hex');
const UPLOAD_LIMIT = 200_000;

/** Uploads one document per required slot and submits the item with a good answer. */
async function submitGood(c: ApiClient, item: BusinessItem, opts: { forWard?: string; clientId?: string; form?: Record<string, unknown> } = {}) {
  const attachmentIds: string[] = [];
  for (const slot of item.attachments.filter((a) => a.required)) {
    const up = await upload(c, item.id, slot.slot, FILES.pdf, { forWard: opts.forWard });
    expect([slot.slot, up.status]).toEqual([slot.slot, 200]);
    attachmentIds.push(up.body.data.id);
  }
  return c.post('/api/v1/business/applications', { clientId: opts.clientId ?? clientId(), itemId: item.id, form: opts.form ?? goodForm(item), attachmentIds, for: opts.forWard });
}

describeDb('online business over HTTP', () => {
  let s: Stack;
  // Logins are rate limited per address (30 a minute): each persona logs in once per file.
  const sessions = new Map<string, Promise<ApiClient>>();
  const as = (persona: string) => {
    if (!sessions.has(persona)) sessions.set(persona, s.loginAs(persona));
    return sessions.get(persona)!;
  };
  beforeAll(async () => {
    s = await startStack({ overrides: withRosterSubjects, env: { UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) } });
    await quickHrss(s);
  });
  afterAll(() => s?.close());

  it('offers the five kinds of business, each with at least two items', async () => {
    const r = await s.api.get('/api/v1/business/catalogue');
    expect(r.body.data.map((c: { category: string }) => c.category)).toEqual(['employment', 'social_insurance', 'labour', 'talent', 'mediation']);
    for (const c of r.body.data) expect(c.items.length).toBeGreaterThanOrEqual(2);
    expect(r.body.data[4].title.zh).toBe('调解仲裁服务');
  });

  describe.each(BUSINESS_ITEMS.map((i) => [i.id, i] as const))('the %s form', (_id, item) => {
    it('is accepted when answered correctly with its required documents, and handed to HRSS', async () => {
      const c = await as('adult-active');
      const r = await submitGood(c, item);
      expect(r.status).toBe(200);
      expect(r.body.data).toMatchObject({ itemId: item.id, category: item.category, status: 'submitted', forwarded: true, withdrawable: true });
      expect(r.body.data.attachments).toHaveLength(item.attachments.filter((a) => a.required).length);
      expect(r.body.data.timeline).toEqual([expect.objectContaining({ status: 'submitted', by: 'user' })]);
      const atHrss = await sandboxGet(s, `/sandbox/hrss/applications/${r.body.data.applicationNo}`);
      expect(atHrss.body).toMatchObject({ status: 'submitted', itemCode: item.hrssItemCode });
    });

    it('is refused with FORM_INVALID naming the field for each wrong or missing answer', async () => {
      const c = await as('adult-active');
      const today = new Date();
      for (const f of item.fields) {
        const cases = badValues(f, today).map((b) => ({ value: b.value as unknown, problem: b.problem as string }));
        if (f.required) cases.push({ value: undefined, problem: f.type === 'consent' ? 'MUST_ACCEPT' : 'REQUIRED' });
        for (const { value, problem } of cases) {
          const form: Record<string, unknown> = { ...goodForm(item, today), [f.name]: value };
          if (value === undefined) delete form[f.name];
          const r = await c.post('/api/v1/business/applications', { clientId: clientId(), itemId: item.id, form });
          expect({ field: f.name, value, status: r.status, code: r.body.code, fields: r.body.details?.fields?.map((x: { path: string; problem: string }) => [x.path, x.problem]) }).toEqual({
            field: f.name, value, status: 400, code: 'FORM_INVALID', fields: [[`form.${f.name}`, problem]],
          });
        }
      }
    });
  });

  it('answers a repeated submission with the first application, whether it repeats later or at the same moment', async () => {
    const c = await as('foreign-resident');
    const item = businessItem('flexible-employment-enrolment')!;
    const id = clientId();
    const body = { clientId: id, itemId: item.id, form: goodForm(item), attachmentIds: [] };
    const first = await c.post('/api/v1/business/applications', body);
    const again = await c.post('/api/v1/business/applications', body);
    expect(again.body.data.id).toBe(first.body.data.id);

    const id2 = clientId();
    const burst = await Promise.all(Array.from({ length: 8 }, () => c.post('/api/v1/business/applications', { ...body, clientId: id2 })));
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(burst.map((r) => r.body.data.id)).size).toBe(1);
    const rows = await s.db.ds.query('SELECT COUNT(*) AS n FROM business_application WHERE client_id IN (?, ?)', [id, id2]);
    expect(Number(rows[0].n)).toBe(2);
  });

  it('refuses the same client id with different answers', async () => {
    const c = await as('foreign-resident');
    const item = businessItem('flexible-employment-enrolment')!;
    const id = clientId();
    await c.post('/api/v1/business/applications', { clientId: id, itemId: item.id, form: goodForm(item) });
    const r = await c.post('/api/v1/business/applications', { clientId: id, itemId: item.id, form: { ...goodForm(item), baseLevel: '300' } });
    expect([r.status, r.body.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
  });

  it('refuses a submission without a required document, naming the slot', async () => {
    const c = await as('adult-active');
    const item = businessItem('dispute-mediation')!;
    const r = await c.post('/api/v1/business/applications', { clientId: clientId(), itemId: item.id, form: goodForm(item), attachmentIds: [] });
    expect([r.status, r.body.code, r.body.details.slot]).toEqual([400, 'ATTACHMENT_REQUIRED', 'evidence']);
  });

  it('decides a document’s type by its first bytes, not by its name or declared type', async () => {
    const c = await as('adult-active');
    const png = await upload(c, 'dispute-mediation', 'evidence', FILES.png, { name: 'evidence.pdf', mime: 'application/pdf' });
    expect([png.status, png.body.data.type]).toEqual([200, 'png']);
    const jpeg = await upload(c, 'dispute-mediation', 'evidence', FILES.jpeg, { name: 'photo.png', mime: 'image/png' });
    expect(jpeg.body.data.type).toBe('jpeg');
    const zip = await upload(c, 'dispute-mediation', 'evidence', FILES.zip, { name: 'evidence.pdf', mime: 'application/pdf' });
    expect([zip.status, zip.body.code]).toEqual([415, 'ATTACHMENT_TYPE_REFUSED']);
    expect(zip.body.details.accept).toEqual(['pdf', 'jpeg', 'png']);
  });

  it('refuses a document over the size limit, an empty one, and an unknown slot', async () => {
    const c = await as('adult-active');
    const big = Buffer.concat([FILES.pdf, Buffer.alloc(UPLOAD_LIMIT, 0x20)]);
    const tooBig = await upload(c, 'dispute-mediation', 'evidence', big);
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
    const empty = await upload(c, 'dispute-mediation', 'evidence', Buffer.alloc(0));
    expect(empty.body.code).toBe('ATTACHMENT_INVALID');
    const slot = await upload(c, 'dispute-mediation', 'selfie', FILES.pdf);
    expect(slot.body.code).toBe('ATTACHMENT_INVALID');
    const item = await upload(c, 'free-money', 'evidence', FILES.pdf);
    expect(item.body.code).toBe('BUSINESS_ITEM_UNKNOWN');
    const notMultipart = await c.post('/api/v1/business/attachments', { file: 'x' });
    expect(notMultipart.status).toBe(415);
  });

  it('lets a document go into one application of its owner only', async () => {
    const owner = await as('adult-active');
    const item = businessItem('dispute-mediation')!;
    const doc = (await upload(owner, item.id, 'evidence', FILES.pdf)).body.data.id;
    const stranger = await as('hk-resident');
    const stolen = await stranger.post('/api/v1/business/applications', { clientId: clientId(), itemId: item.id, form: goodForm(item), attachmentIds: [doc] });
    expect([stolen.status, stolen.body.code]).toEqual([400, 'ATTACHMENT_INVALID']);
    const used = await owner.post('/api/v1/business/applications', { clientId: clientId(), itemId: item.id, form: goodForm(item), attachmentIds: [doc] });
    expect(used.status).toBe(200);
    const reused = await owner.post('/api/v1/business/applications', { clientId: clientId(), itemId: item.id, form: goodForm(item), attachmentIds: [doc] });
    expect(reused.body.code).toBe('ATTACHMENT_INVALID');
    const otherItem = (await upload(owner, 'unemployment-registration', 'termination', FILES.pdf)).body.data.id;
    const wrongItem = await owner.post('/api/v1/business/applications', { clientId: clientId(), itemId: item.id, form: goodForm(item), attachmentIds: [doc, otherItem] });
    expect(wrongItem.body.code).toBe('ATTACHMENT_INVALID');
  });

  it('removes a document not yet part of an application, and keeps one that is', async () => {
    const c = await as('adult-active');
    const doc = (await upload(c, 'wage-arrears-complaint', 'evidence', FILES.jpeg)).body.data.id;
    expect((await c.delete(`/api/v1/business/attachments/${doc}`)).status).toBe(200);
    expect((await c.delete(`/api/v1/business/attachments/${doc}`)).body.code).toBe('ATTACHMENT_INVALID');
  });

  it('deletes documents that were never submitted after a day, files included', async () => {
    const c = await as('adult-active');
    const unused = (await upload(c, 'wage-arrears-complaint', 'evidence', FILES.png)).body.data.id;
    const [row] = await s.db.ds.query('SELECT storage_path FROM business_attachment WHERE id = ?', [unused]);
    expect(existsSync(row.storage_path)).toBe(true);
    expect(await s.app.services.business.purgeUnattached(60 * 60_000)).toBe(0);
    const purged = await s.app.services.business.purgeUnattached(-1);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await s.db.ds.query('SELECT id FROM business_attachment WHERE id = ?', [unused])).toEqual([]);
    expect(existsSync(row.storage_path)).toBe(false);
    const kept = await s.db.ds.query('SELECT COUNT(*) AS n FROM business_attachment WHERE application_id IS NOT NULL');
    expect(Number(kept[0].n)).toBeGreaterThan(0);
  });

  it('moves an application to approved as HRSS calls back, one timeline entry per step', async () => {
    const c = await as('adult-active');
    const app = (await submitGood(c, businessItem('dispute-mediation')!)).body.data;
    const moved = await sandboxPost(s, `/sandbox/hrss/applications/${app.applicationNo}/advance`, { to: 'approved' });
    expect(moved.body).toMatchObject({ moved: true, status: 'approved', version: 3 });
    const done = await eventually(() => c.get(`/api/v1/business/applications/${app.id}`), (r) => r.body.data.timeline.length === 4);
    expect(done.body.data).toMatchObject({ status: 'approved', withdrawable: false });
    expect(done.body.data.timeline.map((t: { status: string; by: string }) => [t.status, t.by])).toEqual([
      ['submitted', 'user'], ['accepted', 'hrss'], ['in_review', 'hrss'], ['approved', 'hrss'],
    ]);
  });

  it('shows a rejection with its reason', async () => {
    const c = await as('adult-active');
    const app = (await submitGood(c, businessItem('talent-apartment')!)).body.data;
    await sandboxPost(s, `/sandbox/hrss/applications/${app.applicationNo}/advance`, { to: 'rejected', reason: '本人在青岛市已有住房' });
    const r = await eventually(() => c.get(`/api/v1/business/applications/${app.id}`), (x) => x.body.data.status === 'rejected');
    expect(r.body.data).toMatchObject({ status: 'rejected', reason: '本人在青岛市已有住房' });
  });

  it('lets the applicant withdraw before a decision, and not after', async () => {
    const c = await as('adult-active');
    const app = (await submitGood(c, businessItem('labour-contract-filing')!)).body.data;
    await sandboxPost(s, `/sandbox/hrss/applications/${app.applicationNo}/advance`, { to: 'accepted' });
    await eventually(() => c.get(`/api/v1/business/applications/${app.id}`), (x) => x.body.data.status === 'accepted');
    const w = await c.post(`/api/v1/business/applications/${app.id}/withdrawal`, { reason: '已与单位协商解决' });
    expect(w.body.data).toMatchObject({ status: 'withdrawn', reason: '已与单位协商解决', withdrawable: false });
    expect((await sandboxGet(s, `/sandbox/hrss/applications/${app.applicationNo}`)).body.status).toBe('withdrawn');
    expect((await c.post(`/api/v1/business/applications/${app.id}/withdrawal`, {})).body.data.status).toBe('withdrawn');
    // HRSS's own callback for the withdrawal arrives too, and adds nothing.
    await eventually(() => sandboxGet(s, '/sandbox/hrss/deliveries'), (d) => d.body.pending === 0);
    const after = (await c.get(`/api/v1/business/applications/${app.id}`)).body.data;
    expect(after.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted', 'withdrawn']);

    const decided = (await submitGood(c, businessItem('pension-transfer')!)).body.data;
    await sandboxPost(s, `/sandbox/hrss/applications/${decided.applicationNo}/advance`, { to: 'approved' });
    await eventually(() => c.get(`/api/v1/business/applications/${decided.id}`), (x) => x.body.data.status === 'approved');
    const refused = await c.post(`/api/v1/business/applications/${decided.id}/withdrawal`, {});
    expect([refused.status, refused.body.code]).toEqual([409, 'APPLICATION_NOT_WITHDRAWABLE']);
  });

  it('keeps applications to their resident: someone else’s answers 404; guardians see their ward’s', async () => {
    const guardian = await as('adult-active');
    const mine = (await submitGood(guardian, businessItem('graduate-housing-subsidy')!)).body.data;
    const forChild = (await submitGood(guardian, businessItem('flexible-employment-enrolment')!, { forWard: 'persona:child' })).body.data;

    const stranger = await as('hk-resident');
    const peek = await stranger.get(`/api/v1/business/applications/${mine.id}`);
    expect([peek.status, peek.body.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    expect((await stranger.post(`/api/v1/business/applications/${mine.id}/withdrawal`, {})).status).toBe(404);
    expect((await stranger.get('/api/v1/business/applications')).body.data.items.map((a: { id: string }) => a.id)).not.toContain(mine.id);
    expect((await stranger.get('/api/v1/business/applications?for=persona:child')).status).toBe(404);

    const otherGuardian = await as('adult-second-guardian');
    const wardList = (await otherGuardian.get('/api/v1/business/applications?for=persona:child')).body.data.items.map((a: { id: string }) => a.id);
    expect(wardList).toContain(forChild.id);
    expect(wardList).not.toContain(mine.id);
    expect((await otherGuardian.get(`/api/v1/business/applications/${mine.id}?for=persona:child`)).status).toBe(404);
  });

  it('lists my applications newest first and filters by status', async () => {
    const c = await as('adult-active');
    const all = (await c.get('/api/v1/business/applications?pageSize=50')).body.data;
    expect(all.total).toBeGreaterThan(10);
    const times = all.items.map((a: { submittedAt: string }) => a.submittedAt);
    expect(times).toEqual([...times].sort().reverse());
    const approved = (await c.get('/api/v1/business/applications?status=approved')).body.data.items;
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.every((a: { status: string }) => a.status === 'approved')).toBe(true);
  });

  it('keeps an application while HRSS is down and hands it over once HRSS is back', async () => {
    const c = await as('elder');
    await sandboxPost(s, '/sandbox/faults', { target: 'hrss:business.submit', mode: 'http500', times: 3 });
    const item = businessItem('pension-transfer')!;
    const r = await submitGood(c, item);
    expect(r.body.data).toMatchObject({ status: 'submitted', forwarded: false });
    expect((await sandboxGet(s, `/sandbox/hrss/applications/${r.body.data.applicationNo}`)).status).toBe(404);
    expect(await s.app.services.business.forwardPending()).toBeGreaterThanOrEqual(1);
    expect((await c.get(`/api/v1/business/applications/${r.body.data.id}`)).body.data.forwarded).toBe(true);
    expect((await sandboxGet(s, `/sandbox/hrss/applications/${r.body.data.applicationNo}`)).body.status).toBe('submitted');
  });

  it('stores the answers encrypted and shows them masked', async () => {
    const c = await as('adult-active');
    const item = businessItem('talent-apartment')!;
    const r = await submitGood(c, item, { form: { ...goodForm(item), married: 'yes', spouseName: '李娜', spouseIdNumber: '37020220160601502X' } });
    expect(r.body.data.form).toMatchObject({ mobile: '138****1234', spouseName: '*娜', spouseIdNumber: '3702**********502X' });
    const [row] = await s.db.ds.query('SELECT form_enc, applicant_id_enc FROM business_application WHERE id = ?', [r.body.data.id]);
    for (const clear of ['13805321234', '李娜', '37020220160601502X', '370202198503152027']) {
      expect(row.form_enc).not.toContain(clear);
      expect(row.applicant_id_enc).not.toContain(clear);
    }
    expect(s.logs.text()).not.toContain('37020220160601502X');
  });
});
