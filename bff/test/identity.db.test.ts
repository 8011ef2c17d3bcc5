import { describeDb } from './support/test-db';
import { startStack, type Stack } from './support/stack';
import { bindAs, opId, passedFaceCheck, persona, withEcard } from './support/ecard-flow';

/** Computes the check character so a table of vectors stays honest. */
function withCheck(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * W[i];
  return first17 + '10X98765432'[sum % 11];
}

describeDb('real-name binding', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('refuses every malformed identity number before any face check', () => {
    let client: Awaited<ReturnType<Stack['loginAs']>>;
    beforeAll(async () => {
      client = await s.loginAs('elder', 'h5');
    });

    it.each([
      ['an empty number', '', 'resident', 'VALIDATION_FAILED'],
      ['17 characters', '37020219850315202', 'resident', 'LENGTH'],
      ['19 characters', '3702021985031520271', 'resident', 'LENGTH'],
      ['a letter in the digits', '37020219850315202A', 'resident', 'CHARACTERS'],
      ['an unknown province', '990202198503152020', 'resident', 'AREA'],
      ['30 February', '370202198502302021', 'resident', 'BIRTH_DATE'],
      ['a birth year before 1900', '370202189912312027', 'resident', 'BIRTH_DATE'],
      ['a birth date in the future', '370202202712012027', 'resident', 'BIRTH_DATE'],
      ['29 February of a common year', withCheck('37020219000229001'), 'resident', 'BIRTH_DATE'],
      ['a wrong check digit', '370202198503152028', 'resident', 'CHECK_DIGIT'],
      ['a permit number chosen as resident ID', '810000198811035010', 'resident', 'TYPE_MISMATCH'],
      ['a resident ID chosen as foreigner permit', '370202198503152027', 'foreign_permanent', 'TYPE_MISMATCH'],
    ])('%s', async (_what, idNumber, idType, problem) => {
      const r = await client.post('/api/v1/identity/face-checks', { purpose: 'bind', name: '王海燕', idType, idNumber });
      expect(r.status).toBe(400);
      if (problem === 'VALIDATION_FAILED') expect(r.body.code).toBe('VALIDATION_FAILED');
      else expect(r.body).toMatchObject({ code: 'ID_NUMBER_INVALID', details: { problem } });
    });

    it('refuses a name that is not a name', async () => {
      const r = await client.post('/api/v1/identity/face-checks', { purpose: 'bind', name: '王2海燕', idType: 'resident', idNumber: '370202198503152027' });
      expect(r.body.code).toBe('NAME_INVALID');
    });

    it.each([
      ['a resident ID with a lower-case x and spaces', 'resident', ' 370202 20160601 502x '],
      ['a foreigner permanent-residence ID', 'foreign_permanent', '937276199004120012'],
      ['a Hong Kong / Macao residence permit', 'hk_macao_permit', '810000198811035010'],
      ['a Taiwan residence permit', 'taiwan_permit', withCheck('83000019920229123')],
    ])('accepts %s and starts a face check', async (_what, idType, idNumber) => {
      const r = await client.post('/api/v1/identity/face-checks', { purpose: 'bind', name: 'SCHMIDT LUKAS', idType, idNumber });
      expect(r.status).toBe(200);
      expect(r.body.data).toMatchObject({ provider: 'wechat', verifyId: expect.any(String), faceCheckId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    });
  });

  it('binds after a passed face check and the national match, and shows the masked name from then on', async () => {
    const { client, bound } = await bindAs(s, 'foreign-resident', 'h5');
    expect(bound).toMatchObject({ user: { realNameBound: true, maskedName: 'S****** L****' }, insuredInQingdao: true, hasEcard: false });
    expect((await client.get('/api/v1/auth/me')).body.data).toMatchObject({ realNameBound: true, maskedName: 'S****** L****' });
    const again = await s.loginAs('foreign-resident', 'h5');
    expect((await again.get('/api/v1/auth/me')).body.data.maskedName).toBe('S****** L****');
  });

  it('does not bind while the face check has not passed, nor with a failed one', async () => {
    const p = persona('hk-resident');
    const client = await s.loginAs('hk-resident', 'h5');
    const started = (await client.post('/api/v1/identity/face-checks', { purpose: 'bind', name: p.name, idType: p.idType, idNumber: p.idNumber })).body.data;
    const pending = await client.post('/api/v1/identity/bind', { faceCheckId: started.faceCheckId });
    expect(pending.body.code).toBe('FACE_CHECK_NOT_PASSED');
    const failed = await passedFaceCheck(client, { purpose: 'bind', name: p.name, idType: p.idType, idNumber: p.idNumber }, false);
    expect((await client.post('/api/v1/identity/bind', { faceCheckId: failed })).body.code).toBe('FACE_CHECK_NOT_PASSED');
    expect((await client.get('/api/v1/auth/me')).body.data.realNameBound).toBe(false);
  });

  it('uses a face result once, and only for the account that made it', async () => {
    const p = persona('adult-second-guardian');
    const mine = await s.loginAs('adult-second-guardian', 'h5');
    const faceCheckId = await passedFaceCheck(mine, { purpose: 'bind', name: p.name, idType: p.idType, idNumber: p.idNumber });
    const other = await s.loginAs('elder', 'h5');
    expect((await other.post('/api/v1/identity/bind', { faceCheckId })).body.code).toBe('FACE_CHECK_NOT_FOUND');
    const [a, b] = await Promise.all([mine.post('/api/v1/identity/bind', { faceCheckId }), mine.post('/api/v1/identity/bind', { faceCheckId })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a.body.code, b.body.code]).toContain(a.status === 409 ? a.body.code : b.body.code);
    expect([a.body.code, b.body.code].filter((c) => c !== 'OK').every((c) => c === 'FACE_CHECK_USED' || c === 'REAL_NAME_ALREADY_BOUND')).toBe(true);
  });

  it('refuses a name that does not belong to the ID number', async () => {
    const client = await s.loginAs('elder', 'wechat');
    const faceCheckId = await passedFaceCheck(client, { purpose: 'bind', name: '刘桂芳', idType: 'resident', idNumber: persona('elder').idNumber });
    const r = await client.post('/api/v1/identity/bind', { faceCheckId });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('IDENTITY_MISMATCH');
  });

  it('makes the same person from WeChat, Alipay and H5 one resident with one card and several channels', async () => {
    const first = await withEcard(s, 'adult-active', 'wechat');
    expect(first.ecard.channels).toEqual(['wechat']);
    const viaAlipay = await bindAs(s, 'adult-active', 'alipay');
    expect(viaAlipay.bound.hasEcard).toBe(true);
    const cards = (await viaAlipay.client.get('/api/v1/ecards')).body.data;
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ id: first.ecard.id, relation: 'self', channels: ['alipay', 'wechat'] });
    await bindAs(s, 'adult-active', 'h5');
    expect((await first.client.get(`/api/v1/ecards/${first.ecard.id}`)).body.data.channels).toEqual(['alipay', 'h5', 'wechat']);
    const residents = await s.db.ds.query('SELECT COUNT(*) AS n FROM resident WHERE name_masked = ?', ['**燕']);
    expect(Number(residents[0].n)).toBe(1);
    const users = await s.db.ds.query('SELECT channel FROM app_user WHERE resident_id IS NOT NULL AND channel_user_id IN (?, ?, ?)', [
      persona('adult-active').wechatOpenid, persona('adult-active').alipayUserId, persona('adult-active').h5Subject,
    ]);
    expect(users.map((u: { channel: string }) => u.channel).sort()).toEqual(['alipay', 'h5', 'wechat']);
  });

  it('refuses to bind an account a second time', async () => {
    const { client } = await bindAs(s, 'adult-card-cancelled', 'h5');
    const r = await client.post('/api/v1/identity/face-checks', { purpose: 'bind', name: '孙丽', idType: 'resident', idNumber: persona('adult-card-cancelled').idNumber });
    expect(r.body.code).toBe('REAL_NAME_ALREADY_BOUND');
  });

  it('tells a person insured elsewhere why they cannot apply, with the branch and the hotline', async () => {
    const { client, bound } = await bindAs(s, 'adult-not-insured', 'h5');
    expect(bound).toMatchObject({ insuredInQingdao: false, insuredArea: '110000' });
    const r = await client.post('/api/v1/ecards', { operationId: opId() });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'NOT_INSURED_IN_QINGDAO', details: { insuredArea: '110000', hotline: '12345', branchesPath: '/pages/branches/index' } });
    expect(r.body.message).toContain('12345');
    const apps = (await client.get('/api/v1/ecard-applications')).body.data;
    expect(apps).toEqual([expect.objectContaining({ kind: 'self', status: 'refused', refusalCode: 'NOT_INSURED_IN_QINGDAO', subject: { maskedName: '**国' } })]);
  });

  it('audits bindings with who, whose and which channel', async () => {
    const rows = await s.db.ds.query("SELECT result, channel, subject_resident_id AS subject FROM audit_log WHERE action = 'identity.bind'");
    expect(rows.filter((r: { result: string }) => r.result === 'ok').every((r: { subject: string | null }) => r.subject)).toBe(true);
    expect(rows.some((r: { result: string }) => r.result === 'refused')).toBe(true);
    expect(new Set(rows.map((r: { channel: string }) => r.channel))).toEqual(new Set(['h5', 'wechat', 'alipay']));
  });
});
