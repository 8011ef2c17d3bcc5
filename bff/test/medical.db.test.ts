import { randomBytes } from 'node:crypto';
import { signRequest } from '../src/lib/crypto/request-signing';
import { persona, terminal, qrFor, terminalPost, withEcard } from './support/ecard-flow';
import { FILES } from './support/upload-files';
import { eventually, opId, payInSheet, twin } from './support/payments';
import { sandboxGet, sandboxPost } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

const hospital = terminal('hospital');
const pharmacy = terminal('pharmacy');

/** A terminal's signed GET (empty body). */
async function terminalGet(s: Stack, path: string, t = hospital) {
  const ts = String(s.clock.now());
  const nonce = randomBytes(16).toString('hex');
  return s.api.request('GET', path, { headers: { 'x-terminal-id': t.id, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signRequest(t.secret, 'GET', path, ts, nonce, '') } });
}

const BILL = [
  { code: 'A1', name: '阿莫西林胶囊', category: 'drug_a', quantity: 2, amountFen: 20_000 },
  { code: 'B1', name: '乙类中成药', category: 'drug_b', quantity: 1, amountFen: 30_000 },
  { code: 'T1', name: '血常规检查', category: 'treatment', quantity: 1, amountFen: 10_000 },
  { code: 'S1', name: '自费营养品', category: 'self', quantity: 1, amountFen: 5_000 },
];

const medins = (s: Stack, path: string) => sandboxGet(s, `/sandbox/medins${path}`).then((r) => r.body);

