import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { buildReply, buildRequest, openSecurity, verifyParams } from '../src/adapters/national-platform/csb-codec';
import { PiiCipher } from '../src/lib/crypto/pii-cipher';
import { signRequest } from '../src/lib/crypto/request-signing';
import { hmacSm3, sm3Hex } from '../src/lib/crypto/sm';
import { ApiClient } from '../test/support/api-client';
import { terminal, withEcard } from '../test/support/ecard-flow';
import type { Stack } from '../test/support/stack';
import { ms, percentile, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

/** Microseconds per call of `fn`, after a warm-up. */
function perOp(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - t) / 1000 / iterations;
}

async function roundTrips(stack: Stack, holders: Array<{ client: ApiClient; ecardId: string }>, connections: number, durationMs: number) {
  const t = terminal('pharmacy');
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const end = Date.now() + durationMs;
  const worker = async (i: number) => {
    const h = holders[i % holders.length];
    while (Date.now() < end) {
      const started = process.hrtime.bigint();
      const issued = await h.client.post(`/api/v1/ecards/${h.ecardId}/qrcodes`);
      if (issued.status !== 200) {
        failures.set(issued.body?.code ?? String(issued.status), (failures.get(issued.body?.code) ?? 0) + 1);
        continue;
      }
      const body = JSON.stringify({ qrcode: issued.body.data.qrcode, busiType: '01' });
      const ts = String(Date.now());
      const nonce = randomBytes(16).toString('hex');
      const verified = await stack.api.request('POST', '/terminal/v1/qrcodes/verify', {
        rawBody: body,
        headers: { 'content-type': 'application/json', 'x-terminal-id': t.id, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signRequest(t.secret, 'POST', '/terminal/v1/qrcodes/verify', ts, nonce, body) },
      });
      if (verified.status !== 200) failures.set(verified.body?.code ?? String(verified.status), (failures.get(verified.body?.code) ?? 0) + 1);
      else latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(i)));
  return { latencies, failures, seconds: durationMs / 1000 };
}

/**
 * The e-card's hot path: a QR code issued to a resident and verified by a terminal (two HTTP
 * requests with session, KV, SQLite, audit and the signature checks), at 50 concurrent
 * round trips; and what the national algorithms cost per request.
 */
