import { FLEXIBLE_MEDICAL_FEN, FLEXIBLE_PENSION_FEN } from '../sandbox/hrss/bills.hrss-api';
import type { ApiClient } from './support/api-client';
import { eventually, opId, payInSheet, twin } from './support/payments';
import { withRosterSubjects } from './support/roster-subject-resolver';
import { sandboxGet, sandboxPost } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';
import { HrssClient } from '../src/adapters/hrss/hrss.client';
import { formatFeeReconReport, reconcileFeesWithHrss } from '../src/modules/fees/fee-reconciliation';

const hrssOf = (s: Stack) => new HrssClient(s.config.hrss, s.clock);

const MONTH_FEN = FLEXIBLE_PENSION_FEN + FLEXIBLE_MEDICAL_FEN;

async function download(s: Stack, token: string | undefined, path: string) {
  const res = await fetch(`${s.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const hrssBill = async (s: Stack, no: string) => (await sandboxGet(s, `/sandbox/hrss/bills/${no}`)).body;

describeDb('fees and contributions paid online', () => {
  let s: Stack;
  let liu: ApiClient; // 刘建华: flexible employment, guardian of 王小雨 and 刘子轩
  let wang: ApiClient; // 王海燕: exam and training fees
  let months: string[];
  let billNoOf: Record<string, string>;

  beforeAll(async () => {
    s = await startStack({ overrides: withRosterSubjects, logLevel: 'warn', env: { HRSS_TIMEOUT_MS: '400' } });
    liu = await s.loginAs('adult-second-guardian');
    wang = await s.loginAs('adult-active');
    const bills = await liu.get('/api/v1/fees/bills?kind=flexible');
    expect(bills.status).toBe(200);
    months = bills.body.data.items.map((b: any) => b.period).sort();
    billNoOf = Object.fromEntries(bills.body.data.items.map((b: any) => [b.period, b.billNo]));
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('lists the open flexible-employment months with pension and medical parts, and a ward’s resident premium', async () => {
    expect(months).toHaveLength(4);
    const first = (await liu.get('/api/v1/fees/bills?kind=flexible')).body.data.items.find((b: any) => b.period === months[0]);
    expect(first).toMatchObject({ kind: 'flexible', amountFen: MONTH_FEN, status: 'unpaid', paidOrderId: null });
    expect(first.parts.map((p: any) => p.amountFen)).toEqual([FLEXIBLE_PENSION_FEN, FLEXIBLE_MEDICAL_FEN]);
    const child = await liu.get('/api/v1/fees/bills?for=persona:child');
    expect(child.body.data.items).toEqual([expect.objectContaining({ kind: 'resident_medical', period: '2027', amountFen: 40_000 })]);
    expect(child.body.data.holderMaskedId).toMatch(/^3702\*+502X$/);
  });

  it('refuses a later month while an earlier one is unpaid, and bills of someone else', async () => {
    const gap = await liu.post('/api/v1/fees/orders', { billNos: [billNoOf[months[1]]], provider: 'wechatpay', clientOperationId: opId() });
    expect([gap.status, gap.body.code]).toEqual([400, 'FEE_BILLS_PICK_INVALID']);
    const foreign = await wang.post('/api/v1/fees/orders', { billNos: [billNoOf[months[0]]], provider: 'wechatpay', clientOperationId: opId() });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'FEE_BILL_NOT_FOUND']);
  });

  it('charges what HRSS says whatever the client sends, and no one can pay another person’s pick', async () => {
    const op = opId();
    const res = await liu.post('/api/v1/fees/orders', { billNos: [billNoOf[months[0]]], provider: 'wechatpay', clientOperationId: op, amountFen: 1 });
    expect(res.status).toBe(200);
    expect(res.body.data.order.amountFen).toBe(MONTH_FEN);
    // Someone else naming the same pick through the generic payments API gets nothing to pay.
    const stolen = await wang.post('/api/v1/payments/orders', { payableType: 'hrss-bill', payableRef: res.body.data.order.payableRef, provider: 'wechatpay', clientOperationId: opId() });
    expect([stolen.status, stolen.body.code]).toEqual([404, 'PAYABLE_NOT_FOUND']);
    // The same tap again answers the same order; the bill cannot go into a second order meanwhile.
    const again = await liu.post('/api/v1/fees/orders', { billNos: [billNoOf[months[0]]], provider: 'wechatpay', clientOperationId: op });
    expect(again.body.data.order.id).toBe(res.body.data.order.id);
    const second = await liu.post('/api/v1/fees/orders', { billNos: [billNoOf[months[0]]], provider: 'wechatpay', clientOperationId: opId() });
    expect([second.status, second.body.code]).toEqual([409, 'PAYMENT_IN_PROGRESS']);
    // Cancelling frees the bill for a new order.
    expect((await liu.post(`/api/v1/payments/orders/${res.body.data.order.id}/cancel`, {})).status).toBe(200);
  });

  it('pays two months once, HRSS marks them paid with our order number even when the paid hook and the forwarder fail first', async () => {
    let hookFailures = 1;
    const off = s.app.services.payments.hooks.on('paid', async () => {
      if (hookFailures-- > 0) throw new Error('lost the database connection in the hook');
    }, { payableType: 'hrss-bill' });
    // HRSS books the first bills.pay but its answer never reaches us: the forwarder must send it again.
    await sandboxPost(s, '/sandbox/faults', { target: 'hrss:bills.pay', mode: 'timeout', delayMs: 1_000, times: 1 });
    const pick = [billNoOf[months[1]], billNoOf[months[0]]];
    const res = await liu.post('/api/v1/fees/orders', { billNos: pick, provider: 'wechatpay', clientOperationId: opId() });
    expect(res.status).toBe(200);
    const order = res.body.data.order;
    expect(order).toMatchObject({ amountFen: 2 * MONTH_FEN, kind: 'contribution', payableType: 'hrss-bill' });
    expect(order.description).toContain('共2个月');
    await twin(s, 'POST', '/config', { notifyTimeScale: 1000 });
    expect((await payInSheet(s, res.body.data.payment.requestPayment)).status).toBe(200);
    // The first notification's hook threw (rolled back); WeChat Pay's retry pays it.
    await eventually(async () => (await liu.get(`/api/v1/payments/orders/${order.id}`)).body.data.status === 'SUCCESS', 'the order paid', 20_000);
    off();
    const forwarder = s.app.services.fees.forwarder;
    await eventually(async () => {
      await forwarder.runOnce();
      const rows = await s.app.services.fees.service.outbox.findBy({ feeOrderId: order.payableRef });
      return rows.length === 1 && rows[0].status === 'DONE' ? rows : null;
    }, 'HRSS told', 20_000).catch(async (err) => {
      // The retry waits its backoff: make it due now rather than sleeping in a test.
      await s.db.ds.query('UPDATE fee_outbox SET next_attempt_at = ?', ['2000-01-01 00:00:00.000']);
      await forwarder.runOnce();
      if ((await s.app.services.fees.service.outbox.findBy({ feeOrderId: order.payableRef, status: 'DONE' })).length !== 1) throw err;
    });
    for (const no of pick) expect(await hrssBill(s, no)).toMatchObject({ status: 'paid', paidOrderNo: order.outTradeNo });
    // The lost answer was sent again (HRSS answered bills.pay more than once) and nothing was booked twice.
    await eventually(async () => (await hrssBill(s, pick[0])).payCalls >= 2, 'the lost bills.pay answered too');
    expect(await hrssBill(s, pick[0])).toMatchObject({ status: 'paid', paidOrderNo: order.outTradeNo });
    expect(hookFailures).toBe(-1);
    const outbox = await s.app.services.fees.service.outbox.findBy({ feeOrderId: order.payableRef });
    expect(outbox.map((r) => [r.action, r.status])).toEqual([['pay', 'DONE']]);
    // Running the forwarder again sends nothing more.
    expect(await forwarder.runOnce()).toBe(0);

    const bills = (await liu.get('/api/v1/fees/bills?kind=flexible')).body.data.items;
    expect(bills.filter((b: any) => b.status === 'paid').map((b: any) => b.paidOrderId)).toEqual([order.id, order.id]);
    const twice = await liu.post('/api/v1/fees/orders', { billNos: [billNoOf[months[0]]], provider: 'wechatpay', clientOperationId: opId() });
    expect([twice.status, twice.body.code]).toEqual([409, 'PAYABLE_ALREADY_PAID']);
  }, 60_000);

  it('lets only one of ten concurrent orders take the same bill', async () => {
    const bill = (await wang.get('/api/v1/fees/bills?kind=training')).body.data.items[0];
    const rs = await Promise.all(Array.from({ length: 10 }, () => wang.post('/api/v1/fees/orders', { billNos: [bill.billNo], provider: 'wechatpay', clientOperationId: opId() })));
    const ok = rs.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(rs.filter((r) => r.status !== 200).map((r) => r.body.code)).toEqual(Array(9).fill('PAYMENT_IN_PROGRESS'));
    const [{ n }] = await s.db.ds.query('SELECT COUNT(*) AS n FROM fee_bill_claim WHERE bill_no = ?', [bill.billNo]);
    expect(Number(n)).toBe(1);
    expect((await wang.post(`/api/v1/payments/orders/${ok[0].body.data.order.id}/cancel`, {})).status).toBe(200);
  });

  it('answers a signed receipt PDF to the payer only', async () => {
    const receipts = (await liu.get('/api/v1/fees/receipts')).body.data.items;
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ amountFen: 2 * MONTH_FEN, hrssMarked: true, status: 'SUCCESS' });
    const path = `/api/v1/fees/receipts/${receipts[0].orderId}.pdf`;
    const pdf = await download(s, liu.token, path);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await download(s, wang.token, path)).status).toBe(404);
    expect((await download(s, undefined, path)).status).toBe(401);
  });

  it('refunds an exam fee and HRSS reverses the bill; a contribution cannot be refunded online', async () => {
    const bills = (await wang.get('/api/v1/fees/bills?kind=exam')).body.data.items;
    const exam = bills[0];
    const res = await wang.post('/api/v1/fees/orders', { billNos: [exam.billNo], provider: 'wechatpay', clientOperationId: opId() });
    expect(res.body.data.order).toMatchObject({ amountFen: exam.amountFen, kind: 'exam_fee' });
    await payInSheet(s, res.body.data.payment.requestPayment);
    const orderId = res.body.data.order.id;
    await eventually(async () => (await wang.get(`/api/v1/payments/orders/${orderId}`)).body.data.status === 'SUCCESS', 'exam paid');
    await eventually(async () => {
      await s.app.services.fees.forwarder.runOnce();
      return (await hrssBill(s, exam.billNo)).status === 'paid';
    }, 'HRSS marks the exam paid');
    await twin(s, 'POST', '/config', { refundDelayMs: 0 });
    const refund = await wang.post(`/api/v1/payments/orders/${orderId}/refunds`, { reason: '不参加考试', clientOperationId: opId() });
    expect(refund.status).toBe(200);
    await eventually(async () => (await wang.get(`/api/v1/payments/orders/${orderId}`)).body.data.status === 'REFUNDED', 'refunded', 15_000);
    await eventually(async () => {
      await s.app.services.fees.forwarder.runOnce();
      return (await hrssBill(s, exam.billNo)).status === 'unpaid';
    }, 'HRSS reverses the exam bill');

    const contribution = (await liu.get('/api/v1/fees/receipts')).body.data.items[0];
    const refused = await liu.post(`/api/v1/payments/orders/${contribution.orderId}/refunds`, { reason: '误缴', clientOperationId: opId() });
    expect([refused.status, refused.body.code]).toEqual([409, 'REFUND_NOT_ALLOWED']);
  }, 60_000);

  it('reconciles the day: our paid fee orders match HRSS, and a bill marked paid there by an unknown order is found', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const clean = await reconcileFeesWithHrss(s.db.ds, hrssOf(s), today);
    expect([clean.matched, clean.mismatches]).toEqual([1, []]);
    // Someone books a month at HRSS with an order number we never issued.
    await hrssOf(s).payBills({ billNos: [billNoOf[months[3]]], orderNo: 'QFOREIGN0000001', amountFen: MONTH_FEN, paidAt: new Date().toISOString() });
    const planted = await reconcileFeesWithHrss(s.db.ds, hrssOf(s), today);
    expect(planted.mismatches).toEqual([expect.objectContaining({ orderNo: 'QFOREIGN0000001', problem: 'missing_here' })]);
    expect(formatFeeReconReport(planted)).toContain('missing_here     QFOREIGN0000001');
  });

  it('gives the money back when HRSS says someone else paid the bill meanwhile', async () => {
    const res = await liu.post('/api/v1/fees/orders', { billNos: [billNoOf[months[2]]], provider: 'wechatpay', clientOperationId: opId() });
    const order = res.body.data.order;
    // Paid at a bank counter while the resident had the sheet open.
    await hrssOf(s).payBills({ billNos: [billNoOf[months[2]]], orderNo: 'QBANKCOUNTER0001', amountFen: MONTH_FEN, paidAt: new Date().toISOString() });
    await payInSheet(s, res.body.data.payment.requestPayment);
    await eventually(async () => (await liu.get(`/api/v1/payments/orders/${order.id}`)).body.data.status === 'SUCCESS', 'paid');
    await eventually(async () => {
      await s.app.services.fees.forwarder.runOnce();
      return (await liu.get(`/api/v1/payments/orders/${order.id}`)).body.data.status === 'REFUNDED';
    }, 'refunded in full', 15_000);
    expect(await hrssBill(s, billNoOf[months[2]])).toMatchObject({ status: 'paid', paidOrderNo: 'QBANKCOUNTER0001' });
    const [fo] = await s.db.ds.query('SELECT hrss_state FROM fee_order WHERE id = ?', [order.payableRef]);
    expect(fo.hrss_state).toBe('CONFLICT');
    // Nothing was queued to reverse at HRSS: the bill stays paid by the bank's order.
    expect((await s.app.services.fees.service.outbox.findBy({ feeOrderId: order.payableRef })).map((r) => r.action)).toEqual(['pay']);
  }, 30_000);
});
