import http from 'node:http';
import type { PayableProvider } from '../../src/modules/payments/payables';
import type { ApiClient } from '../support/api-client';
import { eventually, opId, payInSheet, twin } from '../support/payments';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

/**
 * All 1,000 requests are started at once, but at most 100 sockets carry them: WeChat Pay's
 * notifier opens a bounded number of connections too, and on a loaded 2-core machine 1,000
 * simultaneous connects overflow the listen backlog (ECONNRESET) before the BFF sees them.
 */
const pool = new http.Agent({ keepAlive: true, maxSockets: 100 });
function postThroughPool(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: pool }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
afterAll(() => pool.destroy());

const ORDERS = 100;
const REFUNDED = 20;
const NOTICES_PER_ORDER = 10;

/** A payable with many distinct bills, as a contribution feature would have. */
const testBills: PayableProvider = {
  type: 'test-bill',
  async resolve(ref) {
    const n = Number(/^BILL-(\d{3})$/.exec(ref)?.[1]);
    if (!n) return null;
    return { kind: 'contribution', merchantId: 'QD-TEST', description: `测试账单 ${ref}`, amountFen: 1000 + n, oncePerPayer: true };
  },
  refundPolicy: () => ({ allowed: true }),
};

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function inBatches<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

describeDb('a storm of duplicate and out-of-order WeChat Pay callbacks', () => {
  let s: Stack;
  let payer: ApiClient;
  const paid: string[] = [];
  const refunded: string[] = [];
  /** Orders whose first `paid` hook fails (a feature's bug or a lost connection): that transaction must roll back alone. */
  const failOnce = new Set<string>();

  beforeAll(async () => {
    s = await startStack({ logLevel: 'warn' });
    s.app.services.payments.payables.register(testBills);
    s.app.services.payments.hooks.on('paid', async (c) => {
      if (failOnce.delete(c.order.id)) throw new Error('hook failed once');
    });
    s.app.services.payments.hooks.on('paid', async (c) => void paid.push(c.order.id));
    s.app.services.payments.hooks.on('refunded', async (c) => void refunded.push(c.order.id));
    await twin(s, 'POST', '/config', { autoNotify: false, refundDelayMs: 0 });
    payer = await s.loginAs('adult-active');
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it(`pays each of ${ORDERS} orders exactly once from ${ORDERS * NOTICES_PER_ORDER} concurrent callbacks, refunds before payments included`, async () => {
    const refs = Array.from({ length: ORDERS }, (_, i) => `BILL-${String(i + 1).padStart(3, '0')}`);
    const orders = await inBatches(refs, 10, async (ref) => {
      const r = await payer.post('/api/v1/payments/orders', { payableType: 'test-bill', payableRef: ref, provider: 'wechatpay', clientOperationId: opId() });
      expect(r.status).toBe(200);
      expect((await payInSheet(s, r.body.data.payment.requestPayment)).body.result).toBe('paid');
      return r.body.data.order as { id: string; outTradeNo: string };
    });

    // A fifth of the orders learn they are paid from a query and are refunded before any notice arrives.
    const early = orders.slice(0, REFUNDED);
    for (const o of early) {
      expect((await payer.get(`/api/v1/payments/orders/${o.id}?sync=1`)).body.data.status).toBe('SUCCESS');
      const refund = await payer.post(`/api/v1/payments/orders/${o.id}/refunds`, { reason: '重复缴费', clientOperationId: opId() });
      expect(refund.status).toBe(200);
    }
    await eventually(
      async () => (await Promise.all(early.map((o) => twin(s, 'GET', `/transactions/${o.outTradeNo}`)))).every((t) => t.body.refunds[0]?.status === 'SUCCESS'),
      'the refunds to settle at WeChat Pay',
    );

    // Every notice WeChat Pay could send, several times over, plus forgeries, all at once in random order.
    const build = (body: Record<string, unknown>) => twin(s, 'POST', '/notifications/build', body).then((r) => r.body as { body: string; headers: Record<string, string> });
    const jobs: Array<{ kind: 'valid' | 'forged'; body: string; headers: Record<string, string> }> = [];
    await inBatches(orders, 20, async (o) => {
      const isEarly = early.includes(o);
      const payments = isEarly ? NOTICES_PER_ORDER - 2 : NOTICES_PER_ORDER;
      for (let i = 0; i < payments; i++) jobs.push({ kind: 'valid', ...(await build({ out_trade_no: o.outTradeNo })) });
      if (isEarly) {
        const outRefundNo = (await twin(s, 'GET', `/transactions/${o.outTradeNo}`)).body.refunds[0].out_refund_no;
        for (let i = 0; i < 2; i++) jobs.push({ kind: 'valid', ...(await build({ out_refund_no: outRefundNo })) });
      }
      if (o === orders[orders.length - 1] || orders.indexOf(o) % 2 === 0) jobs.push({ kind: 'forged', ...(await build({ out_trade_no: o.outTradeNo, variant: 'forged' })) });
    });
    expect(jobs.filter((j) => j.kind === 'valid')).toHaveLength(ORDERS * NOTICES_PER_ORDER);
    const failing = orders.slice(REFUNDED).filter((_, i) => i % 10 === 0);
    for (const o of failing) failOnce.add(o.id);

    const answers = await Promise.all(
      shuffle(jobs).map(async (j) => {
        return { kind: j.kind, status: await postThroughPool(`${s.baseUrl}/notify/wechatpay`, j.headers, j.body) };
      }),
    );
    // Exactly one retry request (500) per order whose hook failed once; every other genuine notice is done (204).
    expect(answers.filter((a) => a.kind === 'valid' && a.status !== 204)).toEqual(failing.map(() => ({ kind: 'valid', status: 500 })));
    expect(failOnce.size).toBe(0);
    expect(answers.filter((a) => a.kind === 'forged').every((a) => a.status === 401)).toBe(true);

    const rows: Array<{ id: string; status: string }> = await s.db.ds.query("SELECT id, status FROM payment_order WHERE payable_type = 'test-bill'");
    expect(rows).toHaveLength(ORDERS);
    const byStatus = rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ SUCCESS: ORDERS - REFUNDED, REFUNDED });
    expect(new Set(rows.filter((r) => r.status === 'REFUNDED').map((r) => r.id))).toEqual(new Set(early.map((o) => o.id)));

    // Side effects: one paid hook and one ORDER_PAID event per order, one refund per refunded order.
    expect(paid).toHaveLength(ORDERS);
    expect(new Set(paid).size).toBe(ORDERS);
    expect(refunded.sort()).toEqual(early.map((o) => o.id).sort());
    const events: Array<{ type: string; n: number | string }> = await s.db.ds.query('SELECT type, COUNT(*) AS n FROM payment_event GROUP BY type ORDER BY type');
    expect(events.map((e) => [e.type, Number(e.n)])).toEqual([
      ['ORDER_PAID', ORDERS],
      ['ORDER_REFUNDED', REFUNDED],
      ['REFUND_SUCCEEDED', REFUNDED],
    ]);
  }, 180_000);
});
