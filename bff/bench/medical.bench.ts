import { qrFor, terminal, terminalPost, withEcard } from '../test/support/ecard-flow';
import type { Stack } from '../test/support/stack';
import { ms, percentile, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

const ITEMS = [
  { code: 'A1', name: '阿莫西林胶囊', category: 'drug_a', quantity: 2, amountFen: 2_000 },
  { code: 'T1', name: '血常规检查', category: 'treatment', quantity: 1, amountFen: 1_000 },
];

/**
 * Medical settlement round trip in one process (BFF, twins over loopback HTTP, SQLite): the
 * terminal's signed upload (QR verification + platform pre-settlement + insert) and the
 * resident's confirmation that settles at the platform (self-pay 0: the fund and account cover
 * the bill, so no payment sheet is in the loop). QR issuing is outside the timed part.
 */
export const medicalBench: Bench = {
  name: 'medical',
  description: 'medical bill pre-settle and pre-settle + confirm round trip, p50/p99, SQLite, twins over HTTP',
  async run() {
    let stack: Stack | undefined;
    try {
      stack = await startBenchStack({ env: { QR_ISSUE_PER_MINUTE: '100000' } });
      await fetch(`${stack.sandboxUrl}/sandbox/medins/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deductibleFen: 0, fundCapFen: 1e12, categories: { drug_a: { eligiblePct: 100, fundPct: 100 }, treatment: { eligiblePct: 100, fundPct: 100 } } }) });
      const holder = await withEcard(stack, 'foreign-resident');
      const hospital = terminal('hospital');
      const N = 200;
      const pre: number[] = [];
      const round: number[] = [];
      for (let i = 0; i < N; i++) {
        const qrcode = await qrFor(holder.client, holder.ecard.id);
        const t0 = process.hrtime.bigint();
        const up = await terminalPost(stack, hospital, { qrcode, busiType: '04', outBillNo: `BENCH-${i}`, items: ITEMS }, { path: '/terminal/v1/medical-bills' });
        const t1 = process.hrtime.bigint();
        if (up.status !== 200) throw new Error(`upload ${up.status} ${JSON.stringify(up.body)}`);
        const c = await holder.client.post(`/api/v1/medical/settlements/${up.body.data.settlementId}/confirm`, { provider: 'wechatpay', clientOperationId: `bench-med-${i}-xxxx` });
        const t2 = process.hrtime.bigint();
        if (c.body.data?.settlement?.status !== 'SETTLED') throw new Error(`confirm ${c.status} ${JSON.stringify(c.body)}`);
        pre.push(Number(t1 - t0) / 1e6);
        round.push(Number(t2 - t0) / 1e6);
      }
      table(`medical settlement, ${N} bills one after another`, [
        { step: 'upload (verify QR + pre-settle)', p50: ms(percentile(pre, 50)), p99: ms(percentile(pre, 99)) },
        { step: 'upload + confirm → SETTLED', p50: ms(percentile(round, 50)), p99: ms(percentile(round, 99)) },
      ]);
    } finally {
      await stack?.close();
    }
  },
};
