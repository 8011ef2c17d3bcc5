import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../src/lib/clock';
import type { Persona } from '../sandbox/roster';
import { describeDb } from './support/test-db';
import { startStack, type Stack } from './support/stack';
import type { ApiClient } from './support/api-client';
import { bindAs, opId, persona, qrFor, terminal, terminalPost, withEcard } from './support/ecard-flow';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF household register page')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00');

function withCheck(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * W[i];
  return first17 + '10X98765432'[sum % 11];
}

async function upload(s: Stack, client: ApiClient, bytes: Buffer | null, filename = 'proof.jpg', field = 'file') {
  const form = new FormData();
  if (bytes) form.append(field, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), filename);
  else form.append('note', 'no file');
  const res = await fetch(`${s.baseUrl}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

describeDb('guardians and family (亲情服务)', () => {
  let s: Stack;
  let clock: ManualClock;
  let mum: Awaited<ReturnType<typeof withEcard>>;
  let proofId: string;
  const uploadDir = mkdtempSync(join(tmpdir(), 'qdssc-uploads-'));
  const child = persona('child');

  const add = (client: ApiClient, who: Pick<Persona, 'name' | 'idType' | 'idNumber'>, proofUploadId: string, extra: Record<string, unknown> = {}) =>
    client.post('/api/v1/family/members', { operationId: opId(), name: who.name, idType: who.idType, idNumber: who.idNumber, relationship: 'mother', proofKind: 'household_register', proofUploadId, ...extra });

  beforeAll(async () => {
    s = await startStack({ clock: 'manual', env: { UPLOAD_DIR: uploadDir, UPLOAD_LIMIT_BYTES: String(64 * 1024) } });
    clock = s.clock as ManualClock;
    clock.set(Date.UTC(2026, 10, 29, 2, 0, 0));
    mum = await withEcard(s, 'adult-active');
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('proof uploads', () => {
    it.each([
      ['a JPEG photo', JPEG, 'image/jpeg'],
      ['a PNG photo', PNG, 'image/png'],
      ['a PDF scan', PDF, 'application/pdf'],
    ])('accepts %s, judged by its content, and stores it outside the database row', async (_w, bytes, mime) => {
      const r = await upload(s, mum.client, bytes, 'whatever.bin');
      expect(r.status).toBe(200);
      expect(r.body.data).toMatchObject({ mime, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      const [row] = await s.db.ds.query('SELECT storage_path AS p, sha256 FROM upload WHERE id = ?', [r.body.data.uploadId]);
      expect(createHash('sha256').update(readFileSync(join(uploadDir, row.p))).digest('hex')).toBe(row.sha256);
      proofId = r.body.data.uploadId;
    });

    it('refuses a file whose content is not JPEG, PNG or PDF, whatever its name says', async () => {
      for (const bytes of [GIF, Buffer.from('just text, called a jpg')]) {
        const r = await upload(s, mum.client, bytes, 'photo.jpg');
        expect(r.status).toBe(415);
        expect(r.body.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
      }
    });

    it('refuses a file over the size limit and a form without a file', async () => {
      const big = Buffer.concat([JPEG, Buffer.alloc(70 * 1024)]);
      const r = await upload(s, mum.client, big);
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('UPLOAD_TOO_LARGE');
      const none = await upload(s, mum.client, null);
      expect(none.body.code).toBe('UPLOAD_MISSING');
    });

    it('requires a session', async () => {
      const res = await fetch(`${s.baseUrl}/api/v1/uploads`, { method: 'POST', body: new FormData() });
      expect(res.status).toBe(401);
    });
  });

  it('refuses a guardian who has no e-card yet', async () => {
    const dad = await bindAs(s, 'adult-second-guardian');
    const p = (await upload(s, dad.client, JPEG)).body.data.uploadId;
    const r = await add(dad.client, child, p, { relationship: 'father' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('GUARDIAN_ECARD_REQUIRED');
  });

  it('applies for a child under 16 with the proof, and lists the child with the e-card', async () => {
    const r = await add(mum.client, child, proofId);
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      relationship: 'mother',
      ward: { maskedName: '**雨', maskedIdNumber: '3702**********502X', idType: 'resident', age: 10, turns16On: '2032-06-01' },
      ecard: { relation: 'ward', signLevel: 1, status: 'active', usable: true },
    });
    const list = (await mum.client.get('/api/v1/family/members')).body.data;
    expect(list).toMatchObject({ limit: 8, agedOut: [], members: [{ ward: { maskedName: '**雨' } }] });
    const cards = (await mum.client.get('/api/v1/ecards')).body.data;
    expect(cards.map((c: { relation: string }) => c.relation)).toEqual(['self', 'ward']);
  });

  it('lets the guardian show the child’s QR code, which a terminal accepts for the child', async () => {
    const ward = (await mum.client.get('/api/v1/family/members')).body.data.members[0].ecard;
    const qrcode = await qrFor(mum.client, ward.id);
    const r = await terminalPost(s, terminal('library'), { qrcode, busiType: '01' });
    expect(r.body.data.holder).toEqual({ maskedName: '**雨', maskedIdNumber: '3702**********502X', idType: 'resident' });
  });

  it('keeps a guardian’s proof and the child’s card away from everyone else', async () => {
    const stranger = await withEcard(s, 'elder');
    const ward = (await mum.client.get('/api/v1/family/members')).body.data.members[0].ecard;
    expect((await stranger.client.get(`/api/v1/ecards/${ward.id}`)).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/ecards/${ward.id}/qrcodes`)).status).toBe(404);
    const r = await add(stranger.client, child, proofId);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('NOT_FOUND');
  });

  it('refuses someone the national platform does not know as the child’s guardian', async () => {
    const stranger = await s.loginAs('elder', 'h5');
    const own = (await upload(s, stranger, PDF)).body.data.uploadId;
    const r = await add(stranger, child, own, { relationship: 'grandparent' });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'GUARDIAN_RELATION_UNVERIFIED', details: { hotline: '12345' } });
  });

  it('gives the second guardian the same card of the same child', async () => {
    const dad = await s.loginAs('adult-second-guardian', 'h5');
    await dad.post('/api/v1/ecards', { operationId: opId() });
    const p = (await upload(s, dad, PNG)).body.data.uploadId;
    const r = await add(dad, child, p, { relationship: 'father', proofKind: 'birth_certificate' });
    expect(r.status).toBe(200);
    const mine = (await mum.client.get('/api/v1/family/members')).body.data.members[0].ecard.id;
    expect(r.body.data.ecard.id).toBe(mine);
  });

  it('refuses a ward of 16 or more, and oneself', async () => {
    const r = await add(mum.client, persona('hk-resident'), proofId);
    expect(r.body).toMatchObject({ code: 'WARD_NOT_UNDER_16', details: { hotline: '12345' } });
    expect((await add(mum.client, persona('adult-active'), proofId)).body.code).toBe('WARD_IS_SELF');
  });

  it('holds at most 8 family members, also when two are added at the same time', async () => {
    const kids: Persona[] = Array.from({ length: 9 }, (_, i) => ({
      ...child,
      id: `kid-${i}`,
      name: `王测${'一二三四五六七八九'[i]}`,
      idNumber: withCheck(`3702022015010${i + 1}123`),
      guardians: ['adult-active'],
    }));
    s.sandbox.sandbox.roster.personas.push(...kids);
    for (const k of kids.slice(0, 5)) expect((await add(mum.client, k, proofId)).status).toBe(200);
    const parallel = await Promise.all(kids.slice(5, 8).map((k) => add(mum.client, k, proofId)));
    expect(parallel.map((r) => r.body.code ?? 'OK').sort()).toEqual(['FAMILY_LIMIT_REACHED', 'OK', 'OK']);
    expect((await mum.client.get('/api/v1/family/members')).body.data.members).toHaveLength(8);
    expect((await add(mum.client, kids[8], proofId)).body.code).toBe('FAMILY_LIMIT_REACHED');
    const last = (await mum.client.get('/api/v1/family/members')).body.data.members.at(-1);
    expect((await mum.client.delete(`/api/v1/family/members/${last.id}`)).status).toBe(200);
    expect((await add(mum.client, kids[8], proofId)).status).toBe(200);
  });

  it('drops a ward from the list on his 16th birthday in Qingdao, so he applies himself', async () => {
    const dad = await s.loginAs('adult-second-guardian', 'h5');
    const p = (await upload(s, dad, JPEG)).body.data.uploadId;
    const teen = persona('teen-turning-16');
    const added = await add(dad, teen, p, { relationship: 'father' });
    expect(added.body.data.ward).toMatchObject({ maskedName: '**轩', age: 15, turns16On: '2026-12-09' });
    const teenCard = added.body.data.ecard.id;

    clock.set(Date.UTC(2026, 11, 8, 15, 59, 0)); // 23:59 on 8 December in Qingdao
    const eve = await s.loginAs('adult-second-guardian', 'h5');
    expect((await eve.get('/api/v1/family/members')).body.data.members.map((m: { ward: { maskedName: string } }) => m.ward.maskedName)).toContain('**轩');

    clock.set(Date.UTC(2026, 11, 8, 16, 0, 0)); // midnight: 9 December
    const day = await s.loginAs('adult-second-guardian', 'h5');
    const list = (await day.get('/api/v1/family/members')).body.data;
    expect(list.members.map((m: { ward: { maskedName: string } }) => m.ward.maskedName)).not.toContain('**轩');
    expect(list.agedOut).toEqual([{ maskedName: '**轩', turned16On: '2026-12-09' }]);
    expect((await day.get(`/api/v1/ecards/${teenCard}`)).status).toBe(404);
    expect((await day.post(`/api/v1/ecards/${teenCard}/qrcodes`)).status).toBe(404);

    const himself = await bindAs(s, 'teen-turning-16', 'h5');
    const own = await himself.client.post('/api/v1/ecards', { operationId: opId() });
    expect(own.body.data).toMatchObject({ id: teenCard, relation: 'self' });
    clock.set(Date.UTC(2026, 10, 29, 2, 0, 0));
  });

  it('audits every guardian action with the guardian as actor and the child as subject', async () => {
    const rows = await s.db.ds.query("SELECT action, result, actor_user_id AS a, subject_resident_id AS sub FROM audit_log WHERE action LIKE 'family.%'");
    const actions = new Set(rows.map((r: { action: string }) => r.action));
    expect(actions).toEqual(new Set(['family.add', 'family.ecard.apply', 'family.remove']));
    expect(rows.filter((r: { result: string }) => r.result === 'ok').every((r: { a: string; sub: string }) => r.a && r.sub)).toBe(true);
    const ecardIssue = await s.db.ds.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'ecard.qr.issue' AND result = 'ok'");
    expect(Number(ecardIssue[0].n)).toBeGreaterThan(0);
  });
});
