import { sm2 } from 'sm-crypto-v2';
import { sm3Hex } from '../src/lib/crypto/sm';
import type { ManualClock } from '../src/lib/clock';
import { withRosterSubjects } from './support/roster-subject-resolver';
import { quickHrss } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

async function download(s: Stack, token: string | undefined, path: string) {
  const res = await fetch(`${s.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Changes one character of a code to another valid one, as a forger or a typo would. */
function alter(code: string, at: number): string {
  const c = code[at] === '7' ? '8' : '7';
  return code.slice(0, at) + c + code.slice(at + 1);
}

describeDb('proofs of contributions (参保证明)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ overrides: withRosterSubjects, clock: 'manual' });
    (s.clock as ManualClock).set(Date.UTC(2026, 10, 29, 2, 0, 0));
    await quickHrss(s);
  });
  afterAll(() => s?.close());

  it('issues a signed PDF for a period, downloadable by its holder, whose code anyone can verify', async () => {
    const c = await s.loginAs('adult-active');
    const issued = await c.post('/api/v1/proofs', { from: '2025-01', to: '2025-12' });
    expect(issued.status).toBe(200);
    const proof = issued.body.data;
    expect(proof).toMatchObject({ from: '2025-01', to: '2025-12', monthsPaid: 12, filePath: `/api/v1/proofs/${proof.code}/file` });
    expect(proof.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(new Date(proof.expiresAt).getTime() - new Date(proof.issuedAt).getTime()).toBe(90 * 86_400_000);

    const pdf = await download(s, c.token, proof.filePath);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.disposition).toContain(`${proof.code}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.length).toBe(proof.sizeBytes);
    expect(pdf.bytes.toString('latin1')).toContain(`Verification code ${proof.code}`);

    const v = await s.api.get(`/api/v1/proofs/${proof.code}`);
    expect(v.status).toBe(200);
    expect(v.body.data).toMatchObject({ status: 'valid', holderMaskedName: '**燕', holderMaskedIdNumber: '3702**********2027', from: '2025-01', to: '2025-12', monthsPaid: 12, issuedAt: proof.issuedAt });
    // The file handed out is the one that was issued, and the signed facts check out with the public key.
    expect(v.body.data.pdfSm3).toBe(sm3Hex(pdf.bytes));
    const key = (await s.api.get('/api/v1/proofs/public-key')).body.data;
    expect(key.algorithm).toBe('SM2-with-SM3');
    expect(sm2.doVerifySignature(v.body.data.signedText, v.body.data.signature, key.publicKey, { hash: true, userId: key.userId })).toBe(true);
    expect(v.body.data.signedText).toContain(`code=${proof.code}`);
    expect(v.text).not.toContain('370202198503152027');
  });

  it('accepts a code typed in lower case, with spaces, or with O for 0', async () => {
    const c = await s.loginAs('adult-active');
    const { code } = (await c.post('/api/v1/proofs', { from: '2024-01', to: '2024-03' })).body.data;
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const v = await s.api.get(`/api/v1/proofs/${encodeURIComponent(typed)}`);
    expect([v.status, v.body.data?.from]).toEqual([200, '2024-01']);
  });

  it('refuses a forged code and any altered one, without saying which check failed', async () => {
    const c = await s.loginAs('adult-active');
    const { code } = (await c.post('/api/v1/proofs', { from: '2024-04', to: '2024-06' })).body.data;
    const forged = 'ABCDE-FGHJK-MNPQR-STVWX';
    for (const bad of [forged, alter(code, 0), alter(code, 12), alter(code, 22)]) {
      const r = await s.api.get(`/api/v1/proofs/${bad}`);
      expect([bad, r.status, r.body.code]).toEqual([bad, 404, 'PROOF_CODE_INVALID']);
    }
    const malformed = await s.api.get('/api/v1/proofs/123');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses a proof whose stored facts were changed after signing', async () => {
    const c = await s.loginAs('adult-active');
    const { code } = (await c.post('/api/v1/proofs', { from: '2024-07', to: '2024-09' })).body.data;
    await s.db.ds.query("UPDATE contribution_proof SET signed_text = REPLACE(signed_text, 'monthsPaid=3', 'monthsPaid=30') WHERE code = ?", [code]);
    const r = await s.api.get(`/api/v1/proofs/${code}`);
    expect([r.status, r.body.code]).toEqual([404, 'PROOF_CODE_INVALID']);
    expect(s.logs.text()).toContain('fails its SM2 signature');
  });

  it('lets only the person who issued a proof download it; to others it does not exist', async () => {
    const owner = await s.loginAs('adult-active');
    const { code, filePath } = (await owner.post('/api/v1/proofs', { from: '2023-01', to: '2023-12' })).body.data;
    const other = await s.loginAs('foreign-resident');
    const r = await download(s, other.token, filePath);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.bytes.toString()).code).toBe('PROOF_CODE_INVALID');
    expect((await download(s, undefined, filePath)).status).toBe(401);
    expect((await s.api.get(`/api/v1/proofs/${code}`)).status).toBe(200);
  });

  it('lets a guardian issue a proof of a ward’s residents’ medical insurance', async () => {
    const guardian = await s.loginAs('adult-second-guardian');
    const r = await guardian.post('/api/v1/proofs', { from: '2025-01', to: '2025-12', for: 'persona:child' });
    expect(r.body.data.monthsPaid).toBe(12);
    const v = await s.api.get(`/api/v1/proofs/${r.body.data.code}`);
    expect(v.body.data.holderMaskedName).toBe('**雨');
  });

  it('marks a proof expired after its validity, still telling what it said', async () => {
    const c = await s.loginAs('elder');
    const { code } = (await c.post('/api/v1/proofs', { from: '1994-01', to: '1994-12' })).body.data;
    (s.clock as ManualClock).advance(91 * 86_400_000);
    try {
      const v = await s.api.get(`/api/v1/proofs/${code}`);
      expect(v.body.data).toMatchObject({ status: 'expired', from: '1994-01', monthsPaid: 12 });
    } finally {
      (s.clock as ManualClock).advance(-91 * 86_400_000);
    }
  });

  it('refuses a period with nothing paid, one ending after this month, and one longer than ten years', async () => {
    const c = await s.loginAs('adult-second-guardian');
    const none = await c.post('/api/v1/proofs', { from: '2013-02', to: '2013-11' });
    expect([none.status, none.body.code]).toEqual([422, 'PROOF_NOTHING_PAID']);
    const future = await c.post('/api/v1/proofs', { from: '2026-01', to: '2027-01' });
    expect([future.status, future.body.code]).toEqual([400, 'PROOF_PERIOD_INVALID']);
    const long = await c.post('/api/v1/proofs', { from: '2005-01', to: '2015-12' });
    expect(long.body.code).toBe('PROOF_PERIOD_INVALID');
    const backwards = await c.post('/api/v1/proofs', { from: '2024-05', to: '2024-01' });
    expect(backwards.body.code).toBe('VALIDATION_FAILED');
  });

  it('stores the code, the resident, the period, the PDF hash and the dates, and audits the issue', async () => {
    const rows = await s.db.ds.query('SELECT code, resident_ref, period_from, period_to, pdf_sm3, issued_at, expires_at FROM contribution_proof');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      expect(r.resident_ref).toMatch(/^persona:/);
      expect(r.pdf_sm3).toMatch(/^[0-9a-f]{64}$/);
    }
    const audits = await s.db.ds.query("SELECT result, code FROM audit_log WHERE action = 'proof.issue'");
    expect(audits.filter((a: { result: string }) => a.result === 'ok').length).toBe(rows.length);
    expect(audits.some((a: { code: string }) => a.code === 'PROOF_NOTHING_PAID')).toBe(true);
  });
});
