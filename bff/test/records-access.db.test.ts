import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessItem, type BusinessItem } from '@qdssc/shared';
import { goodForm } from '../../shared/src/business/form-samples';
import type { Persona } from '../sandbox/roster';
import { ManualClock } from '../src/lib/clock';
import type { ApiClient } from './support/api-client';
import { bindAs, opId, persona, withEcard } from './support/ecard-flow';
import { quickHrss } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';
import { FILES, upload } from './support/upload-files';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
const clientId = () => randomBytes(12).toString('hex');

/** A proof of guardianship through the family feature's upload. */
async function familyProof(s: Stack, c: ApiClient): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'proof.pdf');
  const res = await fetch(`${s.baseUrl}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` }, body: form });
  return ((await res.json()) as { data: { uploadId: string } }).data.uploadId;
}

async function addWard(s: Stack, c: ApiClient, who: Persona, relationship: string): Promise<string> {
  const r = await c.post('/api/v1/family/members', {
    operationId: opId(), name: who.name, idType: who.idType, idNumber: who.idNumber, relationship, proofKind: 'birth_certificate', proofUploadId: await familyProof(s, c),
  });
  if (r.status !== 200) throw new Error(`add ward: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.id;
}

async function submitGood(c: ApiClient, item: BusinessItem, forWard?: string, id = clientId()) {
  const attachmentIds: string[] = [];
  for (const slot of item.attachments.filter((a) => a.required)) attachmentIds.push((await upload(c, item.id, slot.slot, FILES.pdf, { forWard })).body.data.id);
  return c.post('/api/v1/business/applications', { clientId: id, itemId: item.id, form: goodForm(item, new Date(Date.UTC(2026, 10, 29, 2))), attachmentIds, for: forWard });
}

/**
 * Whose records and applications a session reaches, with the identity feature's bridge as wired
 * in production (no stand-in resolver): the bound resident with an active e-card, or a current
 * ward added through the family feature, addressed by the family-list entry.
 */
describeDb('records and applications through the identity bridge', () => {
  let s: Stack;
  let mum: ApiClient; // 王海燕, guardian of 王小雨
  let dad: ApiClient; // 刘建华, guardian of 王小雨 and of 刘子轩
  let stranger: ApiClient;
  let mumChild: string;
  let dadChild: string;
  let dadTeen: string;

  beforeAll(async () => {
    s = await startStack({ clock: 'manual', env: { UPLOAD_DIR: mkdtempSync(join(tmpdir(), 'qdssc-records-access-')) } });
    (s.clock as ManualClock).set(Date.UTC(2026, 10, 29, 2, 0, 0));
    await quickHrss(s);
    mum = (await withEcard(s, 'adult-active')).client;
    dad = (await withEcard(s, 'adult-second-guardian')).client;
    stranger = (await withEcard(s, 'elder')).client;
    mumChild = await addWard(s, mum, persona('child'), 'mother');
    dadChild = await addWard(s, dad, persona('child'), 'father');
    dadTeen = await addWard(s, dad, persona('teen-turning-16'), 'father');
  });
  afterAll(() => s?.close());

  it('answers records only to a real-name bound resident whose e-card is signed', async () => {
    const anonymous = await s.loginAs('foreign-resident');
    expect((await anonymous.get('/api/v1/records/insurance')).body.code).toBe('REAL_NAME_REQUIRED');
    const { client: noCard } = await bindAs(s, 'hk-resident');
    const r = await noCard.get('/api/v1/records/insurance');
    expect([r.status, r.body.code]).toEqual([409, 'ECARD_NOT_SIGNED']);
    const mine = await mum.get('/api/v1/records/contributions?from=2025-01&to=2025-12');
    expect(mine.status).toBe(200);
    expect(mine.body.data.items[0]).toMatchObject({ scheme: 'employee' });
  });

  it('lets a guardian read their own ward’s records by the family entry, and not another guardian’s ward', async () => {
    const child = await mum.get(`/api/v1/records/contributions?for=${mumChild}`);
    expect(child.status).toBe(200);
    expect(child.body.data.items[0]).toMatchObject({ scheme: 'resident', parts: [expect.objectContaining({ insuranceKind: 'medical' })] });
    // 刘子轩 is 刘建华's ward only: his entry means nothing to 王海燕, nor does her entry to him.
    for (const [c, entry] of [[mum, dadTeen], [stranger, mumChild], [stranger, dadTeen]] as const) {
      const r = await c.get(`/api/v1/records/insurance?for=${entry}`);
      expect([r.status, r.body.code]).toEqual([404, 'WARD_NOT_FOUND']);
    }
    // Nor does another guardian's entry id stand in for one's own entry of the same child.
    expect((await mum.get(`/api/v1/records/insurance?for=${dadChild}`)).status).toBe(404);
    expect((await dad.get(`/api/v1/records/insurance?for=${dadChild}`)).status).toBe(200);
  });

  it('keeps applications to their resident and that resident’s guardians', async () => {
    const own = (await submitGood(mum, businessItem('graduate-housing-subsidy')!)).body.data;
    const forChild = (await submitGood(mum, businessItem('flexible-employment-enrolment')!, mumChild)).body.data;
    const forTeen = (await submitGood(dad, businessItem('flexible-employment-enrolment')!, dadTeen)).body.data;
    expect([own.status, forChild.status, forTeen.status]).toEqual(['submitted', 'submitted', 'submitted']);

    // Someone else's application does not exist for a stranger, by id or in a list.
    for (const id of [own.id, forChild.id, forTeen.id]) {
      const r = await stranger.get(`/api/v1/business/applications/${id}`);
      expect([r.status, r.body.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    }
    expect((await stranger.get('/api/v1/business/applications')).body.data.items).toEqual([]);
    expect((await stranger.post(`/api/v1/business/applications/${forChild.id}/withdrawal`, {})).status).toBe(404);

    // My own list holds my applications, not my ward's; the ward's list holds the ward's.
    const ids = async (c: ApiClient, q = '') => (await c.get(`/api/v1/business/applications${q}`)).body.data.items.map((a: { id: string }) => a.id);
    expect(await ids(mum)).toEqual([own.id]);
    expect(await ids(mum, `?for=${mumChild}`)).toEqual([forChild.id]);
    // The child's other guardian sees the child's application, not the mother's own.
    expect(await ids(dad, `?for=${dadChild}`)).toEqual([forChild.id]);
    expect((await dad.get(`/api/v1/business/applications/${own.id}?for=${dadChild}`)).status).toBe(404);
    // The mother cannot reach the father's other ward.
    expect((await mum.get(`/api/v1/business/applications?for=${dadTeen}`)).body.code).toBe('WARD_NOT_FOUND');
    expect((await mum.get(`/api/v1/business/applications/${forTeen.id}?for=${mumChild}`)).status).toBe(404);
    expect((await mum.get(`/api/v1/business/applications/${forTeen.id}`)).status).toBe(404);
  });

  it('gives one application for a submission sent twice at the same moment, and again later', async () => {
    const item = businessItem('labour-contract-filing')!;
    const attachmentIds: string[] = [];
    for (const slot of item.attachments.filter((a) => a.required)) attachmentIds.push((await upload(mum, item.id, slot.slot, FILES.pdf)).body.data.id);
    const body = { clientId: clientId(), itemId: item.id, form: goodForm(item, new Date(Date.UTC(2026, 10, 29, 2))), attachmentIds };
    const burst = await Promise.all(Array.from({ length: 4 }, () => mum.post('/api/v1/business/applications', body)));
    expect(burst.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([200, 'OK']));
    expect(new Set(burst.map((r) => r.body.data.id)).size).toBe(1);
    const again = await mum.post('/api/v1/business/applications', body);
    expect(again.body.data.id).toBe(burst[0].body.data.id);
    const [{ n }] = await s.db.ds.query('SELECT COUNT(*) AS n FROM business_application WHERE client_id = ?', [body.clientId]);
    expect(Number(n)).toBe(1);
  });

  it('lets only the issuer download a proof, refuses a forged code, and lets a guardian prove a ward’s months', async () => {
    const proof = (await mum.post('/api/v1/proofs', { from: '2025-01', to: '2025-06' })).body.data;
    const get = (c: ApiClient) => fetch(`${s.baseUrl}${proof.filePath}`, { headers: { authorization: `Bearer ${c.token}` } });
    expect((await get(mum)).status).toBe(200);
    expect((await get(stranger)).status).toBe(404);
    expect((await get(dad)).status).toBe(404);
    expect((await s.api.get(`/api/v1/proofs/${proof.code}`)).body.data.status).toBe('valid');
    const last = proof.code.at(-1) === '0' ? '1' : '0';
    const forged = await s.api.get(`/api/v1/proofs/${proof.code.slice(0, -1)}${last}`);
    expect([forged.status, forged.body.code]).toEqual([404, 'PROOF_CODE_INVALID']);

    const wards = await mum.post('/api/v1/proofs', { from: '2024-01', to: '2024-12', for: mumChild });
    expect(wards.status).toBe(200);
    expect((await s.api.get(`/api/v1/proofs/${wards.body.data.code}`)).body.data.holderMaskedName).toBe('**雨');
    const sideways = await mum.post('/api/v1/proofs', { from: '2024-01', to: '2024-12', for: dadTeen });
    expect([sideways.status, sideways.body.code]).toEqual([404, 'WARD_NOT_FOUND']);
  });
});
