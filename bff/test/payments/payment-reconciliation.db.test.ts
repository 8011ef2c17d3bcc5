import { WechatPayClient } from '../../src/adapters/wechat-pay/wechat-pay.client';
import { ManualClock } from '../../src/lib/clock';
import { newId } from '../../src/lib/ids';
import { createLogger } from '../../src/lib/logger';
import { Scheduler } from '../../src/lib/scheduler';
import { main as reconcileCli } from '../../src/modules/payments/reconciliation/reconcile-cli';
import type { ApiClient } from '../support/api-client';
import { checkoutExam, eventually, opId, orderStatus, payInSheet, twin } from '../support/payments';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

/** 2026-11-28 10:00 in Beijing. */
const DAY = '2026-11-28';
const START = Date.UTC(2026, 10, 28, 2, 0);

describeDb('daily reconciliation against the WeChat Pay trade bill', () => {
  let s: Stack;
  const clock = new ManualClock(START);
  const orders: Record<string, { id: string; outTradeNo: string }> = {};
  let refundNo: string;

  async function paid(client: ApiClient, ref: string) {
    const { order, payment } = (await checkoutExam(client, ref)).body.data;
    await payInSheet(s, payment.requestPayment);
    await eventually(async () => (await orderStatus(client, order.id)) === 'SUCCESS', 'payment');
    return order as { id: string; outTradeNo: string };
  }

  beforeAll(async () => {
    s = await startStack({ clock });
    await twin(s, 'POST', '/config', { refundDelayMs: 0 });
    const wang = await s.loginAs('adult-active');
    const liu = await s.loginAs('adult-second-guardian');
    orders.A = await paid(wang, 'EXAM-HRM-3');
    orders.B = await paid(wang, 'EXAM-ELEC-5');
    orders.C = await paid(liu, 'EXAM-HRM-3');
    orders.D = await paid(liu, 'EXAM-ELEC-5');
    const refund = await liu.post(`/api/v1/payments/orders/${orders.C.id}/refunds`, { amountFen: 2000, reason: '部分退费', clientOperationId: opId() });
    refundNo = refund.body.data.refund.outRefundNo;
    await eventually(async () => (await liu.get(`/api/v1/payments/orders/${orders.C.id}`)).body.data.refundedFen === 2000, 'refund');

    // A payment WeChat Pay took for an order number we never created.
    const stranger = new WechatPayClient(s.config.wechatPay, clock);
    const prepayId = await stranger.jsapiPrepay({ outTradeNo: 'QSTRANGER000001', description: '未知订单', amountFen: 777, openid: 'o-x', expiresAt: clock.now() + 600_000, notifyUrl: `${s.baseUrl}/notify/wechatpay` });
    await payInSheet(s, stranger.requestPaymentParams(prepayId) as never, { notify: false });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('matches a clean day and answers a day without trades with no mismatches', async () => {
    clock.set(START + 24 * 3600_000);
    const quiet = await s.app.services.payments.reconciliation.reconcile('2026-11-20');
    expect(quiet).toMatchObject({ ourEntries: 0, theirEntries: 0, mismatches: [] });
    const before = await s.app.services.payments.reconciliation.reconcile(DAY);
    // Everything of ours matches; only the stranger's payment is missing here.
    expect(before.mismatches).toEqual([expect.objectContaining({ kind: 'MISSING_LOCALLY', outTradeNo: 'QSTRANGER000001', theirs: { state: 'SUCCESS', amountFen: 777 } })]);
    expect(before.matched).toBe(5); // four payments and one refund
  });

  it('finds every planted mismatch: amount, state, missing on either side, refund amount', async () => {
    await s.db.ds.query('UPDATE payment_order SET amount_fen = 12001 WHERE id = ?', [orders.A.id]);
    await s.db.ds.query("UPDATE payment_order SET status = 'CLOSED', paid_at = NULL WHERE id = ?", [orders.B.id]);
    await s.db.ds.query('UPDATE payment_refund SET amount_fen = 2001 WHERE out_refund_no = ?', [refundNo]);
    const ghost = { id: newId(), outTradeNo: 'QGHOST0000000001' };
    await s.db.ds.query(
      `INSERT INTO payment_order (id, merchant_id, out_trade_no, kind, payable_type, payable_ref, payer_user_id, description, amount_fen, refunded_fen, refunding_fen, provider, status,
        provider_txn_id, provider_mchid, provider_appid, client_operation_id, expires_at, paid_at, created_at, updated_at, version)
       VALUES (?, 'QD-HRSS-EXAM', ?, 'exam_fee', 'demo-exam-fee', 'EXAM-X', 'u-ghost', '幽灵订单', 500, 0, 0, 'wechatpay', 'SUCCESS', '4200ghost', ?, ?, 'op-ghost', ?, ?, ?, ?, 1)`,
      [ghost.id, ghost.outTradeNo, s.config.wechatPay.mchid, s.config.wechatPay.appid, '2026-11-28 03:00:00.000', '2026-11-28 02:30:00.000', '2026-11-28 02:20:00.000', '2026-11-28 02:30:00.000'],
    );

    const report = await s.app.services.payments.reconciliation.reconcile(DAY);
    const found = report.mismatches.map((m) => [m.kind, m.entry, m.outTradeNo]).sort();
    expect(found).toEqual(
      [
        ['AMOUNT_MISMATCH', 'payment', orders.A.outTradeNo],
        ['AMOUNT_MISMATCH', 'refund', orders.C.outTradeNo],
        ['MISSING_AT_PROVIDER', 'payment', ghost.outTradeNo],
        ['MISSING_LOCALLY', 'payment', 'QSTRANGER000001'],
        ['STATE_MISMATCH', 'payment', orders.B.outTradeNo],
      ].sort(),
    );
    expect(report.mismatches.find((m) => m.kind === 'STATE_MISMATCH')).toMatchObject({ ours: { status: 'CLOSED' }, theirs: { state: 'SUCCESS', amountFen: 8050 } });
    expect(report.mismatches.find((m) => m.entry === 'refund')).toMatchObject({ outRefundNo: refundNo, ours: { amountFen: 2001 }, theirs: { amountFen: 2000 } });
    expect(report.matched).toBe(2);
    const stored = await s.db.ds.query('SELECT bill_date, mismatch_count FROM payment_reconciliation WHERE id = ?', [report.id]);
    expect(stored).toEqual([{ bill_date: DAY, mismatch_count: 5 }]);
  });

  it('prints them from `npm run reconcile -- DATE` and exits with 3', async () => {
    const out: string[] = [];
    const env = { NODE_ENV: 'test', SANDBOX: '1', SANDBOX_URL: s.sandboxUrl, ...(s.db.config.kind === 'mysql' ? { DB_URL: s.db.config.url } : { SQLITE_PATH: s.db.config.path }) };
    const code = await reconcileCli([DAY], env, (l) => out.push(l), clock);
    expect(code).toBe(3);
    const text = out.join('\n');
    expect(text).toMatch(/^WeChat Pay reconciliation for 2026-11-28: \d+ entries here, \d+ in the bill, 2 matched, 5 mismatches/);
    expect(text).toContain(`AMOUNT_MISMATCH     payment ${orders.A.outTradeNo}  ours: PAID ¥120.01  bill: SUCCESS ¥120.00`);
    expect(text).toContain('MISSING_LOCALLY     payment QSTRANGER000001  ours: —  bill: SUCCESS ¥7.77');
    expect(text).toContain(`STATE_MISMATCH      payment ${orders.B.outTradeNo}  ours: CLOSED ¥80.50  bill: SUCCESS ¥80.50`);
    expect(await reconcileCli(['2026-11-20'], env, () => undefined, clock)).toBe(0);
  });

  it('runs as a daily job at 10:30 China time for the day before, once across several BFF processes', async () => {
    const count = async () => Number((await s.db.ds.query("SELECT COUNT(*) AS n FROM payment_reconciliation WHERE bill_date = ?", [DAY]))[0].n);
    const before = await count();
    const logger = createLogger('silent');
    const a = s.app.services.payments.schedule(new Scheduler(clock, logger), { sweepEveryMs: 3600_000 });
    const b = s.app.services.payments.schedule(new Scheduler(clock, logger), { sweepEveryMs: 3600_000 });
    clock.set(START + 24 * 3600_000 + 29 * 60_000); // 10:29 the next day
    expect(await a.runDue()).toEqual([]);
    clock.advance(2 * 60_000);
    expect((await a.runDue()).sort()).toEqual(['payments.reconcile.alipay', 'payments.reconcile.ecard', 'payments.reconcile.wechatpay']);
    expect((await b.runDue()).sort()).toEqual(['payments.reconcile.alipay', 'payments.reconcile.ecard', 'payments.reconcile.wechatpay']); // ran, but found the day already done
    expect(await count()).toBe(before + 3); // one WeChat Pay, one e-card and one Alipay run
  });
});