export const ecardBench: Bench = {
  name: 'ecard',
  description: 'QR issue + terminal verify round trip at 50 connections (SQLite, in-memory KV); SM3/SM4/HMAC cost per request',
  async run() {
    let stack: Stack | undefined;
    try {
      stack = await startBenchStack({ env: { QR_ISSUE_PER_MINUTE: '1000000' } });
      const holders = [];
      for (const id of ['adult-active', 'adult-second-guardian', 'foreign-resident', 'hk-resident', 'elder']) {
        const h = await withEcard(stack, id);
        holders.push({ client: h.client, ecardId: h.ecard.id });
      }
      await roundTrips(stack, holders, 10, 1000); // warm-up
      const r = await roundTrips(stack, holders, 50, 8000);
      table('QR issue + verify round trip (two requests each), 50 concurrent round trips × 8 s', [
        {
          'round trips/s': Math.round(r.latencies.length / r.seconds),
          'p50': ms(percentile(r.latencies, 50), 1),
          'p99': ms(percentile(r.latencies, 99), 1),
          'failed': [...r.failures.values()].reduce((a, b) => a + b, 0),
        },
      ]);
      if (r.failures.size) console.log('  failures by code:', Object.fromEntries(r.failures));
    } finally {
      await stack?.close();
    }

    const body = Buffer.from(JSON.stringify({ qrcode: `E1.${'a'.repeat(22)}.1795900000.${'b'.repeat(22)}`, busiType: '01' }));
    const toSign = `POST\n/terminal/v1/qrcodes/verify\n1795900000000\n${'n'.repeat(32)}\n${sm3Hex(body)}`;
    const sm4Key = randomBytes(16);
    const iv = randomBytes(16);
    const payload = Buffer.from(JSON.stringify({ busiSeq: 'x'.repeat(32), aac002: '370202198503152027', aac003: '王海燕', aac058: '01', channelNo: '3702000001' }));
    const pii = new PiiCipher(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
    const sealed = pii.encrypt('370202198503152027');
    const creds = { accessKey: 'AK', secretKey: 'secret-key-of-the-channel', sm4Key: sm4Key.toString('hex') };
    const req = buildRequest('essc.card.sign', JSON.parse(payload.toString()), creds, Date.now());
    const reply = buildReply('000000', '成功', { signNo: '1'.repeat(26), signLevel: 1, signDate: '20261129', validate: '20361129' }, creds, Date.now());
    const n = 20_000;
    const rows = [
      { operation: 'SM3 of a terminal request body (~90 B)', 'µs/op': perOp(() => sm3Hex(body), n) },
      { operation: 'HMAC-SM3 terminal signature (string to sign)', 'µs/op': perOp(() => hmacSm3('sbx-terminal-secret', toSign), n) },
      { operation: 'HMAC-SM3 QR payload signature', 'µs/op': perOp(() => hmacSm3('sandbox-qr-hmac-key-0123456789abcdef', `E1.${'a'.repeat(22)}.1795900000`), n) },
      { operation: 'HMAC-SHA256 (for comparison)', 'µs/op': perOp(() => createHmac('sha256', 'k').update(toSign).digest(), n) },
      { operation: 'SM4-CBC encrypt ~150 B (CSB security)', 'µs/op': perOp(() => { const c = createCipheriv('sm4-cbc', sm4Key, iv); Buffer.concat([c.update(payload), c.final()]); }, n) },
      { operation: 'AES-128-CBC encrypt ~150 B (for comparison)', 'µs/op': perOp(() => { const c = createCipheriv('aes-128-cbc', sm4Key, iv); Buffer.concat([c.update(payload), c.final()]); }, n) },
      { operation: 'CSB request: seal + sign (our side)', 'µs/op': perOp(() => buildRequest('essc.card.sign', { a: 1 }, creds, Date.now()), n / 4) },
      { operation: 'CSB reply: verify + open (our side)', 'µs/op': perOp(() => { verifyParams(reply as never, creds.secretKey); openSecurity(reply.result!, creds.sm4Key); }, n / 4) },
      { operation: 'CSB request check on the twin (verify + open)', 'µs/op': perOp(() => { verifyParams(req, creds.secretKey); openSecurity(req.security, creds.sm4Key); }, n / 4) },
      { operation: 'PII AES-256-GCM encrypt (ID number)', 'µs/op': perOp(() => pii.encrypt('370202198503152027'), n) },
      { operation: 'PII AES-256-GCM decrypt (ID number)', 'µs/op': perOp(() => pii.decrypt(sealed), n) },
      { operation: 'PII keyed lookup hash', 'µs/op': perOp(() => pii.lookupHash('id_number', '370202198503152027'), n) },
      { operation: 'e-card password scrypt N=2^15 (per try)', 'µs/op': perOp(() => scryptSync('258369', 'salt-salt-salt16', 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }), 10) },
      { operation: 'SM4-CBC encrypt + decrypt ~150 B', 'µs/op': perOp(() => { const c = createCipheriv('sm4-cbc', sm4Key, iv); const ct = Buffer.concat([c.update(payload), c.final()]); const d = createDecipheriv('sm4-cbc', sm4Key, iv); Buffer.concat([d.update(ct), d.final()]); }, n / 2) },
    ];
    table('National and at-rest cryptography, one core', rows.map((r) => ({ operation: r.operation, 'µs/op': r['µs/op'].toFixed(r['µs/op'] < 10 ? 2 : 0) })));
    const verifyCrypto = rows[0]['µs/op'] + rows[1]['µs/op'] + rows[2]['µs/op'];
    const issueCrypto = rows[2]['µs/op'];
    console.log(`\nPer request: a terminal verification spends ~${verifyCrypto.toFixed(1)} µs in SM3/HMAC-SM3 (body hash, signature, QR signature); a QR issue ~${issueCrypto.toFixed(1)} µs; a national-platform call ~${(rows[6]['µs/op'] + rows[7]['µs/op']).toFixed(0)} µs in SM4 + HMAC-SM3 on our side.`);
  },
};
