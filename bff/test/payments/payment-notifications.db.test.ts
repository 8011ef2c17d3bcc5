import type { ApiClient } from '../support/api-client';
import { checkoutExam, eventually, orderStatus, payInSheet, twin } from '../support/payments';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

/** Posts a notification the twin built (as WeChat Pay would send it) to the BFF, untouched. */
async function post(s: Stack, built: { body: string; headers: Record<string, string> }) {
  const r = await fetch(`${s.baseUrl}/notify/wechatpay`, { method: 'POST', headers: built.headers, body: built.body });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

describeDb('WeChat Pay notifications at /notify/wechatpay', () => {
  let s: Stack;
  let wang: ApiClient;
  let liu: ApiClient;
  let paidHooks: string[];

  beforeAll(async () => {
    s = await startStack();
    paidHooks = [];
    s.app.services.payments.hooks.on('paid', async (c) => void paidHooks.push(c.order.id));
    await twin(s, 'POST', '/config', { refundDelayMs: 30 });
    wang = await s.loginAs('adult-active');
    liu = await s.loginAs('adult-second-guardian');
  });
  afterAll(async () => {
    await s?.close();
  });
  afterEach(async () => {
    await twin(s, 'DELETE', '/notify-faults');
  });

  /** An order paid at WeChat Pay whose notification the twin did not send. */
  async function paidQuietly(client: ApiClient, ref: string) {
    const { order, payment } = (await checkoutExam(client, ref)).body.data;
    expect((await payInSheet(s, payment.requestPayment, { notify: false })).body.result).toBe('paid');
    return order as { id: string; outTradeNo: string };
  }

  it('rejects forged, probe, tampered, replayed, unknown-key and undecryptable notifications before trusting them, and logs each', async () => {
    const order = await paidQuietly(wang, 'EXAM-HRM-3');
    const auditBefore = Number((await s.db.ds.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'payment.notify'"))[0].n);
    const expected = {
      forged: [401, 'BAD_SIGNATURE'],
      signtest: [401, 'BAD_SIGNATURE'],
      tampered: [401, 'BAD_SIGNATURE'],
      stale: [401, 'STALE_TIMESTAMP'],
      'unknown-serial': [401, 'UNKNOWN_SERIAL'],
      'bad-ciphertext': [400, 'DECRYPT_FAILED'],
    } as const;
    for (const [variant, [status, problem]] of Object.entries(expected)) {
      const built = (await twin(s, 'POST', '/notifications/build', { out_trade_no: order.outTradeNo, variant })).body;
      const r = await post(s, built);
      expect({ variant, status: r.status, code: r.body?.code }).toEqual({ variant, status, code: 'FAIL' });
      expect(s.logs.text()).toContain(`"problem":"${problem}"`);
    }
    const noHeaders = await fetch(`${s.baseUrl}/notify/wechatpay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"x"}' });
    expect(noHeaders.status).toBe(401);

    expect(await orderStatus(wang, order.id)).toBe('PAYING');
    expect(paidHooks).not.toContain(order.id);
    const audit = await s.db.ds.query("SELECT result, code FROM audit_log WHERE action = 'payment.notify'");
    expect(audit.length - auditBefore).toBe(7);
    expect(audit.every((a: { result: string }) => a.result === 'refused')).toBe(true);
    // The rejected log lines carry the problem and a hash of the body, never its content.
    const rejected = s.logs.entries().filter((e) => e.msg === 'payment notification rejected');
    expect(rejected).toHaveLength(7);
    expect(JSON.stringify(rejected)).not.toContain(order.outTradeNo);
    expect(JSON.stringify(rejected)).not.toContain('ciphertext');

    const genuine = (await twin(s, 'POST', '/notifications/build', { out_trade_no: order.outTradeNo })).body;
    expect((await post(s, genuine)).status).toBe(204);
    expect(await orderStatus(wang, order.id)).toBe('SUCCESS');
  });

  it('pays an order after WeChat Pay retries a first delivery that was forged in transit', async () => {
    await twin(s, 'POST', '/config', { notifyTimeScale: 1000 });
    await twin(s, 'POST', '/notify-faults', { event: 'TRANSACTION', mode: 'tampered', times: 1 });
    const { order, payment } = (await checkoutExam(liu, 'EXAM-ELEC-5')).body.data;
    await payInSheet(s, payment.requestPayment);
    await eventually(async () => (await orderStatus(liu, order.id)) === 'SUCCESS', 'the retried notification');
    const deliveries = (await twin(s, 'GET', `/deliveries?key=${order.outTradeNo}`)).body.deliveries;
    expect(deliveries.map((d: { variant: string; status: number }) => [d.variant, d.status])).toEqual([['tampered', 401], ['valid', 204]]);
    await twin(s, 'POST', '/config', { notifyTimeScale: 1 });
  });

  it('answers duplicates, including several copies at once, as done and pays the order exactly once', async () => {
    await twin(s, 'POST', '/notify-faults', { event: 'TRANSACTION', mode: 'duplicate', copies: 8, times: 1 });
    const { order, payment } = (await checkoutExam(wang, 'EXAM-ELDERCARE-4')).body.data;
    await payInSheet(s, payment.requestPayment);
    await eventually(async () => (await twin(s, 'GET', `/deliveries?key=${order.outTradeNo}`)).body.deliveries.length === 8 && true, 'eight copies');
    const statuses = (await twin(s, 'GET', `/deliveries?key=${order.outTradeNo}`)).body.deliveries.map((d: { status: number }) => d.status);
    expect(statuses).toEqual(Array(8).fill(204));
    const again = (await twin(s, 'POST', '/notifications/send', { out_trade_no: order.outTradeNo, copies: 5 })).body.statuses;
    expect(again).toEqual(Array(5).fill(204));
    expect(paidHooks.filter((id) => id === order.id)).toHaveLength(1);
    const events = await s.db.ds.query("SELECT COUNT(*) AS n FROM payment_event WHERE order_id = ? AND type = 'ORDER_PAID'", [order.id]);
    expect(Number(events[0].n)).toBe(1);
  });

  it('keeps a refund that overtook the payment notice: the late payment notice changes nothing', async () => {
    const other = await s.loginAs('foreign-resident');
    await twin(s, 'POST', '/notify-faults', { event: 'TRANSACTION', mode: 'hold', holdMs: 1500, times: 1 });
    const { order, payment } = (await checkoutExam(other, 'EXAM-HRM-3')).body.data;
    await payInSheet(s, payment.requestPayment);
    // The result page asks right away: the query finds it paid before any notice arrived.
    expect((await other.get(`/api/v1/payments/orders/${order.id}?sync=1`)).body.data.status).toBe('SUCCESS');
    const refund = await other.post(`/api/v1/payments/orders/${order.id}/refunds`, { reason: '考试取消', clientOperationId: 'op-refund-before-notice' });
    expect(refund.status).toBe(200);
    await eventually(async () => (await orderStatus(other, order.id)) === 'REFUNDED', 'the refund notice');
    await eventually(async () => (await twin(s, 'GET', `/deliveries?key=${order.outTradeNo}`)).body.deliveries.some((d: { eventType: string }) => d.eventType === 'TRANSACTION.SUCCESS'), 'the held payment notice', 5000);
    const deliveries = (await twin(s, 'GET', `/deliveries?key=${order.outTradeNo}`)).body.deliveries;
    expect(deliveries.find((d: { eventType: string }) => d.eventType === 'TRANSACTION.SUCCESS').status).toBe(204);
    expect(await orderStatus(other, order.id)).toBe('REFUNDED');
    const events = await s.db.ds.query('SELECT type, source FROM payment_event WHERE order_id = ? ORDER BY created_at, type', [order.id]);
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual(['ORDER_PAID', 'ORDER_REFUNDED', 'REFUND_SUCCEEDED']);
    expect(events.find((e: { type: string }) => e.type === 'ORDER_PAID').source).toBe('query');
  });

  it('does not mark an order paid when a genuine notice disagrees with it, and records the anomaly', async () => {
    const order = await paidQuietly(liu, 'EXAM-HRM-3');
    await s.db.ds.query('UPDATE payment_order SET amount_fen = 11999 WHERE id = ?', [order.id]);
    const sent = (await twin(s, 'POST', '/notifications/send', { out_trade_no: order.outTradeNo })).body.statuses;
    expect(sent).toEqual([204]); // acknowledged (a retry would say the same), but not applied
    expect(await orderStatus(liu, order.id)).toBe('PAYING');
    const anomaly = await s.db.ds.query("SELECT code FROM audit_log WHERE action = 'payment.anomaly' AND code = 'PAYMENT_MISMATCH'");
    expect(anomaly).toHaveLength(1);
  });

  it('asks for a retry (5xx) when the database fails, so no payment is lost', async () => {
    const order = await paidQuietly(await s.loginAs('hk-resident'), 'EXAM-HRM-3');
    const off = s.app.services.payments.hooks.on('paid', async () => {
      throw new Error('database write failed');
    });
    const first = (await twin(s, 'POST', '/notifications/send', { out_trade_no: order.outTradeNo })).body.statuses;
    off();
    expect(first).toEqual([500]);
    const row = await s.db.ds.query('SELECT status FROM payment_order WHERE id = ?', [order.id]);
    expect(row[0].status).toBe('PAYING'); // the hook's failure rolled the transition back
    expect((await twin(s, 'POST', '/notifications/send', { out_trade_no: order.outTradeNo })).body.statuses).toEqual([204]);
    expect((await s.db.ds.query('SELECT status FROM payment_order WHERE id = ?', [order.id]))[0].status).toBe('SUCCESS');
  });
});
