import { opId } from '../support/payments';
import { payAccount, payingResident } from '../support/pay-terminal';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';

describeDb('paying a merchant by scanning its code, with the e-card account', () => {
  let s: Stack;
  let wang: Awaited<ReturnType<typeof payingResident>>;

  beforeAll(async () => {
    s = await startStack();
    wang = await payingResident(s, 'adult-active');
  });
  afterAll(async () => {
    await s?.close();
  });

  const codeFor = (id: string, fen = 0) => s.app.services.payTerminal.merchants.codeFor(id, fen);

  it('reads a signed merchant code, with or without a fixed amount, and refuses altered ones', async () => {
    const open = await wang.client.post('/api/v1/payments/merchant-codes/resolve', { code: codeFor('PHARM-GF01') });
    expect(open.body.data).toMatchObject({ merchant: { id: 'PHARM-GF01', kind: 'pharmacy' }, fixedAmountFen: null, payableRef: null });
    const fixed = await wang.client.post('/api/v1/payments/merchant-codes/resolve', { code: codeFor('CANT-RS01', 1_200), amountFen: 1 });
    expect(fixed.body.data).toMatchObject({ fixedAmountFen: 1_200, amountFen: 1_200, payableRef: expect.stringMatching(/^CANT-RS01\.1200\./) });
    const altered = codeFor('CANT-RS01', 1_200).replace('.1200.', '.12.');
    expect((await wang.client.post('/api/v1/payments/merchant-codes/resolve', { code: altered })).body.code).toBe('MERCHANT_CODE_INVALID');
    expect((await wang.client.post('/api/v1/payments/merchant-codes/resolve', { code: 'yy0001', amountFen: 5_000 })).body.data.merchant.id).toBe('HOSP-SL01');
    expect((await wang.client.post('/api/v1/payments/merchant-codes/resolve', { code: 'YY0001', amountFen: 500_001 })).body.code).toBe('MERCHANT_AMOUNT_INVALID');
    expect((await wang.client.post('/api/v1/payments/orders', { payableType: 'merchant', payableRef: 'CANT-RS01.1.AAAAAAAAAAAA', provider: 'ecard', clientOperationId: opId() })).body.code).toBe('PAYABLE_NOT_FOUND');
  });

  it('pays the merchant from the e-card account after the password, once', async () => {
    const ref = (await wang.client.post('/api/v1/payments/merchant-codes/resolve', { code: codeFor('PHARM-GF01'), amountFen: 6_660 })).body.data.payableRef;
    const op = opId();
    const created = await wang.client.post('/api/v1/payments/orders', { payableType: 'merchant', payableRef: ref, provider: 'ecard', clientOperationId: op });
    expect(created.body.data.payment).toEqual({ provider: 'ecard', passwordRequired: true });
    const orderId = created.body.data.order.id;
    const before = (await payAccount(s, 'adult-active')).balanceFen;
    expect((await wang.client.post(`/api/v1/payments/orders/${orderId}/ecard-pay`, { password: '000000' })).body.code).toBe('ECARD_PASSWORD_WRONG');
    const paid = await Promise.all([1, 2].map(() => wang.client.post(`/api/v1/payments/orders/${orderId}/ecard-pay`, { password: '258369' })));
    expect(paid.some((r) => r.body.data?.status === 'SUCCESS')).toBe(true);
    expect((await wang.client.get(`/api/v1/payments/orders/${orderId}`)).body.data).toMatchObject({ status: 'SUCCESS', provider: 'ecard', kind: 'merchant_scan', amountFen: 6_660 });
    expect((await payAccount(s, 'adult-active')).balanceFen).toBe(before - 6_660);
    const day = await s.db.ds.query('SELECT total_fen, no_password_fen FROM ecard_pay_day');
    expect(day.map((d: { total_fen: number | string; no_password_fen: number | string }) => [Number(d.total_fen), Number(d.no_password_fen)])).toEqual([[6_660, 0]]);
  });

  it('refuses the e-card for a resident without the payment function, and an amount over the daily limit', async () => {
    const other = await s.loginAs('hk-resident');
    const ref = (await other.post('/api/v1/payments/merchant-codes/resolve', { code: codeFor('HOSP-SL01', 3_000) })).body.data.payableRef;
    const created = await other.post('/api/v1/payments/orders', { payableType: 'merchant', payableRef: ref, provider: 'ecard', clientOperationId: opId() });
    expect((await other.post(`/api/v1/payments/orders/${created.body.data.order.id}/ecard-pay`, { password: '258369' })).body.code).toBe('ECARD_PAY_NOT_ENABLED');

    const payHospital = async (fen: number) => {
      const r = (await wang.client.post('/api/v1/payments/merchant-codes/resolve', { code: codeFor('HOSP-SL01'), amountFen: fen })).body.data.payableRef;
      const o = (await wang.client.post('/api/v1/payments/orders', { payableType: 'merchant', payableRef: r, provider: 'ecard', clientOperationId: opId() })).body.data.order;
      return { orderId: o.id as string, res: await wang.client.post(`/api/v1/payments/orders/${o.id}/ecard-pay`, { password: '258369' }) };
    };
    // ¥66.60 paid already; ¥3,000 more fits in ¥5,000, another ¥3,000 does not.
    expect((await payHospital(300_000)).res.body.data.status).toBe('SUCCESS');
    const refused = await payHospital(300_000);
    expect(refused.res.status).toBe(409);
    expect(refused.res.body.code).toBe('ECARD_PAY_DAILY_LIMIT');
    expect((await wang.client.get(`/api/v1/payments/orders/${refused.orderId}`)).body.data.status).toBe('CLOSED');
  });

  it('reconciles the day\'s e-card payments with the national platform\'s bill and finds a planted mismatch', async () => {
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const clean = await s.app.services.payments.reconciliation.reconcile(day, 'ecard');
    expect(clean.mismatches).toEqual([]);
    expect(clean.matched).toBe(2); // ¥66.60 and ¥3,000 paid today
    const [paid] = await s.db.ds.query("SELECT id, out_trade_no FROM payment_order WHERE provider = 'ecard' AND status = 'SUCCESS' AND amount_fen = 6660");
    await s.db.ds.query('UPDATE payment_order SET amount_fen = 6661 WHERE id = ?', [paid.id]);
    const planted = await s.app.services.payments.reconciliation.reconcile(day, 'ecard');
    expect(planted.mismatches).toEqual([expect.objectContaining({ kind: 'AMOUNT_MISMATCH', entry: 'payment', outTradeNo: paid.out_trade_no, theirs: { state: 'SUCCESS', amountFen: 6660 } })]);
  });
});
