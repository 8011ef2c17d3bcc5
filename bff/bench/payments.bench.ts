import { createPrivateKey, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { WechatPayClient } from '../src/adapters/wechat-pay/wechat-pay.client';
import { encryptResource, nonceStr, responseMessage, rsaSign, toCstRfc3339 } from '../src/adapters/wechat-pay/wechat-pay.crypto';
import { systemClock } from '../src/lib/clock';
import type { PayableProvider } from '../src/modules/payments/payables';
import credentials from '../sandbox/credentials.json';
import type { Stack } from '../test/support/stack';
import { percentile, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

const c = credentials.wechatPay;
const platformKey = createPrivateKey(c.platformPrivateKey);

/** A notification exactly as WeChat Pay sends it (signed, sealed), for an order of ours. */
function notification(o: { outTradeNo: string; amountFen: number; txn: string }) {
  const resource = {
    appid: c.appid, mchid: c.mchid, out_trade_no: o.outTradeNo, transaction_id: o.txn, trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功',
    bank_type: 'OTHERS', attach: '', success_time: toCstRfc3339(Date.now()), payer: { openid: 'o-bench' }, amount: { total: o.amountFen, payer_total: o.amountFen, currency: 'CNY', payer_currency: 'CNY' },
  };
  const body = JSON.stringify({ id: randomUUID(), create_time: toCstRfc3339(Date.now()), resource_type: 'encrypt-resource', event_type: 'TRANSACTION.SUCCESS', summary: '支付成功', resource: encryptResource(c.apiV3Key, JSON.stringify(resource), 'transaction', 'transaction') });
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = nonceStr();
  return {
    body,
    headers: { 'content-type': 'application/json', 'wechatpay-timestamp': ts, 'wechatpay-nonce': nonce, 'wechatpay-signature': rsaSign(platformKey, responseMessage(ts, nonce, body)), 'wechatpay-serial': c.platformSerial, 'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048' },
  };
}

/** Runs `fn` over `items` with `concurrency` in flight; returns each call's latency in ms. */
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

const benchBills: PayableProvider = {
  type: 'bench-bill',
  async resolve(ref) {
    return /^B\d+$/.test(ref) ? { kind: 'contribution', merchantId: 'QD-BENCH', description: `压测账单 ${ref}`, amountFen: 100 + Number(ref.slice(1)), oncePerPayer: true } : null;
  },
};

/**
 * Callback handling throughput (verified + decrypted WeChat Pay notifications per second, over
 * HTTP into the BFF with SQLite, a tenth of them first deliveries that pay an order, the rest
 * duplicates) and create-order latency (POST /api/v1/payments/orders, which includes the signed
 * JSAPI prepay at the twin and the verification of its signed answer).
 */
export const paymentsBench: Bench = {
  name: 'payments',
  description: 'WeChat Pay callbacks/s (verify + decrypt + guarded transition) and create-order p99, SQLite, twin over HTTP',
  async run() {
    let stack: Stack | undefined;
    try {
      // In-process: the cryptography alone.
      const client = new WechatPayClient({ apiBase: 'http://unused', mchid: c.mchid, appid: c.appid, merchantSerial: c.merchantSerial, merchantPrivateKey: c.merchantPrivateKey, platformSerial: c.platformSerial, platformPublicKey: c.platformPublicKey, apiV3Key: c.apiV3Key, timeoutMs: 1000 }, systemClock);
      const samples = Array.from({ length: 2000 }, (_, i) => notification({ outTradeNo: `QBENCH${i}`, amountFen: 100, txn: `4200${i}` }));
      const t0 = process.hrtime.bigint();
      for (const n of samples) {
        const v = client.verifyNotification({ timestamp: n.headers['wechatpay-timestamp'], nonce: n.headers['wechatpay-nonce'], signature: n.headers['wechatpay-signature'], serial: n.headers['wechatpay-serial'] }, n.body);
        if (!v.ok) throw new Error('bench notification did not verify');
      }
      const inProcess = samples.length / (Number(process.hrtime.bigint() - t0) / 1e9);

      stack = await startBenchStack();
      stack.app.services.payments.payables.register(benchBills);
      await fetch(`${stack.sandboxUrl}/sandbox/wechatpay/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ autoNotify: false }) });
      const payer = await stack.loginAs('adult-active');

      // Create-order latency: each call is a new bill, prepared at the twin.
      const ORDERS = 300;
      const created: Array<{ outTradeNo: string; amountFen: number }> = [];
      await timed(Array.from({ length: 20 }, (_, i) => i), 5, async (i) => {
        await payer.post('/api/v1/payments/orders', { payableType: 'bench-bill', payableRef: `B9${i}`, provider: 'wechatpay', clientOperationId: `op-warm-${i}-${randomUUID()}` });
      });
      const create = await timed(Array.from({ length: ORDERS }, (_, i) => i), 10, async (i) => {
        const r = await payer.post('/api/v1/payments/orders', { payableType: 'bench-bill', payableRef: `B${i}`, provider: 'wechatpay', clientOperationId: `op-bench-${i}-${randomUUID()}` });
        if (r.status !== 200) throw new Error(`create failed: ${JSON.stringify(r.body)}`);
        created.push({ outTradeNo: r.body.data.order.outTradeNo, amountFen: r.body.data.order.amountFen });
      });

      // Callbacks: each order notified ten times (1 pays it, 9 are duplicates), shuffled.
      const deliveries = created.flatMap((o, i) => Array.from({ length: 10 }, () => ({ ...o, txn: `4200bench${i}` })));
      deliveries.sort(() => Math.random() - 0.5);
      const built = deliveries.map(notification);
      const url = `${stack.baseUrl}/notify/wechatpay`;
      let failures = 0;
      const callbacks = await timed(built, 50, async (n) => {
        const r = await fetch(url, { method: 'POST', headers: n.headers, body: n.body });
        await r.arrayBuffer();
        if (r.status !== 204) failures += 1;
      });
      const paid = await stack.db.ds.query("SELECT COUNT(*) AS n FROM payment_order WHERE payable_type = 'bench-bill' AND status = 'SUCCESS'");

      table('WeChat Pay notification handling', [
        { what: 'verify + decrypt only (in process, 1 core)', 'per second': Math.round(inProcess), 'p50 ms': '-', 'p99 ms': '-', note: `${samples.length} notifications` },
        {
          what: 'POST /notify/wechatpay (HTTP, 50 in flight)',
          'per second': Math.round(built.length / callbacks.seconds),
          'p50 ms': percentile(callbacks.latencies, 50).toFixed(1),
          'p99 ms': percentile(callbacks.latencies, 99).toFixed(1),
          note: `${built.length} callbacks, ${ORDERS} orders paid once each (${Number(paid[0].n)} SUCCESS), ${failures} non-204`,
        },
      ]);
      console.log(`(load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${require('node:os').cpus().length} cores while measuring: the BFF, the twin and the load generator share one Node process)`);
      table('Create order (POST /api/v1/payments/orders incl. signed prepay at the twin, 10 in flight)', [
        { orders: ORDERS, 'per second': Math.round(ORDERS / create.seconds), 'p50 ms': percentile(create.latencies, 50).toFixed(1), 'p99 ms': percentile(create.latencies, 99).toFixed(1), 'max ms': Math.max(...create.latencies).toFixed(1) },
      ]);
    } finally {
      await stack?.close();
    }
  },
};
