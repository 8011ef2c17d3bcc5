import { inTransaction } from '../../src/db/transaction';
import { ManualClock } from '../../src/lib/clock';
import { newId } from '../../src/lib/ids';
import { PaymentHooks } from '../../src/modules/payments/payment-hooks';
import { PaymentOrder } from '../../src/modules/payments/payment-order.entity';
import { PaymentStore } from '../../src/modules/payments/payment.store';
import { newOutRefundNo, newOutTradeNo } from '../../src/modules/payments/trade-numbers';
import { createTestDatabase, describeDb, type TestDatabase } from '../support/test-db';

describeDb('payment transitions guarded in the database', () => {
  let t: TestDatabase;
  let store: PaymentStore;
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 2));
  const hooks = new PaymentHooks();

  beforeAll(async () => {
    t = await createTestDatabase();
    store = new PaymentStore(t.ds, clock, hooks);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function order(over: Partial<PaymentOrder> = {}): Promise<PaymentOrder> {
    const o = store.orders.create({
      id: newId(clock.now()), merchantId: 'QD-TEST', outTradeNo: newOutTradeNo(clock.now()), kind: 'exam_fee', payableType: 'test', payableRef: newId(),
      payerUserId: 'u-1', payerResidentId: null, description: '测试', amountFen: 50, refundedFen: 0, refundingFen: 0, provider: 'wechatpay', status: 'PAYING',
      providerTxnId: null, providerMchid: '1900012345', providerAppid: 'wx1', prepayId: 'wx-prepay', clientOperationId: newId(), activeKey: null,
      expiresAt: new Date(clock.now() + 900_000), paidAt: null, closedAt: null, closeReason: null, lastQueriedAt: null, createdAt: new Date(clock.now()),
      updatedAt: new Date(clock.now()), version: 1, ...over,
    });
    expect(await store.insertOrder(o)).not.toBeNull();
    return o;
  }

  it('keeps concurrent transactions apart: one rolling back never takes another\'s committed work with it', async () => {
    // better-sqlite3 has one connection; without the queue in inTransaction, B would run inside A's transaction and vanish with A's rollback.
    const a = await order();
    const b = await order();
    const slow = inTransaction(t.ds, async (m) => {
      await m.query("UPDATE payment_order SET description = 'A' WHERE id = ?", [a.id]);
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('A fails');
    });
    const fast = inTransaction(t.ds, async (m) => m.query("UPDATE payment_order SET description = 'B' WHERE id = ?", [b.id]));
    await expect(slow).rejects.toThrow('A fails');
    await fast;
    const rows = await t.ds.query('SELECT id, description FROM payment_order WHERE id IN (?, ?)', [a.id, b.id]);
    expect(Object.fromEntries(rows.map((r: { id: string; description: string }) => [r.id, r.description]))).toEqual({ [a.id]: '测试', [b.id]: 'B' });
  });

  it('lets exactly one of many racing "paid" and "closed" transitions win, with one event', async () => {
    for (let round = 0; round < 5; round++) {
      const o = await order();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 2 ? store.markPaid(o.id, { providerTxnId: `4200-${round}`, paidAt: clock.now(), source: 'notify' }) : store.markClosed(o.id, { reason: 'expired unpaid', source: 'closer' }),
        ),
      );
      expect(results.filter((r) => r.changed)).toHaveLength(1);
      const final = (await store.orders.findOneBy({ id: o.id }))!;
      const events = await store.events.findBy({ orderId: o.id });
      expect(events).toHaveLength(1);
      expect(events[0].type).toBe(final.status === 'SUCCESS' ? 'ORDER_PAID' : 'ORDER_CLOSED');
      expect(final.version).toBe(2);
    }
  });

  it('never reserves more refunds than was paid, however many ask at once', async () => {
    const o = await order({ status: 'SUCCESS', amountFen: 50, providerTxnId: '4200-r' });
    const reserved = await Promise.all(
      Array.from({ length: 80 }, () => store.reserveRefund(o, { amountFen: 1, reason: '退款', userId: 'u-1', clientOperationId: newId(), outRefundNo: newOutRefundNo(clock.now()) })),
    );
    expect(reserved.filter(Boolean)).toHaveLength(50);
    const after = (await store.orders.findOneBy({ id: o.id }))!;
    expect(after).toMatchObject({ refundingFen: 50, refundedFen: 0, status: 'SUCCESS' });
    const refunds = reserved.filter((r) => r !== null);
    // Settling them all (twice each, concurrently) refunds exactly the paid amount and ends REFUNDED once.
    const settled = await Promise.all(refunds.flatMap((r) => [1, 2].map(() => store.applyRefund(r.id, { outcome: 'succeeded', providerRefundId: `50-${r.id}`, source: 'notify' }))));
    expect(settled.filter((x) => x.changed)).toHaveLength(50);
    const done = (await store.orders.findOneBy({ id: o.id }))!;
    expect(done).toMatchObject({ status: 'REFUNDED', refundedFen: 50, refundingFen: 0 });
    const events = await store.events.findBy({ orderId: o.id, type: 'ORDER_REFUNDED' });
    expect(events).toHaveLength(1);
  });

  it('gives a closed refund\'s amount back and keeps an abnormal one held', async () => {
    const o = await order({ status: 'SUCCESS', amountFen: 100, providerTxnId: '4200-c' });
    const r1 = (await store.reserveRefund(o, { amountFen: 60, reason: '退款', userId: 'u-1', clientOperationId: newId(), outRefundNo: newOutRefundNo(clock.now()) }))!;
    expect(await store.reserveRefund(o, { amountFen: 41, reason: '退款', userId: 'u-1', clientOperationId: newId(), outRefundNo: newOutRefundNo(clock.now()) })).toBeNull();
    await store.applyRefund(r1.id, { outcome: 'closed', source: 'notify' });
    expect((await store.orders.findOneBy({ id: o.id }))!.refundingFen).toBe(0);
    const r2 = (await store.reserveRefund(o, { amountFen: 100, reason: '退款', userId: 'u-1', clientOperationId: newId(), outRefundNo: newOutRefundNo(clock.now()) }))!;
    await store.applyRefund(r2.id, { outcome: 'abnormal', source: 'notify' });
    expect((await store.orders.findOneBy({ id: o.id }))).toMatchObject({ refundingFen: 100, status: 'SUCCESS' });
    expect((await store.applyRefund(r2.id, { outcome: 'abnormal', source: 'notify' })).changed).toBe(false);
    await store.applyRefund(r2.id, { outcome: 'succeeded', source: 'query' });
    expect((await store.orders.findOneBy({ id: o.id }))).toMatchObject({ refundingFen: 0, refundedFen: 100, status: 'REFUNDED' });
  });

  it('refuses in the database itself what the rules forbid, whatever the code does', async () => {
    const o = await order({ status: 'SUCCESS', amountFen: 100 });
    await expect(t.ds.query('UPDATE payment_order SET refunded_fen = 101 WHERE id = ?', [o.id])).rejects.toThrow(/ck_payment_order_amounts|CHECK constraint/i);
    await expect(t.ds.query('UPDATE payment_order SET amount_fen = -1 WHERE id = ?', [o.id])).rejects.toThrow(/ck_payment_order_amounts|CHECK constraint/i);
    await expect(t.ds.query("UPDATE payment_order SET status = 'PAID' WHERE id = ?", [o.id])).rejects.toThrow(/ck_payment_order_status|CHECK constraint/i);
    const dup = store.orders.create({ ...o, id: newId(), clientOperationId: newId() });
    expect(await store.insertOrder(dup)).toBeNull(); // same merchant and out_trade_no
    const again = store.orders.create({ ...o, id: newId(), outTradeNo: newOutTradeNo(clock.now()) });
    expect(await store.insertOrder(again)).toBeNull(); // same payer and client operation
  });

  it('holds one open order per pay-once bill through the active key, freed when the order closes', async () => {
    const a = await order({ activeKey: 'test|BILL-1|r-1' });
    expect(await store.insertOrder(store.orders.create({ ...a, id: newId(), outTradeNo: newOutTradeNo(clock.now()), clientOperationId: newId() }))).toBeNull();
    await store.markClosed(a.id, { reason: 'cancelled by payer', source: 'user' });
    expect(await store.insertOrder(store.orders.create({ ...a, id: newId(), outTradeNo: newOutTradeNo(clock.now()), clientOperationId: newId(), status: 'CREATED' }))).not.toBeNull();
  });
});
