import { createSign, randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { AlipayClient } from '../src/adapters/alipay/alipay.client';
import { signRequest } from '../src/lib/crypto/request-signing';
import { notifySignContent } from '../sandbox/alipay/alipay-trade.apis';
import credentials from '../sandbox/credentials.json';
import { persona, raiseToLevel2, terminal, withEcard } from '../test/support/ecard-flow';
import type { Stack } from '../test/support/stack';
import { percentile, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

const a = credentials.alipay;

/** Runs `fn` over `items` with `concurrency` in flight; each call's latency in ms and the wall time. */
async function timed<T>(items: T[], concurrency: number, fn: (t: T) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t = process.hrtime.bigint();
        await fn(item);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** A trade_status_sync notification as Alipay posts it, signed RSA2 with the twin's Alipay key. */
function alipayNotice(o: { outTradeNo: string; tradeNo: string; total: string }): string {
  const p: Record<string, string> = {
    notify_time: '2026-11-29 10:00:00', notify_type: 'trade_status_sync', notify_id: randomBytes(16).toString('hex'), charset: 'utf-8', version: '1.0', sign_type: 'RSA2',
    app_id: a.appId, auth_app_id: a.appId, trade_no: o.tradeNo, out_trade_no: o.outTradeNo, buyer_id: '2088000000000009', seller_id: a.sellerId, trade_status: 'TRADE_SUCCESS',
    total_amount: o.total, receipt_amount: o.total, gmt_payment: '2026-11-29 10:00:00',
  };
  p.sign = createSign('RSA-SHA256').update(notifySignContent(p), 'utf8').sign(a.alipayPrivateKey, 'base64');
  return new URLSearchParams(p).toString();
}

/**
 * Terminal charge latency (POST /terminal/v1/charges, signed, password-free amounts: QR check,
 * limit counters, order, essc.pay.charge at the national twin over HTTP, guarded transitions)
 * and Alipay notification throughput (RSA2 verify through alipay-sdk + guarded transition).
 */
export const payTerminalBench: Bench = {
  name: 'pay-terminal',
  description: 'terminal charge p50/p99 (e-card account, national twin over HTTP) and Alipay notify/s, SQLite',
  async run() {
    let stack: Stack | undefined;
    try {
      // In process: the RSA2 check alone.
      const client = new AlipayClient({ gateway: 'http://unused', appId: a.appId, privateKey: a.appPrivateKey, alipayPublicKey: a.alipayPublicKey, timeoutMs: 1000, sellerId: a.sellerId });
      const forms = Array.from({ length: 1000 }, (_, i) => Object.fromEntries(new URLSearchParams(alipayNotice({ outTradeNo: `QB${i}`, tradeNo: `2026${i}`, total: '1.00' }))));
      const t0 = process.hrtime.bigint();
      for (const f of forms) if (!client.verifyNotify(f)) throw new Error('bench notice did not verify');
      const inProcess = forms.length / (Number(process.hrtime.bigint() - t0) / 1e9);

      stack = await startBenchStack({ env: { QR_ISSUE_PER_MINUTE: '100000' } });
      const holders: string[] = [];
      for (const id of ['adult-active', 'adult-second-guardian', 'elder', 'foreign-resident']) {
        const h = await withEcard(stack, id);
        await raiseToLevel2(h.client, h.ecard.id, persona(id));
        holders.push(h.ecard.id as string);
      }
      const qr = stack.app.services.qr;
      const t = terminal('pharmacy');
      const CHARGES = 400;
      const codes = await Promise.all(Array.from({ length: CHARGES + 20 }, async (_, i) => (await qr.issue({ id: holders[i % holders.length] })).qrcode));
      let failures = 0;
      const post = async (i: number) => {
        const body = JSON.stringify({ qrcode: codes[i], amountFen: 1, outTradeNo: `BENCH${i}${randomBytes(4).toString('hex')}`, items: [] });
        const ts = String(Date.now());
        const nonce = randomBytes(16).toString('hex');
        const r = await stack!.api.request('POST', '/terminal/v1/charges', {
          rawBody: body,
          headers: { 'content-type': 'application/json', 'x-terminal-id': t.id, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signRequest(t.secret, 'POST', '/terminal/v1/charges', ts, nonce, body) },
        });
        if (r.status !== 200 || r.body.data.status !== 'SUCCESS') failures += 1;
      };
      await timed(Array.from({ length: 20 }, (_, i) => CHARGES + i), 4, post);
      const charges = await timed(Array.from({ length: CHARGES }, (_, i) => i), 8, post);
      table('Terminal charge (POST /terminal/v1/charges, password-free, 8 in flight)', [
        { charges: CHARGES, 'per second': Math.round(CHARGES / charges.seconds), 'p50 ms': percentile(charges.latencies, 50).toFixed(1), 'p99 ms': percentile(charges.latencies, 99).toFixed(1), 'max ms': Math.max(...charges.latencies).toFixed(1), failures },
      ]);

      // Alipay: 100 orders paid at the twin without a notification, then 10 notifications each, shuffled.
      const payer = await stack.loginAs('adult-active');
      const merchants = stack.app.services.payTerminal.merchants;
      const ORDERS = 100;
      const orders: Array<{ outTradeNo: string; tradeNo: string; total: string }> = [];
      for (let i = 0; i < ORDERS; i++) {
        const ref = (await payer.post('/api/v1/payments/merchant-codes/resolve', { code: merchants.codeFor('CANT-RS01'), amountFen: 100 + i })).body.data.payableRef;
        const r = await payer.post('/api/v1/payments/orders', { payableType: 'merchant', payableRef: ref, provider: 'alipay', clientOperationId: `op-bench-${randomUUID()}` });
        if (r.status !== 200) throw new Error(`alipay order: ${JSON.stringify(r.body)}`);
        await fetch(`${stack.sandboxUrl}/sandbox/alipay/trade-pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tradeNo: r.body.data.payment.tradeNo, notify: false }) });
        orders.push({ outTradeNo: r.body.data.order.outTradeNo, tradeNo: r.body.data.payment.tradeNo, total: ((100 + i) / 100).toFixed(2) });
      }
      const bodies = orders.flatMap((o) => Array.from({ length: 10 }, () => alipayNotice(o)));
      bodies.sort(() => Math.random() - 0.5);
      let notOk = 0;
      const url = `${stack.baseUrl}/notify/alipay`;
      let dropped = 0;
      const notify = await timed(bodies, 20, async (body) => {
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body });
            if ((await r.text()) !== 'success') notOk += 1;
            return;
          } catch {
            dropped += 1; // a kept-alive socket closed under load: Alipay would retry too
          }
        }
      });
      const paid = await stack.db.ds.query("SELECT COUNT(*) AS n FROM payment_order WHERE provider = 'alipay' AND status = 'SUCCESS'");
      table('Alipay notification handling', [
        { what: 'RSA2 verify only (alipay-sdk checkNotifySignV2, in process)', 'per second': Math.round(inProcess), 'p50 ms': '-', 'p99 ms': '-', note: `${forms.length} notifications` },
        { what: 'POST /notify/alipay (HTTP, 20 in flight)', 'per second': Math.round(bodies.length / notify.seconds), 'p50 ms': percentile(notify.latencies, 50).toFixed(1), 'p99 ms': percentile(notify.latencies, 99).toFixed(1), note: `${bodies.length} notifications, ${ORDERS} orders (${Number(paid[0].n)} SUCCESS), ${notOk} not 'success', ${dropped} connection resets retried` },
      ]);
      console.log(`(load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')}: BFF, twins and load generator share one Node process)`);
    } finally {
      await stack?.close();
    }
  },
};
