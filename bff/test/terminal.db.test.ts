import { randomBytes } from 'node:crypto';
import { ManualClock } from '../src/lib/clock';
import { describeDb } from './support/test-db';
import { startStack, type Stack } from './support/stack';
import { qrFor, raiseToLevel2, terminal, terminalPost, withEcard } from './support/ecard-flow';

describeDb('terminal verification of e-card QR codes', () => {
  let s: Stack;
  let clock: ManualClock;
  let holder: Awaited<ReturnType<typeof withEcard>>;
  const hospital = terminal('hospital');
  const pharmacy = terminal('pharmacy');

  beforeAll(async () => {
    s = await startStack({ clock: 'manual' });
    clock = s.clock as ManualClock;
    holder = await withEcard(s, 'adult-second-guardian');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('registers one terminal per kind from the roster, secrets encrypted', async () => {
    const rows = await s.db.ds.query('SELECT id, kind, secret_cipher AS c FROM terminal ORDER BY kind');
    expect(rows.map((r: { kind: string }) => r.kind)).toEqual(['hospital', 'library', 'pharmacy', 'transport']);
    for (const r of rows) expect(r.c).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain(hospital.secret);
  });

  it('accepts a code once and answers the masked holder, card status and sign level', async () => {
    const qrcode = await qrFor(holder.client, holder.ecard.id);
    const r = await terminalPost(s, hospital, { qrcode, busiType: '01' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      holder: { maskedName: '**华', maskedIdNumber: '3702**********3015', idType: 'resident' },
      cardStatus: 'active',
      signLevel: 1,
      busiType: '01',
    });
    expect(r.text).not.toContain('370212198009183015');
    const again = await terminalPost(s, pharmacy, { qrcode, busiType: '01' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('QR_CODE_USED');
  });

  it('lets exactly one of 50 concurrent verifications of the same code succeed', async () => {
    const qrcode = await qrFor(holder.client, holder.ecard.id);
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => terminalPost(s, i % 2 ? hospital : pharmacy, { qrcode, busiType: '01' })));
    const codes = rs.map((r) => (r.status === 200 ? 'OK' : r.body.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'QR_CODE_USED')).toHaveLength(49);
    const [row] = await s.db.ds.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'ecard.qr.verify' AND result = 'ok' AND request_id = ?", [rs[codes.indexOf('OK')].body.requestId ?? rs[codes.indexOf('OK')].headers.get('x-request-id')]);
    expect(Number(row.n)).toBe(1);
  });

  it('refuses payment (busiType 02) at level 1 without using the code up, and accepts it at level 2', async () => {
    const qrcode = await qrFor(holder.client, holder.ecard.id);
    const low = await terminalPost(s, pharmacy, { qrcode, busiType: '02' });
    expect(low.status).toBe(403);
    expect(low.body.code).toBe('ECARD_LEVEL_TOO_LOW');
    expect((await terminalPost(s, pharmacy, { qrcode, busiType: '01' })).status).toBe(200);
    await raiseToLevel2(holder.client, holder.ecard.id, holder.persona);
    const paid = await terminalPost(s, pharmacy, { qrcode: await qrFor(holder.client, holder.ecard.id), busiType: '02' });
    expect(paid.body.data).toMatchObject({ signLevel: 2, busiType: '02' });
  });

  it('refuses an expired code: a screenshot is useless after its minute', async () => {
    const qrcode = await qrFor(holder.client, holder.ecard.id);
    clock.advance(61_000);
    const r = await terminalPost(s, hospital, { qrcode, busiType: '01' });
    expect(r.status).toBe(410);
    expect(r.body.code).toBe('QR_CODE_EXPIRED');
  });

  it('refuses a forged, altered or unknown code', async () => {
    const qrcode = await qrFor(holder.client, holder.ecard.id);
    const [p, id, exp, sig] = qrcode.split('.');
    const forgedExp = `${p}.${id}.${Number(exp) + 600}.${sig}`;
    const otherSig = `${p}.${id}.${exp}.${randomBytes(16).toString('base64url')}`;
    for (const bad of [forgedExp, otherSig, 'E1.not-a-code', 'https://evil.example/?id=1', `${p}.${randomBytes(16).toString('base64url')}.${exp}.${sig}`]) {
      const r = await terminalPost(s, hospital, { qrcode: bad, busiType: '01' });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('QR_CODE_INVALID');
    }
  });

  it('refuses a code of a card whose physical card was reported lost after the code was shown', async () => {
    const other = await withEcard(s, 'hk-resident');
    const qrcode = await qrFor(other.client, other.ecard.id);
    await s.db.ds.query("UPDATE physical_card SET status = 'temporarily_lost', status_version = status_version + 1 WHERE resident_id = (SELECT resident_id FROM ecard WHERE id = ?)", [other.ecard.id]);
    const r = await terminalPost(s, hospital, { qrcode, busiType: '01' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CARD_TEMPORARILY_LOST');
  });

  describe('refuses requests that are not properly signed', () => {
    let qrcode: string;
    beforeEach(async () => {
      qrcode = await qrFor(holder.client, holder.ecard.id);
    });

    it.each(['x-terminal-id', 'x-timestamp', 'x-nonce', 'x-signature'])('without %s', async (header) => {
      const r = await terminalPost(s, hospital, { qrcode, busiType: '01' }, { omit: header });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('TERMINAL_HEADERS_MISSING');
    });

    it('signed with another terminal’s secret, or by an unknown terminal', async () => {
      expect((await terminalPost(s, hospital, { qrcode, busiType: '01' }, { secret: pharmacy.secret })).body.code).toBe('TERMINAL_SIGNATURE_INVALID');
      expect((await terminalPost(s, { ...hospital, id: 'T-HOSP-9999' }, { qrcode, busiType: '01' })).body.code).toBe('TERMINAL_SIGNATURE_INVALID');
    });

    it('with a body changed after signing', async () => {
      const r = await terminalPost(s, hospital, { qrcode, busiType: '01' }, { tamperBody: JSON.stringify({ qrcode, busiType: '02' }) });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('TERMINAL_SIGNATURE_INVALID');
    });

    it('dated more than five minutes away, either way', async () => {
      for (const skew of [-301_000, 301_000]) {
        const r = await terminalPost(s, hospital, { qrcode, busiType: '01' }, { timestamp: clock.now() + skew });
        expect(r.status).toBe(401);
        expect(r.body.code).toBe('TERMINAL_TIMESTAMP_STALE');
      }
    });

    it('replaying a nonce, even with a fresh signature', async () => {
      const nonce = randomBytes(16).toString('hex');
      expect((await terminalPost(s, hospital, { qrcode, busiType: '01' }, { nonce })).status).toBe(200);
      const replay = await terminalPost(s, hospital, { qrcode: await qrFor(holder.client, holder.ecard.id), busiType: '01' }, { nonce });
      expect(replay.status).toBe(409);
      expect(replay.body.code).toBe('TERMINAL_NONCE_REPLAYED');
    });

    it('whose forged signature does not burn the real terminal’s nonce', async () => {
      const nonce = randomBytes(16).toString('hex');
      expect((await terminalPost(s, hospital, { qrcode, busiType: '01' }, { nonce, secret: 'guess' })).body.code).toBe('TERMINAL_SIGNATURE_INVALID');
      expect((await terminalPost(s, hospital, { qrcode, busiType: '01' }, { nonce })).status).toBe(200);
    });

    it('from a disabled terminal', async () => {
      await s.app.services.terminals.setActive(hospital.id, false);
      const r = await terminalPost(s, hospital, { qrcode, busiType: '01' });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('TERMINAL_DISABLED');
      await s.app.services.terminals.setActive(hospital.id, true);
    });

    it('with an invalid busiType, after the signature passed', async () => {
      const r = await terminalPost(s, hospital, { qrcode, busiType: '09' });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    });
  });

  it('audits every verification with the terminal as actor', async () => {
    const rows = await s.db.ds.query("SELECT actor_terminal_id AS t, result, code FROM audit_log WHERE action = 'ecard.qr.verify'");
    expect(rows.every((r: { t: string }) => ['T-HOSP-0001', 'T-PHAR-0001'].includes(r.t))).toBe(true);
    expect(new Set(rows.map((r: { code: string | null }) => r.code ?? 'OK'))).toEqual(
      new Set(['OK', 'QR_CODE_USED', 'ECARD_LEVEL_TOO_LOW', 'QR_CODE_EXPIRED', 'QR_CODE_INVALID', 'CARD_TEMPORARILY_LOST']),
    );
  });

  it('documents the signing string in /openapi.json next to the verify endpoint', async () => {
    const doc = (await s.api.get('/openapi.json')).body;
    expect(doc.paths['/terminal/v1/qrcodes/verify'].post.security).toEqual([{ terminal: [] }]);
    expect(doc.info.description).toContain('hex(SM3(raw body bytes))');
  });
});
