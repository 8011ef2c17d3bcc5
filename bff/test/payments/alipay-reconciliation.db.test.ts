import { AlipayClient } from '../../src/adapters/alipay/alipay.client';
import { UpstreamError } from '../../src/adapters/http-client';
import { ManualClock } from '../../src/lib/clock';
import { newId } from '../../src/lib/ids';
import { main as reconcileCli } from '../../src/modules/payments/reconciliation/reconcile-cli';
import type { ApiClient } from '../support/api-client';
import { checkoutExam, eventually, opId, orderStatus } from '../support/payments';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

/** 2026-11-28 10:00 in Beijing. */
const DAY = '2026-11-28';
const START = Date.UTC(2026, 10, 28, 2, 0);

async function alipayTwin(s: Stack, path: string, body: unknown): Promise<any> {
  const res = await fetch(`${s.sandboxUrl}/sandbox/alipay${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

describeDb('daily reconciliation against the Alipay trade bill (业务明细)', () => {
  let s: Stack;
  const clock = new ManualClock(START);
  const orders: Record<string, { id: string; outTradeNo: string }> = {};
  let refundNo: string;

  async function paid(client: ApiClient, ref: string) {
    const { order, payment } = (await checkoutExam(client, ref, undefined, 'alipay')).body.data;
    expect((await alipayTwin(s, '/trade-pay', { tradeNo: payment.tradeNo, action: 'pay' })).resultCode).toBe('9000');
    await eventually(async () => (await orderStatus(client, order.id)) === 'SUCCESS', 'payment');
    return order as { id: string; outTradeNo: string };
  }

  beforeAll(async () => {
    s = await startStack({ clock });
    const wang = await s.loginAs('adult-active');
    const liu = await s.loginAs('adult-second-guardian');
    orders.A = await paid(wang, 'EXAM-HRM-3');
    orders.B = await paid(wang, 'EXAM-ELEC-5');
    orders.C = await paid(liu, 'EXAM-HRM-3');
    const refund = await liu.post(`/api/v1/payments/orders/${orders.C.id}/refunds`, { amountFen: 2000, reason: '部分退费', clientOperationId: opId() });
    expect(refund.body.data.refund.status).toBe('SUCCESS');
    refundNo = refund.body.data.refund.outRefundNo;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('fetches the bill only for past days and matches a clean day without a mismatch', async () => {
    const client = new AlipayClient(s.config.alipay);
    // Alipay publishes a day's bill only after the day is over.
    await expect(client.tradeBill(DAY)).rejects.toBeInstanceOf(UpstreamError);
    clock.set(START + 24 * 3600_000);
    const bill = await client.tradeBill(DAY);
    expect(bill?.map((r) => [r.kind, r.outTradeNo, r.kind === '交易' ? r.orderFen : r.receivedFen, r.outRequestNo]).sort()).toEqual(
      [
        ['交易', orders.A.outTradeNo, 12000, ''],
        ['交易', orders.B.outTradeNo, 8050, ''],
        ['交易', orders.C.outTradeNo, 12000, ''],
        ['退款', orders.C.outTradeNo, -2000, refundNo],
      ].sort(),
    );

    const quiet = await s.app.services.payments.reconciliation.reconcile('2026-11-20', 'alipay');
    expect(quiet).toMatchObject({ ourEntries: 0, theirEntries: 0, mismatches: [] });
    const clean = await s.app.services.payments.reconciliation.reconcile(DAY, 'alipay');
    expect(clean).toMatchObject({ provider: 'alipay', ourEntries: 4, theirEntries: 4, matched: 4, mismatches: [] });
  });

  it('finds every planted mismatch: amount, state, missing here, missing at Alipay, refund amount', async () => {
    // A trade Alipay took for an order number we never created (paid that morning, no notification).
    clock.set(START + 3600_000);
    const stranger = new AlipayClient(s.config.alipay);
    const { tradeNo } = await stranger.tradeCreate({ outTradeNo: 'QSTRANGERALI0001', amountFen: 777, subject: '未知订单', buyerId: '2088000000000099', expiresAt: clock.now() + 600_000, notifyUrl: `${s.baseUrl}/notify/alipay` });
    await alipayTwin(s, '/trade-pay', { tradeNo, action: 'pay', notify: false });
    clock.set(START + 24 * 3600_000);

    await s.db.ds.query('UPDATE payment_order SET amount_fen = 12001 WHERE id = ?', [orders.A.id]);
    await s.db.ds.query("UPDATE payment_order SET status = 'CLOSED', paid_at = NULL WHERE id = ?", [orders.B.id]);
    await s.db.ds.query('UPDATE payment_refund SET amount_fen = 2001 WHERE out_refund_no = ?', [refundNo]);
    const ghost = { id: newId(), outTradeNo: 'QGHOSTALI0000001' };
    await s.db.ds.query(
      `INSERT INTO payment_order (id, merchant_id, out_trade_no, kind, payable_type, payable_ref, payer_user_id, description, amount_fen, refunded_fen, refunding_fen, provider, status,
        provider_txn_id, provider_mchid, provider_appid, client_operation_id, expires_at, paid_at, created_at, updated_at, version)
       VALUES (?, 'QD-HRSS-EXAM', ?, 'exam_fee', 'demo-exam-fee', 'EXAM-X', 'u-ghost', '幽灵订单', 500, 0, 0, 'alipay', 'SUCCESS', '2026112822001ghost', ?, ?, 'op-ghost-ali', ?, ?, ?, ?, 1)`,
      [ghost.id, ghost.outTradeNo, s.config.alipay.sellerId, s.config.alipay.appId, '2026-11-28 03:00:00.000', '2026-11-28 02:30:00.000', '2026-11-28 02:20:00.000', '2026-11-28 02:30:00.000'],
    );

    const report = await s.app.services.payments.reconciliation.reconcile(DAY, 'alipay');
    expect(report.mismatches.map((m) => [m.kind, m.entry, m.outTradeNo]).sort()).toEqual(
      [
        ['AMOUNT_MISMATCH', 'payment', orders.A.outTradeNo],
        ['AMOUNT_MISMATCH', 'refund', orders.C.outTradeNo],
        ['MISSING_AT_PROVIDER', 'payment', ghost.outTradeNo],
        ['MISSING_LOCALLY', 'payment', 'QSTRANGERALI0001'],
        ['STATE_MISMATCH', 'payment', orders.B.outTradeNo],
      ].sort(),
    );
    expect(report.mismatches.find((m) => m.kind === 'MISSING_LOCALLY')).toMatchObject({ ours: null, theirs: { state: 'SUCCESS', amountFen: 777 } });
    expect(report.mismatches.find((m) => m.entry === 'refund')).toMatchObject({ outRefundNo: refundNo, ours: { amountFen: 2001 }, theirs: { state: 'REFUND SUCCESS', amountFen: 2000 } });
    expect(report.matched).toBe(1);
    const stored = await s.db.ds.query('SELECT provider, mismatch_count FROM payment_reconciliation WHERE id = ?', [report.id]);
    expect(stored).toEqual([{ provider: 'alipay', mismatch_count: 5 }]);
  });

  it('prints the Alipay lines from `npm run reconcile -- DATE` too', async () => {
    const out: string[] = [];
    const env = { NODE_ENV: 'test', SANDBOX: '1', SANDBOX_URL: s.sandboxUrl, ...(s.db.config.kind === 'mysql' ? { DB_URL: s.db.config.url } : { SQLITE_PATH: s.db.config.path }) };
    expect(await reconcileCli([DAY], env, (l) => out.push(l), clock)).toBe(3);
    const text = out.join('\n');
    expect(text).toMatch(/^Alipay reconciliation for 2026-11-28: 4 entries here, 5 in the bill, 1 matched, 5 mismatches$/m);
    expect(text).toContain(`AMOUNT_MISMATCH     payment ${orders.A.outTradeNo}  ours: PAID ¥120.01  bill: SUCCESS ¥120.00`);
    expect(text).toContain('MISSING_LOCALLY     payment QSTRANGERALI0001  ours: —  bill: SUCCESS ¥7.77');
  });
});