describeDb('medical settlement (就医购药) from the terminal to the phone', () => {
  let s: Stack;
  let wang: Awaited<ReturnType<typeof withEcard>>;
  let liu: Awaited<ReturnType<typeof withEcard>>;
  let settlementId: string;

  const upload = async (holder: typeof wang, outBillNo: string, items = BILL, t = hospital) =>
    terminalPost(s, t, { qrcode: await qrFor(holder.client, holder.ecard.id), busiType: '04', outBillNo, items }, { path: '/terminal/v1/medical-bills' });

  beforeAll(async () => {
    s = await startStack({ logLevel: 'warn' });
    wang = await withEcard(s, 'adult-active');
    liu = await withEcard(s, 'adult-second-guardian');
    await twin(s, 'POST', '/config', { refundDelayMs: 0 });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('pre-settles a bill into fund, personal account and self-pay by the platform’s deductible and ratios', async () => {
    const r = await upload(wang, 'HOSP-20261129-0001');
    expect(r.status).toBe(200);
    // A1: ¥200 all under the ¥300 deductible. B1: 90 % eligible = ¥270, ¥100 of deductible left, 60 % of ¥170 = ¥102.
    // T1: 50 % of ¥100 = ¥50. Fund ¥152; the account pays the rest of the eligible ¥570 (¥418); self-pay ¥80.
    expect(r.body.data).toMatchObject({ status: 'WAITING', totalFen: 65_000, fundFen: 15_200, accountFen: 41_800, selfPayFen: 8_000, holderMasked: '3702**********2027' });
    settlementId = r.body.data.settlementId;
  });

  it('answers a repeated upload with the first result and refuses the same bill number with other items', async () => {
    const again = await terminalPost(s, hospital, { qrcode: 'E1.used-or-not-does-not-matter', busiType: '04', outBillNo: 'HOSP-20261129-0001', items: BILL }, { path: '/terminal/v1/medical-bills' });
    expect([again.status, again.body.data?.settlementId]).toEqual([200, settlementId]);
    const other = await terminalPost(s, hospital, { qrcode: 'E1.x', busiType: '04', outBillNo: 'HOSP-20261129-0001', items: BILL.slice(1) }, { path: '/terminal/v1/medical-bills' });
    expect([other.status, other.body.code]).toEqual([409, 'MEDICAL_BILL_CONFLICT']);
  });

  it('answers ten concurrent uploads of one bill with one settlement', async () => {
    const qrcode = await qrFor(liu.client, liu.ecard.id);
    const body = { qrcode, busiType: '04', outBillNo: 'HOSP-RACE-0001', items: BILL.slice(0, 1) };
    const rs = await Promise.all(Array.from({ length: 10 }, () => terminalPost(s, hospital, body, { path: '/terminal/v1/medical-bills' })));
    expect(rs.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(rs.map((r) => r.body.data.settlementId)).size).toBe(1);
    expect(await s.app.services.medical.service.repo.countBy({ outBillNo: 'HOSP-RACE-0001' })).toBe(1);
    await liu.client.post(`/api/v1/medical/settlements/${rs[0].body.data.settlementId}/decline`, {});
  });

  it('shows the settlement to its resident only: anyone else can neither see nor confirm it', async () => {
    expect((await liu.client.get('/api/v1/medical/settlements/pending')).body.data.items).toEqual([]);
    const seen = await liu.client.get(`/api/v1/medical/settlements/${settlementId}`);
    expect([seen.status, seen.body.code]).toEqual([404, 'MEDICAL_SETTLEMENT_NOT_FOUND']);
    const confirmed = await liu.client.post(`/api/v1/medical/settlements/${settlementId}/confirm`, { provider: 'wechatpay', clientOperationId: opId() });
    expect([confirmed.status, confirmed.body.code]).toEqual([404, 'MEDICAL_SETTLEMENT_NOT_FOUND']);
    const declined = await liu.client.post(`/api/v1/medical/settlements/${settlementId}/decline`, {});
    expect(declined.status).toBe(404);
    // Another terminal does not see the hospital's bill either.
    expect((await terminalGet(s, '/terminal/v1/medical-bills/HOSP-20261129-0001', pharmacy)).status).toBe(404);
  });

  it('charges the self-pay part when the resident confirms, then the terminal sees SETTLED and the platform is settled', async () => {
    const pending = (await wang.client.get('/api/v1/medical/settlements/pending')).body.data.items;
    expect(pending).toEqual([expect.objectContaining({ id: settlementId, fundFen: 15_200, accountFen: 41_800, selfPayFen: 8_000, status: 'PENDING' })]);
    const res = await wang.client.post(`/api/v1/medical/settlements/${settlementId}/confirm`, { provider: 'wechatpay', clientOperationId: opId() });
    expect(res.status).toBe(200);
    expect(res.body.data.settlement.status).toBe('CONFIRMING');
    expect(res.body.data.checkout.order).toMatchObject({ amountFen: 8_000, kind: 'medical_self_pay' });
    expect((await terminalGet(s, '/terminal/v1/medical-bills/HOSP-20261129-0001')).body.data.status).toBe('WAITING');
    await payInSheet(s, res.body.data.checkout.payment.requestPayment);
    const settled = await eventually(async () => {
      const t = await terminalGet(s, '/terminal/v1/medical-bills/HOSP-20261129-0001');
      return t.body.data.status === 'SETTLED' ? t.body.data : null;
    }, 'the terminal sees SETTLED');
    expect(settled.settledAt).not.toBeNull();
    const row = await s.app.services.medical.service.repo.findOneByOrFail({ id: settlementId });
    expect(await medins(s, `/settlements/${row.medinsSettleNo}`)).toMatchObject({ status: 'SETTLED', selfPaidFen: 8_000, payOrderNo: res.body.data.checkout.order.outTradeNo });
    expect(await medins(s, '/persons/adult-active')).toEqual({ deductibleUsedFen: 30_000, fundUsedFen: 15_200, accountBalanceFen: 86_450 - 41_800 });
    // A second confirmation is refused.
    const twice = await wang.client.post(`/api/v1/medical/settlements/${settlementId}/confirm`, { provider: 'wechatpay', clientOperationId: opId() });
    expect([twice.status, twice.body.code]).toEqual([409, 'MEDICAL_SETTLEMENT_NOT_PENDING']);
  });

  it('refunds along each part: fund and account back at the platform, self-pay back through WeChat Pay', async () => {
    const r = await terminalPost(s, hospital, { reason: '患者退药' }, { path: '/terminal/v1/medical-bills/HOSP-20261129-0001/refund' });
    expect(r.status).toBe(200);
    await eventually(async () => {
      await s.app.services.medical.service.workDue();
      return (await terminalGet(s, '/terminal/v1/medical-bills/HOSP-20261129-0001')).body.data.status === 'REFUNDED';
    }, 'the terminal sees REFUNDED', 15_000);
    const row = await s.app.services.medical.service.repo.findOneByOrFail({ id: settlementId });
    expect(await medins(s, `/settlements/${row.medinsSettleNo}`)).toMatchObject({ status: 'REFUNDED' });
    expect(await medins(s, '/persons/adult-active')).toEqual({ deductibleUsedFen: 0, fundUsedFen: 0, accountBalanceFen: 86_450 });
    const order = await s.app.services.payments.store.orders.findOneByOrFail({ id: row.orderId! });
    expect([order.status, order.refundedFen]).toEqual(['REFUNDED', 8_000]);
    // A repeat of the refund request answers the same, a refund of an unknown bill is 404.
    expect((await terminalPost(s, hospital, { reason: '患者退药' }, { path: '/terminal/v1/medical-bills/HOSP-20261129-0001/refund' })).body.data.status).toBe('REFUNDED');
    expect((await terminalPost(s, hospital, { reason: 'x' }, { path: '/terminal/v1/medical-bills/NOPE-000001/refund' })).status).toBe(404);
  }, 30_000);

  it('reverses a bill nobody confirmed in time, and one confirmed but never paid', async () => {
    const a = await upload(liu, 'PHAR-0001', BILL.slice(0, 2), pharmacy);
    const b = await upload(liu, 'PHAR-0002', BILL.slice(2), pharmacy);
    const before = await medins(s, '/persons/adult-second-guardian');
    expect(before.accountBalanceFen).toBeLessThan(12_000);
    const confirmed = await liu.client.post(`/api/v1/medical/settlements/${b.body.data.settlementId}/confirm`, { provider: 'wechatpay', clientOperationId: opId() });
    expect(confirmed.status).toBe(200);
    // Time passes (the TTL is config; moving the deadline stands in for waiting).
    await s.db.ds.query('UPDATE medical_settlement SET expires_at = ? WHERE terminal_id = ?', ['2000-01-01 00:00:00.000', pharmacy.id]);
    await s.app.services.medical.service.sweep();
    await eventually(async () => {
      await s.app.services.medical.service.workDue();
      const sa = (await terminalGet(s, '/terminal/v1/medical-bills/PHAR-0001', pharmacy)).body.data;
      const sb = (await terminalGet(s, '/terminal/v1/medical-bills/PHAR-0002', pharmacy)).body.data;
      return sa.status === 'REVERSED' && sb.status === 'REVERSED' ? [sa, sb] : null;
    }, 'both reversed').then(([sa, sb]) => {
      expect(sa.reason).toBe('TIMEOUT');
      expect(sb.reason).toBe('PAYMENT_CLOSED');
    });
    expect(await medins(s, '/persons/adult-second-guardian')).toEqual({ deductibleUsedFen: 0, fundUsedFen: 0, accountBalanceFen: 12_000 });
    const order = await s.app.services.payments.store.orders.findOneByOrFail({ id: confirmed.body.data.checkout.order.id });
    expect(order.status).toBe('CLOSED');
    expect((await liu.client.get('/api/v1/medical/settlements/pending')).body.data.items).toEqual([]);
  }, 30_000);

  it('follows the platform’s config, settles at once when nothing is self-paid, and reverses a declined bill', async () => {
    await sandboxPost(s, '/sandbox/medins/config', { deductibleFen: 0, categories: { drug_a: { eligiblePct: 100, fundPct: 80 } } });
    try {
      const r = await upload(liu, 'HOSP-0100', [{ code: 'A9', name: '甲类药', category: 'drug_a', quantity: 1, amountFen: 10_000 }]);
      expect(r.body.data).toMatchObject({ fundFen: 8_000, accountFen: 2_000, selfPayFen: 0 });
      const c = await liu.client.post(`/api/v1/medical/settlements/${r.body.data.settlementId}/confirm`, { provider: 'wechatpay', clientOperationId: opId() });
      expect([c.status, c.body.data.checkout, c.body.data.settlement.status]).toEqual([200, null, 'SETTLED']);
      expect((await terminalGet(s, '/terminal/v1/medical-bills/HOSP-0100')).body.data.status).toBe('SETTLED');

      const d = await upload(liu, 'HOSP-0101', [{ code: 'A9', name: '甲类药', category: 'drug_a', quantity: 1, amountFen: 5_000 }]);
      const declined = await liu.client.post(`/api/v1/medical/settlements/${d.body.data.settlementId}/decline`, {});
      expect(declined.body.data).toMatchObject({ status: 'REVERSED', reason: 'DECLINED' });
      expect((await terminalGet(s, '/terminal/v1/medical-bills/HOSP-0101')).body.data).toMatchObject({ status: 'REVERSED', reason: 'DECLINED' });
      const late = await liu.client.post(`/api/v1/medical/settlements/${d.body.data.settlementId}/confirm`, { provider: 'wechatpay', clientOperationId: opId() });
      expect([late.status, late.body.code]).toEqual([409, 'MEDICAL_SETTLEMENT_NOT_PENDING']);
    } finally {
      await sandboxPost(s, '/sandbox/medins/config', { reset: true });
    }
  });

  it('lets a guardian see and decide on the bill of a child whose code they showed, and no one else', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(FILES.jpeg)], { type: 'image/jpeg' }), 'hukou.jpg');
    const proof = (await (await fetch(`${s.baseUrl}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${wang.client.token}` }, body: form })).json()) as any;
    const child = persona('child');
    const added = await wang.client.post('/api/v1/family/members', { operationId: opId(), name: child.name, idType: child.idType, idNumber: child.idNumber, relationship: 'mother', proofKind: 'household_register', proofUploadId: proof.data.uploadId });
    expect(added.status).toBe(200);
    const wardCard = (await wang.client.get('/api/v1/family/members')).body.data.members[0].ecard;
    const r = await terminalPost(s, hospital, { qrcode: await qrFor(wang.client, wardCard.id), busiType: '04', outBillNo: 'HOSP-CHILD-0001', items: BILL.slice(0, 1) }, { path: '/terminal/v1/medical-bills' });
    expect(r.body.data.holderMasked).toBe('3702**********502X');
    const pending = (await wang.client.get('/api/v1/medical/settlements/pending')).body.data.items;
    expect(pending.map((p: any) => p.id)).toContain(r.body.data.settlementId);
    expect((await liu.client.get(`/api/v1/medical/settlements/${r.body.data.settlementId}`)).status).toBe(404);
    const declined = await wang.client.post(`/api/v1/medical/settlements/${r.body.data.settlementId}/decline`, {});
    expect(declined.body.data.status).toBe('REVERSED');
  });

  it('refuses medical bills from a terminal that is not a hospital or pharmacy', async () => {
    const r = await upload(wang, 'LIB-0001', BILL, terminal('library'));
    expect([r.status, r.body.code]).toEqual([400, 'MEDICAL_BILL_INVALID']);
  });
});
