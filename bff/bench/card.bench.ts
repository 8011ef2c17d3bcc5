import { passedFaceCheck, qrFor, terminal, terminalPost, withEcard } from '../test/support/ecard-flow';
import { quickHrss } from '../test/support/sandbox-control';
import type { Stack } from '../test/support/stack';
import { ms, percentile, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

const elapsed = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/**
 * How fast a temporary loss report reaches the terminals: a QR code is issued, the holder reports
 * the card lost (face check done beforehand, the HRSS twin answering without added latency), and a
 * terminal presents the earlier code. Timed from sending the report to the terminal's refusal;
 * the release between rounds is not timed.
 */
export const cardBench: Bench = {
  name: 'card',
  description: 'loss report → terminal refusal of a QR issued before it (in-process BFF + twins over HTTP, SQLite)',
  async run() {
    let stack: Stack | undefined;
    try {
      stack = await startBenchStack({ env: { QR_ISSUE_PER_MINUTE: '1000000' } });
      await quickHrss(stack);
      const h = await withEcard(stack, 'adult-active');
      const cardId = (await h.client.get('/api/v1/cards')).body.data[0].id as string;
      const rounds = 60;
      const total: number[] = [];
      const report: number[] = [];
      const hospital = terminal('hospital');
      for (let i = 0; i < rounds; i++) {
        const code = await qrFor(h.client, h.ecard.id);
        const faceCheckId = await passedFaceCheck(h.client, { purpose: 'confirm' });
        const t0 = process.hrtime.bigint();
        const lost = await h.client.post(`/api/v1/cards/${cardId}/temporary-loss`, { operationId: `bench-loss-${i}-${Date.now()}`, faceCheckId });
        const reported = elapsed(t0);
        const refused = await terminalPost(stack, hospital, { qrcode: code, busiType: '01' });
        const t = elapsed(t0);
        if (lost.status !== 200 || refused.body.code !== 'CARD_TEMPORARILY_LOST') throw new Error(`round ${i}: ${lost.status} ${JSON.stringify(lost.body).slice(0, 200)} / ${refused.body.code}`);
        if (i >= 10) {
          total.push(t);
          report.push(reported);
        }
        const face2 = await passedFaceCheck(h.client, { purpose: 'confirm' });
        await h.client.delete(`/api/v1/cards/${cardId}/temporary-loss`, { operationId: `bench-release-${i}-${Date.now()}`, faceCheckId: face2 });
      }
      table(`Temporary loss report → terminal refuses the earlier QR (${total.length} rounds after 10 warm-up)`, [
        { step: 'report answered (confirm + HRSS + guarded update + audit)', p50: ms(percentile(report, 50), 1), p99: ms(percentile(report, 99), 1) },
        { step: 'report sent → terminal refusal received', p50: ms(percentile(total, 50), 1), p99: ms(percentile(total, 99), 1) },
      ]);
    } finally {
      await stack?.close();
    }
  },
};
