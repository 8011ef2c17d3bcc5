import type { ApiClient } from '../support/api-client';
import { checkoutExam, eventually, orderStatus } from '../support/payments';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

async function alipayTwin(s: Stack, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.sandboxUrl}/sandbox/alipay${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Posts a notification form the twin built to the BFF, as Alipay would. */
async function post(s: Stack, form: Record<string, string>) {
  const r = await fetch(`${s.baseUrl}/notify/alipay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(form).toString() });
  return { status: r.status, text: await r.text() };
}

describeDb('Alipay payments (alipay.trade.create, my.tradePay, /notify/alipay)', () => {
  let s: Stack;
  let wang: ApiClient;
  let paidHooks: string[];

  beforeAll(async () => {
    s = await startStack();
    paidHooks = [];
    s.app.services.payments.hooks.on('paid', async (c) => void paidHooks.push(c.order.id));
    wang = await s.loginAs('adult-active');
  });
  afterAll(async () => {
    await s?.close();
  });
  afterEach(async () => {
    await alipayTwin(s, 'DELETE', '/notify-faults');
  });

  async function placed(client: ApiClient, ref: string) {
    const r = await checkoutExam(client, ref, undefined, 'alipay');
    expect(r.status).toBe(200);
    expect(r.body.data.payment).toEqual({ provider: 'alipay', tradeNo: expect.stringMatching(/^\d{20,}$/) });
    return r.body.data as { order: { id: string; outTradeNo: string; amountFen: number }; payment: { tradeNo: string } };
  }

  it('pays an order once Alipay notifies, answers the text success, and refunds it', async () => {
    const { order, payment } = await placed(wang, 'EXAM-HRM-3');
    expect((await alipayTwin(s, 'POST', '/trade-pay', { tradeNo: payment.tradeNo, action: 'pay' })).body.resultCode).toBe('9000');
    await eventually(async () => (await orderStatus(wang, order.id)) === 'SUCCESS', 'the notification');
    const deliveries = (await alipayTwin(s, 'GET', '/deliveries')).body.filter((d: { outTradeNo: string }) => d.outTradeNo === order.outTradeNo);
    expect(deliveries.map((d: { status: number; answer: string }) => [d.status, d.answer])).toEqual([[200, 'success']]);
    const view = (await wang.get(`/api/v1/payments/orders/${order.id}`)).body.data;
    expect(view).toMatchObject({ provider: 'alipay', providerTransactionId: payment.tradeNo });

    const refund = await wang.post(`/api/v1/payments/orders/${order.id}/refunds`, { reason: '考试取消', clientOperationId: 'op-alipay-refund-1' });
    expect(refund.body.data.refund.status).toBe('SUCCESS');
    expect(refund.body.data.order.status).toBe('REFUNDED');
    expect((await alipayTwin(s, 'GET', `/trades/${order.outTradeNo}`)).body).toMatchObject({ status: 'TRADE_CLOSED', refundedFen: order.amountFen });
  });

  it('refuses forged, tampered, unsigned and other merchants\' notifications before using them, and logs each', async () => {
    const { order, payment } = await placed(wang, 'EXAM-ELEC-5');
    await alipayTwin(s, 'POST', '/trade-pay', { tradeNo: payment.tradeNo, notify: false });
    const expected = { forged: 'BAD_SIGNATURE', tampered: 'BAD_SIGNATURE', unsigned: 'MISSING_FIELDS', 'wrong-app': 'WRONG_APP', 'wrong-seller': 'WRONG_SELLER' } as const;
    for (const [variant, problem] of Object.entries(expected)) {
      const { form } = (await alipayTwin(s, 'POST', '/notifications/build', { out_trade_no: order.outTradeNo, variant })).body;
      const r = await post(s, form);
      expect({ variant, status: r.status, text: r.text }).toEqual({ variant, status: 400, text: 'fail' });
      expect(s.logs.text()).toContain(`"problem":"${problem}"`);
    }
    expect(await orderStatus(wang, order.id)).toBe('PAYING');
    expect(paidHooks).not.toContain(order.id);
    const audit = await s.db.ds.query("SELECT result, code FROM audit_log WHERE action = 'payment.notify' AND channel = 'alipay'");
    expect(audit.map((a: { code: string }) => a.code).sort()).toEqual(['BAD_SIGNATURE', 'BAD_SIGNATURE', 'MISSING_FIELDS', 'WRONG_APP', 'WRONG_SELLER']);
    expect(JSON.stringify(s.logs.entries().filter((e) => e.msg === 'payment notification rejected'))).not.toContain(order.outTradeNo);

    const { form } = (await alipayTwin(s, 'POST', '/notifications/build', { out_trade_no: order.outTradeNo })).body;
    expect(await post(s, form)).toEqual({ status: 200, text: 'success' });
    expect(await orderStatus(wang, order.id)).toBe('SUCCESS');
  });

  it('pays an order exactly once when Alipay sends many copies of its notification', async () => {
    await alipayTwin(s, 'POST', '/notify-faults', { mode: 'duplicate', copies: 6, times: 1 });
    const liu = await s.loginAs('adult-second-guardian');
    const { order, payment } = await placed(liu, 'EXAM-ELDERCARE-4');
    await alipayTwin(s, 'POST', '/trade-pay', { tradeNo: payment.tradeNo });
    const mine = async () => (await alipayTwin(s, 'GET', '/deliveries')).body.filter((d: { outTradeNo: string }) => d.outTradeNo === order.outTradeNo);
    await eventually(async () => (await mine()).length === 6, 'six copies');
    expect((await mine()).map((d: { answer: string }) => d.answer)).toEqual(Array(6).fill('success'));
    const { form } = (await alipayTwin(s, 'POST', '/notifications/build', { out_trade_no: order.outTradeNo })).body;
    expect((await Promise.all([post(s, form), post(s, form), post(s, form)])).map((r) => r.text)).toEqual(['success', 'success', 'success']);
    expect(paidHooks.filter((id) => id === order.id)).toHaveLength(1);
    const events = await s.db.ds.query("SELECT COUNT(*) AS n FROM payment_event WHERE order_id = ? AND type = 'ORDER_PAID'", [order.id]);
    expect(Number(events[0].n)).toBe(1);
  });

  it('finds a payment whose notification was lost by querying Alipay, and closes unpaid trades there on cancel', async () => {
    const other = await s.loginAs('foreign-resident');
    const { order, payment } = await placed(other, 'EXAM-HRM-3');
    await alipayTwin(s, 'POST', '/trade-pay', { tradeNo: payment.tradeNo, notify: false });
    expect((await other.get(`/api/v1/payments/orders/${order.id}?sync=1`)).body.data.status).toBe('SUCCESS');

    const second = await placed(other, 'EXAM-ELEC-5');
    expect((await other.post(`/api/v1/payments/orders/${second.order.id}/cancel`, {})).body.data.status).toBe('CLOSED');
    expect((await alipayTwin(s, 'GET', `/trades/${second.order.outTradeNo}`)).body.status).toBe('TRADE_CLOSED');
    expect((await alipayTwin(s, 'POST', '/trade-pay', { tradeNo: second.payment.tradeNo })).status).toBe(409);
  });
});
