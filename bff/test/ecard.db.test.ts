import { ManualClock } from '../src/lib/clock';
import { describeDb } from './support/test-db';
import { startStack, type Stack } from './support/stack';
import { bindAs, opId, passedFaceCheck, persona, qrFor, raiseToLevel2, withEcard } from './support/ecard-flow';

describeDb('the e-card', () => {
  let s: Stack;
  let clock: ManualClock;
  beforeAll(async () => {
    s = await startStack({ clock: 'manual' });
    clock = s.clock as ManualClock;
    clock.set(Date.UTC(2026, 10, 29, 2, 0, 0));
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('application, level 1 then level 2', () => {
    let c: Awaited<ReturnType<typeof withEcard>>;
    beforeAll(async () => {
      c = await withEcard(s, 'adult-active');
    });

    it('signs level 1 at once with the national signature, dates and the physical card', () => {
      expect(c.ecard).toMatchObject({
        relation: 'self',
        holder: { maskedName: '**燕', maskedIdNumber: '3702**********2027', idType: 'resident' },
        status: 'active',
        signLevel: 1,
        signDate: '2026-11-29',
        validUntil: '2036-11-29',
        channels: ['h5'],
        physicalCard: { status: 'active', maskedCardNo: '*****2345', bank: '农业银行' },
        usable: true,
        passwordSet: false,
      });
      expect(c.ecard.signNoMasked).toMatch(/^\*+\d{4}$/);
    });

    it('answers the same card to a retried application and to a new one', async () => {
      const operationId = opId();
      const a = await c.client.post('/api/v1/ecards', { operationId });
      const b = await c.client.post('/api/v1/ecards', { operationId });
      const other = await c.client.post('/api/v1/ecards', { operationId: opId() });
      expect([a.body.data.id, b.body.data.id, other.body.data.id]).toEqual([c.ecard.id, c.ecard.id, c.ecard.id]);
      const [row] = await s.db.ds.query('SELECT COUNT(*) AS n FROM ecard');
      expect(Number(row.n)).toBe(1);
    });

    it('refuses a weak password and a bank account that is not the card’s, staying at level 1', async () => {
      for (const [password, problem] of [['111111', 'ALL_SAME'], ['123456', 'SEQUENTIAL'], ['850315', 'PERSONAL'], ['12345', 'FORMAT']]) {
        const r = await c.client.post(`/api/v1/ecards/${c.ecard.id}/level-2`, { bankAccount: c.persona.card!.bankAccount, password });
        expect(r.body).toMatchObject({ code: 'ECARD_PASSWORD_WEAK', details: { problem } });
      }
      const wrong = await c.client.post(`/api/v1/ecards/${c.ecard.id}/level-2`, { bankAccount: '6228480212345678999', password: '258369' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('BANK_ACCOUNT_MISMATCH');
      expect((await c.client.get(`/api/v1/ecards/${c.ecard.id}`)).body.data.signLevel).toBe(1);
    });

    it('reaches level 2 with the card’s bank account and a 6-digit password kept only as a salted hash', async () => {
      const card = await raiseToLevel2(c.client, c.ecard.id, c.persona, '258369');
      expect(card).toMatchObject({ signLevel: 2, passwordSet: true, bankAccountMasked: '***************8901' });
      const [row] = await s.db.ds.query('SELECT password_hash AS h FROM ecard WHERE id = ?', [c.ecard.id]);
      expect(row.h).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(row.h).not.toContain('258369');
    });

    it('reveals the full name and ID number after the password, and audits it', async () => {
      const r = await c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '258369' });
      expect(r.body.data).toEqual({ name: '王海燕', idNumber: '370202198503152027', idType: 'resident' });
      const rows = await s.db.ds.query("SELECT result, detail FROM audit_log WHERE action = 'ecard.reveal'");
      expect(rows.map((x: { result: string }) => x.result)).toEqual(['ok']);
    });

    it('counts wrong passwords, locks on the fifth, and unlocks after 30 minutes', async () => {
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push((await c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '000001' })).body);
      expect(tries.map((t) => [t.code, t.details.remainingTries])).toEqual([['ECARD_PASSWORD_WRONG', 4], ['ECARD_PASSWORD_WRONG', 3], ['ECARD_PASSWORD_WRONG', 2], ['ECARD_PASSWORD_WRONG', 1]]);
      const fifth = await c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '000001' });
      expect(fifth.status).toBe(423);
      expect(fifth.body.code).toBe('ECARD_PASSWORD_LOCKED');
      const right = await c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '258369' });
      expect(right.body.code).toBe('ECARD_PASSWORD_LOCKED');
      clock.advance(31 * 60_000);
      expect((await c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '258369' })).status).toBe(200);
    });

    it('gives no more tries to many parallel guesses than the limit', async () => {
      const rs = await Promise.all(Array.from({ length: 12 }, () => c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '000002' })));
      const codes = rs.map((r) => r.body.code);
      expect(codes.filter((x) => x === 'ECARD_PASSWORD_WRONG').length).toBeLessThanOrEqual(4);
      expect(codes.every((x) => x === 'ECARD_PASSWORD_WRONG' || x === 'ECARD_PASSWORD_LOCKED')).toBe(true);
      expect((await c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '258369' })).body.code).toBe('ECARD_PASSWORD_LOCKED');
    });

    it('resets a locked password with a face check, then accepts the new one', async () => {
      const faceCheckId = await passedFaceCheck(c.client, { purpose: 'confirm' });
      const r = await c.client.put(`/api/v1/ecards/${c.ecard.id}/password`, { faceCheckId, newPassword: '731946' });
      expect(r.status).toBe(200);
      expect((await c.client.post(`/api/v1/ecards/${c.ecard.id}/reveal`, { password: '731946' })).status).toBe(200);
      const reused = await c.client.put(`/api/v1/ecards/${c.ecard.id}/password`, { faceCheckId, newPassword: '731947' });
      expect(reused.body.code).toBe('FACE_CHECK_USED');
    });

    it('changes the password with the old one, and refuses a wrong old one', async () => {
      expect((await c.client.put(`/api/v1/ecards/${c.ecard.id}/password`, { oldPassword: '999999', newPassword: '246813' })).body.code).toBe('ECARD_PASSWORD_WRONG');
      expect((await c.client.put(`/api/v1/ecards/${c.ecard.id}/password`, { oldPassword: '731946', newPassword: '246813' })).status).toBe(200);
    });

    it('issues a fresh signed QR payload without account data each time', async () => {
      const a = (await c.client.post(`/api/v1/ecards/${c.ecard.id}/qrcodes`)).body.data;
      const b = (await c.client.post(`/api/v1/ecards/${c.ecard.id}/qrcodes`)).body.data;
      expect(a).toMatchObject({ ttlSeconds: 60, refreshInSeconds: 50, qrcode: expect.stringMatching(/^E1\.[A-Za-z0-9_-]{22}\.\d{10}\.[A-Za-z0-9_-]{22}$/) });
      expect(Date.parse(a.expiresAt) - clock.now()).toBeLessThanOrEqual(60_000);
      expect(a.qrcode).not.toBe(b.qrcode);
      for (const secret of ['370202', '王海燕', c.ecard.id, c.persona.card!.cardNo]) expect(a.qrcode).not.toContain(secret);
    });
  });

  it('answers 404 to anyone else’s card, as if it did not exist', async () => {
    const owner = await withEcard(s, 'elder');
    const stranger = await bindAs(s, 'hk-resident');
    for (const r of [
      await stranger.client.get(`/api/v1/ecards/${owner.ecard.id}`),
      await stranger.client.post(`/api/v1/ecards/${owner.ecard.id}/qrcodes`),
      await stranger.client.post(`/api/v1/ecards/${owner.ecard.id}/reveal`, { password: '258369' }),
      await stranger.client.get('/api/v1/ecards/00000000-0000-7000-8000-000000000000'),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
    }
    expect((await stranger.client.get('/api/v1/ecards')).body.data).toEqual([]);
  });

  it.each([
    ['adult-card-temp-lost', 'CARD_TEMPORARILY_LOST', 'temporarily_lost'],
    ['adult-card-cancelled', 'CARD_CANCELLED', 'cancelled'],
  ])('refuses a QR code to %s with %s, saying why', async (who, code, status) => {
    const c = await withEcard(s, who);
    expect(c.ecard).toMatchObject({ usable: false, unusableCode: code, physicalCard: { status } });
    const r = await c.client.post(`/api/v1/ecards/${c.ecard.id}/qrcodes`);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe(code);
    const rows = await s.db.ds.query("SELECT result, code FROM audit_log WHERE action = 'ecard.qr.issue' AND code = ?", [code]);
    expect(rows).toHaveLength(1);
  });

  it('stops the card in this app with a face check, refuses QR codes, and signs it again on a new application', async () => {
    const c = await withEcard(s, 'foreign-resident');
    const faceCheckId = await passedFaceCheck(c.client, { purpose: 'confirm' });
    const revoked = await c.client.post(`/api/v1/ecards/${c.ecard.id}/revoke`, { faceCheckId });
    expect(revoked.body.data).toMatchObject({ status: 'revoked', usable: false, unusableCode: 'ECARD_REVOKED' });
    expect((await c.client.post(`/api/v1/ecards/${c.ecard.id}/qrcodes`)).body.code).toBe('ECARD_REVOKED');
    const again = (await c.client.post('/api/v1/ecards', { operationId: opId() })).body.data;
    expect(again).toMatchObject({ id: c.ecard.id, status: 'active', signLevel: 1, usable: true });
    expect(again.signNoMasked).not.toBe(c.ecard.signNoMasked);
    expect(await qrFor(c.client, c.ecard.id)).toMatch(/^E1\./);
  });

  it('asks a child under 16 to let a guardian apply, and lets him apply himself from his 16th birthday', async () => {
    const teen = await bindAs(s, 'teen-turning-16', 'wechat');
    const before = await teen.client.post('/api/v1/ecards', { operationId: opId() });
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('APPLICANT_UNDER_16');
    clock.set(Date.UTC(2026, 11, 8, 16, 0, 0)); // 2026-12-09 00:00 in Qingdao; ten days on, a new session
    const later = await s.loginAs('teen-turning-16', 'wechat');
    const after = await later.post('/api/v1/ecards', { operationId: opId() });
    expect(after.status).toBe(200);
    expect(after.body.data).toMatchObject({ holder: { maskedName: '**轩' }, signLevel: 1 });
    clock.set(Date.UTC(2026, 10, 29, 2, 0, 0));
  });

  it('requires a real-name binding before any card operation', async () => {
    const client = await s.loginAs('elder', 'alipay');
    expect((await client.post('/api/v1/ecards', { operationId: opId() })).body.code).toBe('REAL_NAME_REQUIRED');
    expect((await client.get('/api/v1/ecards')).body.code).toBe('REAL_NAME_REQUIRED');
    expect(persona('elder').alipayUserId).toBeTruthy();
  });
});
