import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDb } from './support/test-db';
import { startStack, type Stack } from './support/stack';
import { bindAs, opId, passedFaceCheck, persona, qrFor, raiseToLevel2, roster, terminal, terminalPost, withEcard } from './support/ecard-flow';

/** Every table and every text column's values, as the database returns them. */
async function dumpDatabase(s: Stack): Promise<string> {
  const tables: string[] =
    s.db.ds.options.type === 'mysql'
      ? (await s.db.ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')).map((r: Record<string, string>) => r.name ?? r.NAME ?? r.TABLE_NAME)
      : (await s.db.ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r: { name: string }) => r.name);
  const parts: string[] = [];
  for (const t of tables) parts.push(JSON.stringify(await s.db.ds.query(`SELECT * FROM ${t}`)));
  return parts.join('\n');
}

describeDb('personal data across a full run', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ env: { UPLOAD_DIR: mkdtempSync(join(tmpdir(), 'qdssc-pii-')) } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('never stores or logs an ID number, a name or a card number in clear', async () => {
    // A full run: bindings on three hosts, applications, level 2, reveal, a guardian's application, QR codes, terminals, refusals.
    const mum = await withEcard(s, 'adult-active', 'wechat');
    await bindAs(s, 'adult-active', 'alipay');
    await raiseToLevel2(mum.client, mum.ecard.id, mum.persona);
    await mum.client.post(`/api/v1/ecards/${mum.ecard.id}/reveal`, { password: '258369' });
    await mum.client.post(`/api/v1/ecards/${mum.ecard.id}/reveal`, { password: '111112' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])]), 'hukou.jpg');
    const up = await (await fetch(`${s.baseUrl}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${mum.client.token}` }, body: form })).json();
    const child = persona('child');
    const added = await mum.client.post('/api/v1/family/members', {
      operationId: opId(), name: child.name, idType: child.idType, idNumber: child.idNumber, relationship: 'mother', proofKind: 'household_register', proofUploadId: up.data.uploadId,
    });
    expect(added.status).toBe(200);
    await terminalPost(s, terminal('hospital'), { qrcode: await qrFor(mum.client, added.body.data.ecard.id), busiType: '01' });
    await terminalPost(s, terminal('pharmacy'), { qrcode: await qrFor(mum.client, mum.ecard.id), busiType: '02' });
    const foreigner = await withEcard(s, 'foreign-resident');
    await passedFaceCheck(foreigner.client, { purpose: 'confirm' });
    const uninsured = await bindAs(s, 'adult-not-insured');
    await uninsured.client.post('/api/v1/ecards', { operationId: opId() });
    const typo = await s.loginAs('elder', 'h5');
    await typo.post('/api/v1/identity/face-checks', { purpose: 'bind', name: '刘桂兰', idType: 'resident', idNumber: '370281194002236028' });
    const lost = await withEcard(s, 'adult-card-temp-lost');
    await lost.client.post(`/api/v1/ecards/${lost.ecard.id}/qrcodes`);

    const db = await dumpDatabase(s);
    const logs = s.logs.text();
    expect(logs.length).toBeGreaterThan(1000);
    for (const p of roster.personas) {
      expect(db).not.toContain(p.idNumber);
      expect(logs).not.toContain(p.idNumber);
      expect(logs).not.toContain(p.idNumber.slice(0, 17));
      if (p.card) {
        expect(db).not.toContain(p.card.bankAccount);
        expect(db).not.toContain(p.card.cardNo);
        expect(logs).not.toContain(p.card.bankAccount);
      }
    }
    for (const name of ['王海燕', '王小雨', 'SCHMIDT LUKAS', '李建国', '赵磊']) {
      expect(db).not.toContain(name);
      expect(logs).not.toContain(name);
    }
    expect(db).not.toContain('258369');
    expect(logs).not.toContain('258369');
    // The masked forms are what is kept for people to read.
    expect(db).toContain('3702**********2027');
  });
});
