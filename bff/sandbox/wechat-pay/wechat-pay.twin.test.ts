import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { WechatPayClient, type WechatPayConfig } from '../../src/adapters/wechat-pay/wechat-pay.client';
import { buildAuthorization, nonceStr, responseMessage, rsaVerify } from '../../src/adapters/wechat-pay/wechat-pay.crypto';
import { parseTradeBill } from '../../src/adapters/wechat-pay/trade-bill';
import { ManualClock } from '../../src/lib/clock';
import credentials from '../credentials.json';
import { createSandboxApp, type SandboxApp } from '../sandbox-app';
import { RETRY_SCHEDULE_SECONDS } from './wechat-pay.notifier';

function listen(server: Server): Promise<string> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

const c = credentials.wechatPay;

describe('the WeChat Pay twin, driven by the real adapter', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 2, 0, 0));
  let sandbox: SandboxApp;
  let server: Server;
  let url: string;
  let client: WechatPayClient;
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ at: number; headers: Record<string, string | string[] | undefined>; body: string }> = [];
  let answers: number[] = [];

  const config = (over: Partial<WechatPayConfig> = {}): WechatPayConfig => ({
    apiBase: `${url}/wechatpay`, mchid: c.mchid, appid: c.appid, merchantSerial: c.merchantSerial, merchantPrivateKey: c.merchantPrivateKey,
    platformSerial: c.platformSerial, platformPublicKey: c.platformPublicKey, apiV3Key: c.apiV3Key, timeoutMs: 2000, ...over,
  });
  const control = async (path: string, body?: unknown) => {
    const r = await fetch(`${url}/sandbox/wechatpay${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  };
  const prepay = (outTradeNo: string, over: Partial<{ amountFen: number; description: string }> = {}) =>
    client.jsapiPrepay({ outTradeNo, description: over.description ?? '考试费', amountFen: over.amountFen ?? 100, openid: 'o-test', expiresAt: clock.now() + 15 * 60_000, notifyUrl: `${receiverUrl}/notify/wechatpay` });

  beforeAll(async () => {
    sandbox = createSandboxApp({ now: () => clock.now() });
    server = createServer(sandbox.callback());
    url = await listen(server);
    client = new WechatPayClient(config(), clock);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ at: Date.now(), headers: req.headers, body });
        res.statusCode = answers.shift() ?? 204;
        res.end(res.statusCode === 204 ? undefined : '{"code":"FAIL","message":"later"}');
      });
    });
    receiverUrl = await listen(receiver);
  });
  afterAll(async () => {
    server.closeAllConnections();
    receiver.closeAllConnections();
    await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => receiver.close(r))]);
  });

  it('refuses requests that are unsigned, signed with another key, stale or for another merchant', async () => {
    const path = '/wechatpay/v3/pay/transactions/out-trade-no/Q123456?mchid=' + c.mchid;
    const get = (auth?: string) => fetch(`${url}${path}`, { headers: auth ? { authorization: auth } : {} }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await get()).toEqual({ status: 401, body: { code: 'SIGN_ERROR', message: expect.any(String) } });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const ts = String(Math.floor(clock.now() / 1000));
    const sign = (o: Partial<Parameters<typeof buildAuthorization>[0]>) =>
      buildAuthorization({ mchid: c.mchid, serialNo: c.merchantSerial, key: c.merchantPrivateKey, method: 'GET', url: path, body: '', timestamp: ts, nonce: nonceStr(), ...o });
    expect((await get(sign({ key: stranger }))).body.code).toBe('SIGN_ERROR');
    expect((await get(sign({ timestamp: String(Number(ts) - 301) }))).body.code).toBe('SIGN_ERROR');
    expect((await get(sign({ serialNo: 'ABCDEF0123' }))).body.code).toBe('SIGN_ERROR');
    expect((await get(sign({ mchid: '1900000000' }))).body.code).toBe('MCH_NOT_EXISTS');
    expect((await get(sign({}))).status).toBe(404); // signed properly: the order simply does not exist
  });

  it('signs every answer with the platform key, over timestamp, nonce and body', async () => {
    const path = `/wechatpay/v3/pay/transactions/out-trade-no/QNOPE0001?mchid=${c.mchid}`;
    const auth = buildAuthorization({ mchid: c.mchid, serialNo: c.merchantSerial, key: c.merchantPrivateKey, method: 'GET', url: path, body: '', timestamp: String(Math.floor(clock.now() / 1000)), nonce: nonceStr() });
    const r = await fetch(`${url}${path}`, { headers: { authorization: auth } });
    const body = await r.text();
    expect(r.headers.get('wechatpay-serial')).toBe(c.platformSerial);
    expect(rsaVerify(createPublicKey(c.platformPublicKey), responseMessage(r.headers.get('wechatpay-timestamp')!, r.headers.get('wechatpay-nonce')!, body), r.headers.get('wechatpay-signature')!)).toBe(true);
    expect(JSON.parse(body)).toEqual({ code: 'ORDER_NOT_EXIST', message: '订单不存在' });
  });

  it('gives the same prepay_id for a retried prepay and refuses a reused order number with other content', async () => {
    const a = await prepay('QTWIN0001');
    expect(a).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    expect(await prepay('QTWIN0001')).toBe(a);
    await expect(prepay('QTWIN0001', { amountFen: 101 })).rejects.toMatchObject({ wxCode: 'OUT_TRADE_NO_USED', httpStatus: 403 });
    await expect(prepay('Q1')).rejects.toMatchObject({ wxCode: 'PARAM_ERROR' });
  });

  it('is rejected by the adapter when its answer is forged, stale or a proxy error page', async () => {
    // A forged or stale answer is not retried; a proxy's 502 is (once), so it needs two faults.
    for (const [mode, times] of [['bad-signature', 1], ['stale-timestamp', 1], ['http500', 2]] as const) {
      await fetch(`${url}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'wechatpay:query', mode, times }) });
      await expect(client.queryByOutTradeNo('QTWIN0001')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    }
    expect((await client.queryByOutTradeNo('QTWIN0001'))?.trade_state).toBe('NOTPAY');
  });

  it('refuses a sheet whose paySign was not made with the merchant key, then takes the payment and notifies', async () => {
    const prepayId = await prepay('QTWIN0002', { amountFen: 12000 });
    const params = client.requestPaymentParams(prepayId);
    expect((await control('/request-payment', { ...params, paySign: params.paySign.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')), action: 'pay' })).status).toBe(400);
    const paid = await control('/request-payment', { ...params, action: 'pay' });
    expect(paid.body).toMatchObject({ result: 'paid', transaction_id: expect.stringMatching(/^4200\d{24}$/) });
    const t = await client.queryByOutTradeNo('QTWIN0002');
    expect(t).toMatchObject({ trade_state: 'SUCCESS', amount: { total: 12000, payer_total: 12000, currency: 'CNY' }, success_time: '2026-11-29T10:00:00+08:00' });
    const n = await new Promise<(typeof received)[number]>((resolve) => {
      const poll = () => (received.length ? resolve(received[received.length - 1]) : setTimeout(poll, 20));
      poll();
    });
    const v = client.verifyNotification({ timestamp: n.headers['wechatpay-timestamp'] as string, nonce: n.headers['wechatpay-nonce'] as string, signature: n.headers['wechatpay-signature'] as string, serial: n.headers['wechatpay-serial'] as string }, n.body);
    expect(v).toMatchObject({ ok: true, eventType: 'TRANSACTION.SUCCESS', data: { out_trade_no: 'QTWIN0002', trade_state: 'SUCCESS', amount: { total: 12000 } } });
    await expect(client.close('QTWIN0002')).rejects.toMatchObject({ wxCode: 'ORDERPAID' });
  });

  it('retries a notification on the real schedule, compressed, until the merchant says 204', async () => {
    received.length = 0;
    answers = [500, 500, 500];
    await control('/config', { notifyTimeScale: 1000 }); // 15 s → 15 ms
    const prepayId = await prepay('QTWIN0003');
    await control('/request-payment', { ...client.requestPaymentParams(prepayId), action: 'pay' });
    const deadline = Date.now() + 5000;
    while (received.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(received).toHaveLength(4);
    const deliveries = (await control('/deliveries?key=QTWIN0003')).body.deliveries;
    expect(deliveries.map((d: { attempt: number; status: number }) => [d.attempt, d.status])).toEqual([[0, 500], [1, 500], [2, 500], [3, 204]]);
    // The schedule itself: 15 retries over just over 24 hours, as WeChat Pay documents.
    expect(RETRY_SCHEDULE_SECONDS).toHaveLength(15);
    expect(RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0) / 3600).toBeCloseTo(24.07, 1);
  });

  it('refunds up to the paid amount, settles the refund and notifies; closes unpaid orders', async () => {
    await control('/config', { refundDelayMs: 0, notifyTimeScale: 1 });
    await expect(client.refund({ outTradeNo: 'QTWIN0002', outRefundNo: 'RTWIN0001', reason: 'x', refundFen: 12001, totalFen: 12000 })).rejects.toMatchObject({ wxCode: 'INVALID_REQUEST' });
    const r = await client.refund({ outTradeNo: 'QTWIN0002', outRefundNo: 'RTWIN0001', reason: '退考', refundFen: 5000, totalFen: 12000 });
    expect(r).toMatchObject({ status: 'PROCESSING', amount: { refund: 5000, total: 12000 } });
    expect((await client.refund({ outTradeNo: 'QTWIN0002', outRefundNo: 'RTWIN0001', reason: '退考', refundFen: 5000, totalFen: 12000 })).refund_id).toBe(r.refund_id);
    await new Promise((res) => setTimeout(res, 20));
    expect((await client.queryRefund('RTWIN0001'))?.status).toBe('SUCCESS');
    expect(await client.queryRefund('RNOPE')).toBeNull();
    await expect(client.refund({ outTradeNo: 'QTWIN0001', outRefundNo: 'RTWIN0002', reason: 'x', refundFen: 1, totalFen: 100 })).rejects.toMatchObject({ wxCode: 'INVALID_REQUEST' });
    await client.close('QTWIN0001');
    expect((await client.queryByOutTradeNo('QTWIN0001'))?.trade_state).toBe('CLOSED');
  });

  it('serves the trade bill of a past day through a signed download whose SHA1 matches, and none for today', async () => {
    await expect(client.tradeBill('2026-11-29')).rejects.toMatchObject({ wxCode: 'INVALID_REQUEST' });
    clock.advance(24 * 3600_000);
    const text = await client.tradeBill('2026-11-29');
    const bill = parseTradeBill(text!);
    expect(bill.rows.map((r) => [r.tradeState, r.outTradeNo, r.settlementFen, r.refundFen])).toEqual([
      ['SUCCESS', 'QTWIN0002', 12000, 0],
      ['SUCCESS', 'QTWIN0003', 100, 0],
      ['REFUND', 'QTWIN0002', 0, 5000],
    ]);
    expect(await client.tradeBill('2026-11-01')).toBeNull();
  });

  it('refuses a bill whose file does not match the announced hash', async () => {
    const tampering = new WechatPayClient(config(), clock);
    const real = globalThis.fetch;
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const res = await real(input, init);
      if (!String(input).includes('billdownload')) return res;
      const buf = Buffer.from(await res.arrayBuffer());
      buf[buf.length - 1] ^= 1;
      return new Response(buf, { status: 200 });
    }) as typeof fetch;
    try {
      await expect(tampering.tradeBill('2026-11-29')).rejects.toThrow(/hash mismatch/);
    } finally {
      globalThis.fetch = real;
    }
  });
});
