import type { ManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';
import { Scheduler } from '../../src/lib/scheduler';
import type { ApiClient } from '../support/api-client';
import { checkoutExam, eventually, opId, orderStatus, payInSheet, twin } from '../support/payments';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

describeDb('every order ends in a final state: the closer and the late-callback chaser', () => {
  let s: Stack;
  let clock: ManualClock;
  let wang: ApiClient;
  let liu: ApiClient;
  let other: ApiClient;

  const sweep = () => s.app.services.payments.sweeper().runOnce();
  const events = (orderId: string) => s.db.ds.query('SELECT type, source FROM payment_event WHERE order_id = ? ORDER BY type', [orderId]);
  const fault = (target: string, mode: string, times: number) =>
    fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target, mode, times }) });

  beforeAll(async () => {
    s = await startStack({ clock: 'manual' });
    clock = s.clock as ManualClock;
    await twin(s, 'POST', '/config', { refundDelayMs: 0 });
    wang = await s.loginAs('adult-active');
    liu = await s.loginAs('adult-second-guardian');
    other = await s.loginAs('foreign-resident');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('closes an unpaid order once it expired, here and at WeChat Pay, and frees the bill for a new order', async () => {
    const { order, payment } = (await checkoutExam(wang, 'EXAM-HRM-3')).body.data;
    clock.advance(15 * 60_000 + 31_000);
    await sweep();
    const closed = (await wang.get(`/api/v1/payments/orders/${order.id}`)).body.data;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    expect((await twin(s, 'GET', `/transactions/${order.outTradeNo}`)).body.trade_state).toBe('CLOSED');
    expect((await payInSheet(s, payment.requestPayment)).body.code).toBe('ORDER_CLOSED');
    expect(await events(order.id)).toEqual([{ type: 'ORDER_CLOSED', source: 'closer' }]);
    const fresh = await checkoutExam(wang, 'EXAM-HRM-3');
    expect(fresh.status).toBe(200);
    expect(fresh.body.data.order.id).not.toBe(order.id);
  });

  it('finds a last-second payment whose notification never came, instead of closing the order', async () => {
    const { order, payment } = (await checkoutExam(liu, 'EXAM-HRM-3')).body.data;
    clock.advance(15 * 60_000 - 1000);
    await payInSheet(s, payment.requestPayment, { notify: false });
    clock.advance(32_000);
    await sweep();
    expect(await orderStatus(liu, order.id)).toBe('SUCCESS');
    expect(await events(order.id)).toEqual([{ type: 'ORDER_PAID', source: 'closer' }]);
  });

  it('asks WeChat Pay when a payment\'s notification is late, without waiting for the expiry', async () => {
    const { order, payment } = (await checkoutExam(wang, 'EXAM-ELEC-5')).body.data;
    await payInSheet(s, payment.requestPayment, { notify: false });
    await sweep();
    expect(await orderStatus(wang, order.id)).toBe('PAYING'); // not late yet
    clock.advance(61_000);
    const report = await sweep();
    expect(report.chased).toBeGreaterThanOrEqual(1);
    expect(await orderStatus(wang, order.id)).toBe('SUCCESS');
    expect(await events(order.id)).toEqual([{ type: 'ORDER_PAID', source: 'query' }]);
  });

  it('keeps an order whose prepay did not reach WeChat Pay retryable with the same tap, and closes it if never retried', async () => {
    await fault('wechatpay:jsapi', 'http500', 2);
    const op = opId();
    const failed = await checkoutExam(other, 'EXAM-ELDERCARE-4', op);
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('UPSTREAM_UNAVAILABLE');
    const [row] = await s.db.ds.query("SELECT id, status FROM payment_order WHERE client_operation_id = ?", [op]);
    expect(row.status).toBe('CREATED');
    const retried = await checkoutExam(other, 'EXAM-ELDERCARE-4', op);
    expect(retried.body.data.order).toMatchObject({ id: row.id, status: 'PAYING' });

    await fault('wechatpay:jsapi', 'http500', 2);
    const op2 = opId();
    expect((await checkoutExam(other, 'EXAM-ELEC-5', op2)).status).toBe(503);
    const [never] = await s.db.ds.query('SELECT id FROM payment_order WHERE client_operation_id = ?', [op2]);
    clock.advance(15 * 60_000 + 31_000);
    await sweep();
    const closed = await s.db.ds.query('SELECT status, close_reason FROM payment_order WHERE id = ?', [never.id]);
    expect(closed).toEqual([{ status: 'CLOSED', close_reason: 'expired, never placed' }]);
  });

  it('resubmits a refund that never reached WeChat Pay, and settles it', async () => {
    const { order, payment } = (await checkoutExam(await s.loginAs('hk-resident'), 'EXAM-HRM-3')).body.data;
    const hk = await s.loginAs('hk-resident');
    await payInSheet(s, payment.requestPayment);
    await eventually(async () => (await orderStatus(hk, order.id)) === 'SUCCESS', 'payment');
    await fault('wechatpay:refund', 'http500', 2);
    const r = await hk.post(`/api/v1/payments/orders/${order.id}/refunds`, { amountFen: 3000, reason: '部分退费', clientOperationId: opId() });
    expect(r.body.data.refund.status).toBe('PROCESSING');
    expect((await twin(s, 'GET', `/transactions/${order.outTradeNo}`)).body.refunds).toEqual([]);
    clock.advance(61_000);
    const report = await sweep();
    expect(report.refunds).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await hk.get(`/api/v1/payments/orders/${order.id}`)).body.data.refundedFen === 3000, 'the resubmitted refund');
    expect((await twin(s, 'GET', `/transactions/${order.outTradeNo}`)).body.refunds).toHaveLength(1);
  });

  it('gives the amount back when WeChat Pay closes a refund, and holds it when the refund is abnormal', async () => {
    const elder = await s.loginAs('elder');
    const { order, payment } = (await checkoutExam(elder, 'EXAM-HRM-3')).body.data;
    await payInSheet(s, payment.requestPayment);
    await eventually(async () => (await orderStatus(elder, order.id)) === 'SUCCESS', 'payment');
    await twin(s, 'POST', '/config', { refundOutcome: 'CLOSED' });
    const closed = (await elder.post(`/api/v1/payments/orders/${order.id}/refunds`, { amountFen: 5000, reason: '退费', clientOperationId: opId() })).body.data.refund;
    await eventually(async () => (await elder.get(`/api/v1/payments/orders/${order.id}`)).body.data.refunds[0].status === 'CLOSED', 'the refund to close');
    expect((await elder.get(`/api/v1/payments/orders/${order.id}`)).body.data).toMatchObject({ refundingFen: 0, refundableFen: 12000 });
    expect(closed.amountFen).toBe(5000);

    await twin(s, 'POST', '/config', { refundOutcome: 'ABNORMAL' });
    await elder.post(`/api/v1/payments/orders/${order.id}/refunds`, { amountFen: 12000, reason: '退费', clientOperationId: opId() });
    await eventually(async () => (await elder.get(`/api/v1/payments/orders/${order.id}`)).body.data.refunds.some((r: { status: string }) => r.status === 'ABNORMAL'), 'the abnormal refund');
    expect((await elder.get(`/api/v1/payments/orders/${order.id}`)).body.data).toMatchObject({ status: 'SUCCESS', refundingFen: 12000, refundableFen: 0 });
    expect(s.logs.text()).toContain('refund ABNORMAL');
    await twin(s, 'POST', '/config', { refundOutcome: 'SUCCESS' });
  });

  it('runs the sweep from the scheduler on the injected clock', async () => {
    const scheduler = new Scheduler(clock, createLogger('silent'));
    s.app.services.payments.schedule(scheduler, { sweepEveryMs: 30_000 });
    expect(await scheduler.runDue()).toEqual([]);
    const { order, payment } = (await checkoutExam(liu, 'EXAM-ELEC-5')).body.data;
    await payInSheet(s, payment.requestPayment, { notify: false });
    clock.advance(61_000);
    expect(await scheduler.runDue()).toEqual(['payments.sweep']);
    expect(await orderStatus(liu, order.id)).toBe('SUCCESS');
    expect(await scheduler.runDue()).toEqual([]); // next one 30 s later
  });
});
