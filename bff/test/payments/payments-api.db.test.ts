import { createPublicKey } from 'node:crypto';
import { verifyPaySign } from '../../src/adapters/wechat-pay/wechat-pay.crypto';
import type { PaymentHookContext } from '../../src/modules/payments/payment-hooks';
import credentials from '../../sandbox/credentials.json';
import type { ApiClient } from '../support/api-client';
import { checkoutExam, eventually, opId, orderStatus, payInSheet, twin } from '../support/payments';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

describeDb('paying a demo exam fee through the payments API', () => {
  let s: Stack;
  let wang: ApiClient;
  let liu: ApiClient;
  const paidHooks: PaymentHookContext[] = [];
  const refundHooks: PaymentHookContext[] = [];

  beforeAll(async () => {
    s = await startStack();
    s.app.services.payments.hooks.on('paid', async (c) => void paidHooks.push(c));
    s.app.services.payments.hooks.on('refunded', async (c) => void refundHooks.push(c));
    await twin(s, 'POST', '/config', { refundDelayMs: 50 });
    wang = await s.loginAs('adult-active');
    liu = await s.loginAs('adult-second-guardian');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists the exam fees a resident can pay, with amounts from the server', async () => {
    const r = await wang.get('/api/v1/payments/payables');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ payableType: 'demo-exam-fee', ref: 'EXAM-HRM-3', amountFen: 12000, refundable: true, paidOrderId: null })]),
    );
  });

  it('refuses to list or pay without a session', async () => {
    expect((await s.api.get('/api/v1/payments/payables')).body.code).toBe('UNAUTHENTICATED');
    expect((await checkoutExam(s.api)).status).toBe(401);
  });

  let orderId: string;
  let requestPayment: Record<string, string>;

  it('creates an order, places it at WeChat Pay and returns requestPayment parameters signed with the merchant key', async () => {
    const r = await checkoutExam(wang, 'EXAM-HRM-3');
    expect(r.status).toBe(200);
    const { order, payment } = r.body.data;
    expect(order).toMatchObject({ status: 'PAYING', amountFen: 12000, kind: 'exam_fee', description: '企业人力资源管理师（三级）考试费', provider: 'wechatpay' });
    expect(order.outTradeNo).toMatch(/^[0-9A-Za-z_\-|*]{6,32}$/);
    expect(payment.provider).toBe('wechatpay');
    requestPayment = payment.requestPayment;
    expect(requestPayment).toMatchObject({ appId: credentials.wechatPay.appid, signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    expect(verifyPaySign(createPublicKey(credentials.wechatPay.merchantPublicKey), requestPayment as never)).toBe(true);
    orderId = order.id;
    const atTwin = await twin(s, 'GET', `/transactions/${order.outTradeNo}`);
    expect(atTwin.body).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 12000 } });
  });

  it('answers a retried tap (same operation id) and a second tap on the same bill with the same open order', async () => {
    const op = opId();
    const first = await checkoutExam(wang, 'EXAM-HRM-3', op);
    const retry = await checkoutExam(wang, 'EXAM-HRM-3', op);
    expect(first.body.data.order.id).toBe(orderId);
    expect(retry.body.data.order.id).toBe(orderId);
    expect(retry.body.data.payment.requestPayment.package).toBe(requestPayment.package);
    const count = await s.db.ds.query("SELECT COUNT(*) AS n FROM payment_order WHERE payable_ref = 'EXAM-HRM-3'");
    expect(Number(count[0].n)).toBe(1);
  });

  it('refuses an operation id reused for something else', async () => {
    const op = opId();
    await checkoutExam(wang, 'EXAM-ELEC-5', op);
    const r = await checkoutExam(wang, 'EXAM-ELDERCARE-4', op);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('hides one resident\'s order from another (404, as if it did not exist)', async () => {
    const r = await liu.get(`/api/v1/payments/orders/${orderId}`);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('PAYMENT_ORDER_NOT_FOUND');
    expect((await liu.post(`/api/v1/payments/orders/${orderId}/refunds`, { reason: 'x', clientOperationId: opId() })).status).toBe(404);
  });

  it('becomes SUCCESS once the payer pays in the sheet and WeChat Pay\'s notification arrives, with the paid hook run once', async () => {
    const paid = await payInSheet(s, requestPayment);
    expect(paid.body.result).toBe('paid');
    await eventually(async () => (await orderStatus(wang, orderId)) === 'SUCCESS', 'the payment notification');
    const order = (await wang.get(`/api/v1/payments/orders/${orderId}`)).body.data;
    expect(order).toMatchObject({ status: 'SUCCESS', refundableFen: 12000, refundAllowed: true, providerTransactionId: expect.stringMatching(/^4200/) });
    expect(paidHooks.filter((h) => h.order.id === orderId)).toHaveLength(1);
    const events = await s.db.ds.query('SELECT type, source FROM payment_event WHERE order_id = ?', [orderId]);
    expect(events).toEqual([{ type: 'ORDER_PAID', source: 'notify' }]);
  });

  it('refuses to take a second payment for the same exam', async () => {
    const r = await checkoutExam(wang, 'EXAM-HRM-3');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('PAYABLE_ALREADY_PAID');
    const again = await wang.post(`/api/v1/payments/orders/${orderId}/pay`);
    expect(again.body.data.payment).toBeNull();
    const list = await wang.get('/api/v1/payments/payables');
    expect(list.body.data.find((i: { ref: string }) => i.ref === 'EXAM-HRM-3').paidOrderId).toBe(orderId);
  });

  it('refunds part of the fee, then the rest, and never more than was paid', async () => {
    const over = await wang.post(`/api/v1/payments/orders/${orderId}/refunds`, { amountFen: 12001, reason: '报名信息有误', clientOperationId: opId() });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('REFUND_AMOUNT_EXCEEDED');

    const op = opId();
    const part = await wang.post(`/api/v1/payments/orders/${orderId}/refunds`, { amountFen: 2000, reason: '部分科目免考', clientOperationId: op });
    expect(part.status).toBe(200);
    expect(part.body.data.refund).toMatchObject({ amountFen: 2000, status: 'PROCESSING' });
    expect(part.body.data.order).toMatchObject({ status: 'SUCCESS', refundingFen: 2000, refundableFen: 10000 });
    const retried = await wang.post(`/api/v1/payments/orders/${orderId}/refunds`, { amountFen: 2000, reason: '部分科目免考', clientOperationId: op });
    expect(retried.body.data.refund.id).toBe(part.body.data.refund.id);

    await eventually(async () => (await wang.get(`/api/v1/payments/orders/${orderId}`)).body.data.refundedFen === 2000, 'the refund notification');
    const mid = (await wang.get(`/api/v1/payments/orders/${orderId}`)).body.data;
    expect(mid).toMatchObject({ status: 'SUCCESS', refundedFen: 2000, refundingFen: 0, refundableFen: 10000 });
    expect(mid.refunds).toEqual([expect.objectContaining({ amountFen: 2000, status: 'SUCCESS', succeededAt: expect.any(String) })]);

    const rest = await wang.post(`/api/v1/payments/orders/${orderId}/refunds`, { reason: '不参加考试', clientOperationId: opId() });
    expect(rest.body.data.refund.amountFen).toBe(10000);
    await eventually(async () => (await orderStatus(wang, orderId)) === 'REFUNDED', 'the full refund');
    const done = (await wang.get(`/api/v1/payments/orders/${orderId}`)).body.data;
    expect(done).toMatchObject({ status: 'REFUNDED', refundedFen: 12000, refundableFen: 0, refundAllowed: false });
    expect(refundHooks.filter((h) => h.order.id === orderId).map((h) => h.fullyRefunded)).toEqual([false, true]);

    const more = await wang.post(`/api/v1/payments/orders/${orderId}/refunds`, { amountFen: 1, reason: '再退一分', clientOperationId: opId() });
    expect(more.body.code).toBe('ORDER_NOT_REFUNDABLE');
    const atTwin = await twin(s, 'GET', `/transactions/${done.outTradeNo}`);
    expect(atTwin.body.refunded_fen).toBe(12000);
  });

  it('lets the exam be paid again once the first payment was fully refunded', async () => {
    const r = await checkoutExam(wang, 'EXAM-HRM-3');
    expect(r.status).toBe(200);
    expect(r.body.data.order.id).not.toBe(orderId);
  });

  it('cancels an unpaid order at WeChat Pay first, after which the sheet can no longer pay it', async () => {
    const created = (await checkoutExam(liu, 'EXAM-ELDERCARE-4')).body.data;
    const cancelled = await liu.post(`/api/v1/payments/orders/${created.order.id}/cancel`);
    expect(cancelled.body.data.status).toBe('CLOSED');
    expect((await twin(s, 'GET', `/transactions/${created.order.outTradeNo}`)).body.trade_state).toBe('CLOSED');
    const sheet = await liu.post('/api/v1/sandbox/payments/complete', { orderId: created.order.id, requestPayment: created.payment.requestPayment });
    expect(sheet.body.code).toBe('PAYMENT_ORDER_CLOSED');
    const pay = await liu.post(`/api/v1/payments/orders/${created.order.id}/pay`);
    expect(pay.body.code).toBe('PAYMENT_ORDER_CLOSED');
  });

  it('lists my orders newest first, filtered and paged', async () => {
    const all = await wang.get('/api/v1/payments/orders?limit=2');
    expect(all.status).toBe(200);
    expect(all.body.data.items).toHaveLength(2);
    expect(all.body.data.nextCursor).toBe(all.body.data.items[1].id);
    const next = await wang.get(`/api/v1/payments/orders?limit=2&before=${all.body.data.nextCursor}`);
    const ids = [...all.body.data.items, ...next.body.data.items].map((o: { id: string }) => o.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const refunded = await wang.get('/api/v1/payments/orders?status=refunded');
    expect(refunded.body.data.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    const others = await liu.get('/api/v1/payments/orders');
    expect(others.body.data.items.map((o: { id: string }) => o.id)).not.toContain(orderId);
  });

  it('documents the payments API in /openapi.json, but not the WeChat Pay callback (WeChat Pay\'s own format)', async () => {
    const doc = (await s.api.get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/payments/orders', '/api/v1/payments/orders/{orderId}/refunds', '/api/v1/payments/payables']));
    expect(doc.paths['/notify/wechatpay']).toBeUndefined();
  });

  it('says plainly when a bill is already being paid another way, and when a payable does not exist', async () => {
    // EXAM-ELEC-5 has an open WeChat Pay order: a second one through Alipay would risk paying twice.
    const alipay = await checkoutExam(wang, 'EXAM-ELEC-5', opId(), 'alipay');
    expect(alipay.status).toBe(409);
    expect(alipay.body.code).toBe('PAYMENT_IN_PROGRESS');
    const nothing = await wang.post('/api/v1/payments/orders', { payableType: 'demo-exam-fee', payableRef: 'EXAM-NOPE', provider: 'wechatpay', clientOperationId: opId() });
    expect(nothing.status).toBe(404);
    expect(nothing.body.code).toBe('PAYABLE_NOT_FOUND');
    const bad = await wang.post('/api/v1/payments/orders', { payableType: 'demo-exam-fee', payableRef: 'EXAM-HRM-3', provider: 'wechatpay', clientOperationId: 'x' });
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
