import { terminal } from '../support/ecard-flow';
import { charge, outTradeNo, payAccount, payingResident, reverseCharge, terminalGet } from '../support/pay-terminal';
import { startStack, type Stack } from '../support/stack';
import { describeDb } from '../support/test-db';
import type { ManualClock } from '../../src/lib/clock';

const pharmacy = terminal('pharmacy');
const hospital = terminal('hospital');

describeDb('terminal charges: the merchant scans the resident\'s e-card code (busiType 02)', () => {
  let s: Stack;
  let wang: Awaited<ReturnType<typeof payingResident>>;
  let liu: Awaited<ReturnType<typeof payingResident>>;
  let elder: Awaited<ReturnType<typeof payingResident>>;

  beforeAll(async () => {
    s = await startStack({ clock: 'manual' });
    wang = await payingResident(s, 'adult-active');
    liu = await payingResident(s, 'adult-second-guardian');
    elder = await payingResident(s, 'elder');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('charges a password-free amount at once, and a replay with the same outTradeNo returns the first result without charging again', async () => {
    const no = outTradeNo();
    const body = { qrcode: await wang.qr(), amountFen: 2_350, outTradeNo: no, items: [{ name: '布洛芬缓释胶囊', quantity: 1, amountFen: 2_350 }] };
    const first = await charge(s, pharmacy, body);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ outTradeNo: no, status: 'SUCCESS', amountFen: 2_350, passwordRequired: false, holder: { maskedName: expect.stringContaining('*') } });
    const again = await charge(s, pharmacy, body);
    expect(again.body.data).toEqual(first.body.data);
    const account = await payAccount(s, 'adult-active');
    expect(account.payments.filter((p) => p.amountFen === 2_350)).toHaveLength(1);
    // The same outTradeNo with another body is a conflict, not a second charge; another terminal has its own numbers.
    expect((await charge(s, pharmacy, { ...body, amountFen: 2_351 })).body.code).toBe('TERMINAL_CHARGE_CONFLICT');
    expect((await charge(s, hospital, body)).body.code).toBe('QR_CODE_USED');
    expect((await terminalGet(s, pharmacy, `/terminal/v1/charges/${no}`)).body.data.status).toBe('SUCCESS');
    expect((await terminalGet(s, hospital, `/terminal/v1/charges/${no}`)).body.data.status).toBe('FAILED');
  });

  it('waits for the resident\'s password above the small-amount limit; the terminal polls until SUCCESS', async () => {
    const no = outTradeNo();
    const first = await charge(s, hospital, { qrcode: await wang.qr(), amountFen: 150_000, outTradeNo: no, items: [{ name: '门诊自付', quantity: 1, amountFen: 150_000 }] });
    expect(first.body.data).toMatchObject({ status: 'USERPAYING', passwordRequired: true, confirmBy: expect.any(String) });
    const pending = (await wang.client.get('/api/v1/payments/pending-charges')).body.data;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ amountFen: 150_000, merchantName: expect.stringContaining('医院'), items: [{ name: '门诊自付', quantity: 1, amountFen: 150_000 }] });
    // Nobody else sees it or can confirm it.
    expect((await liu.client.get('/api/v1/payments/pending-charges')).body.data).toEqual([]);
    expect((await liu.client.post(`/api/v1/payments/pending-charges/${pending[0].id}/confirm`, { password: '258369' })).body.code).toBe('PENDING_CHARGE_NOT_FOUND');

    expect((await wang.client.post(`/api/v1/payments/pending-charges/${pending[0].id}/confirm`, { password: '111111' })).body.code).toBe('ECARD_PASSWORD_WRONG');
    expect((await terminalGet(s, hospital, `/terminal/v1/charges/${no}`)).body.data.status).toBe('USERPAYING');
    const ok = await wang.client.post(`/api/v1/payments/pending-charges/${pending[0].id}/confirm`, { password: '258369' });
    expect(ok.body.data.status).toBe('SUCCESS');
    expect((await terminalGet(s, hospital, `/terminal/v1/charges/${no}`)).body.data).toMatchObject({ status: 'SUCCESS', paidAt: expect.any(String) });
    // The replay still answers what the terminal was first told.
    expect((await charge(s, hospital, { qrcode: 'E1.replayed-body-differs', amountFen: 150_000, outTradeNo: no })).body.code).toBe('TERMINAL_CHARGE_CONFLICT');
    expect((await wang.client.get('/api/v1/payments/pending-charges')).body.data).toEqual([]);
  });

  it('refuses a charge that would pass the daily limit with ECARD_PAY_DAILY_LIMIT, also when replayed', async () => {
    // Wang paid ¥23.50 + ¥1,500 today; ¥3,476.50 is left of ¥5,000.
    const big = outTradeNo();
    const r = await charge(s, pharmacy, { qrcode: await wang.qr(), amountFen: 347_651, outTradeNo: big });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'ECARD_PAY_DAILY_LIMIT', details: { remainingFen: 347_650 } });
    expect((await charge(s, pharmacy, { qrcode: 'anything', amountFen: 347_651, outTradeNo: big })).status).toBe(409);
    const replay = await terminalGet(s, pharmacy, `/terminal/v1/charges/${big}`);
    expect(replay.body.data).toMatchObject({ status: 'FAILED', errorCode: 'ECARD_PAY_DAILY_LIMIT' });
    const audit = await s.db.ds.query("SELECT code FROM audit_log WHERE action = 'payment.terminal.charge' AND result = 'refused'");
    expect(audit.map((a: { code: string }) => a.code)).toContain('ECARD_PAY_DAILY_LIMIT');
    // What is left still goes through (with the password: the password-free share of the day is used up otherwise).
    expect((await charge(s, pharmacy, { qrcode: await wang.qr(), amountFen: 347_650, outTradeNo: outTradeNo() })).body.data.status).toBe('USERPAYING');
    const [pending] = (await wang.client.get('/api/v1/payments/pending-charges')).body.data;
    expect((await wang.client.post(`/api/v1/payments/pending-charges/${pending.id}/decline`)).body.data.status).toBe('CLOSED');
  });

  it('reverses a charge nobody confirmed in time and gives the amount back to the daily limit', async () => {
    const no = outTradeNo();
    const before = await payAccount(s, 'adult-second-guardian');
    const r = await charge(s, hospital, { qrcode: await liu.qr(), amountFen: 200_000, outTradeNo: no });
    expect(r.body.data.status).toBe('USERPAYING');
    const [pending] = (await liu.client.get('/api/v1/payments/pending-charges')).body.data;
    (s.clock as ManualClock).advance(s.config.payments.terminalConfirmSeconds * 1000 + 1);
    expect(await s.app.services.payTerminal.charges.expireWaiting()).toBe(1);
    expect((await terminalGet(s, hospital, `/terminal/v1/charges/${no}`)).body.data.status).toBe('CLOSED');
    expect((await liu.client.post(`/api/v1/payments/pending-charges/${pending.id}/confirm`, { password: '258369' })).body.code).toBe('PENDING_CHARGE_NOT_FOUND');
    expect((await payAccount(s, 'adult-second-guardian')).balanceFen).toBe(before.balanceFen);
    const order = await s.db.ds.query('SELECT status FROM payment_order WHERE id = ?', [r.body.data.transactionId]);
    expect(order[0].status).toBe('CLOSED');
    // The reserved ¥2,000 is back: ¥5,000 can still be paid today.
    expect((await charge(s, hospital, { qrcode: await liu.qr(), amountFen: 500_000, outTradeNo: outTradeNo() })).body.data.status).toBe('USERPAYING');
    // A second sweep finds nothing more to do.
    (s.clock as ManualClock).advance(s.config.payments.terminalConfirmSeconds * 1000 + 1);
    expect(await s.app.services.payTerminal.charges.expireWaiting()).toBe(1);
    expect(await s.app.services.payTerminal.charges.expireWaiting()).toBe(0);
  });

  it('refunds a paid charge in full when the terminal reverses it, and answers repeats with the same state', async () => {
    const before = (await payAccount(s, 'elder')).balanceFen;
    const no = outTradeNo();
    expect((await charge(s, pharmacy, { qrcode: await elder.qr(), amountFen: 8_800, outTradeNo: no })).body.data.status).toBe('SUCCESS');
    expect((await payAccount(s, 'elder')).balanceFen).toBe(before - 8_800);
    const reversed = await reverseCharge(s, pharmacy, no);
    expect(reversed.body.data).toMatchObject({ status: 'REFUNDED', refundedFen: 8_800 });
    expect((await reverseCharge(s, pharmacy, no)).body.data).toMatchObject({ status: 'REFUNDED', refundedFen: 8_800 });
    expect((await payAccount(s, 'elder')).balanceFen).toBe(before);
    const refunds = await s.db.ds.query('SELECT status, amount_fen FROM payment_refund WHERE order_id = ?', [reversed.body.data.transactionId]);
    expect(refunds.map((x: { status: string; amount_fen: number | string }) => [x.status, Number(x.amount_fen)])).toEqual([['SUCCESS', 8_800]]);
    expect((await reverseCharge(s, hospital, no)).body.code).toBe('TERMINAL_CHARGE_NOT_FOUND');
  });

  it('closes a waiting charge the terminal reverses, and one the resident declines', async () => {
    const a = outTradeNo();
    expect((await charge(s, hospital, { qrcode: await elder.qr(), amountFen: 120_000, outTradeNo: a })).body.data.status).toBe('USERPAYING');
    expect((await reverseCharge(s, hospital, a)).body.data.status).toBe('CLOSED');
    const b = outTradeNo();
    await charge(s, hospital, { qrcode: await elder.qr(), amountFen: 120_000, outTradeNo: b });
    const [pending] = (await elder.client.get('/api/v1/payments/pending-charges')).body.data;
    expect((await elder.client.post(`/api/v1/payments/pending-charges/${pending.id}/decline`)).body.data.status).toBe('CLOSED');
    expect((await terminalGet(s, hospital, `/terminal/v1/charges/${b}`)).body.data.status).toBe('CLOSED');
    expect((await elder.client.post(`/api/v1/payments/pending-charges/${pending.id}/confirm`, { password: '258369' })).body.code).toBe('PENDING_CHARGE_NOT_FOUND');
  });

  it('refuses a card without the payment function (level 1)', async () => {
    const { withEcard, qrFor } = await import('../support/ecard-flow');
    const child = await withEcard(s, 'foreign-resident');
    const r = await charge(s, pharmacy, { qrcode: await qrFor(child.client, child.ecard.id), amountFen: 100, outTradeNo: outTradeNo() });
    expect(r.body.code).toBe('ECARD_LEVEL_TOO_LOW');
  });
});
