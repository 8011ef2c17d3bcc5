import { qrFor, raiseToLevel2, terminal, terminalPost, withEcard } from '../test/support/ecard-flow';
import { quickHrss } from '../test/support/sandbox-control';
import type { Stack } from '../test/support/stack';
import { ms, percentile, table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

const elapsed = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/**
 * How fast a temporary loss report reaches the terminals: a QR code is issued, the holder reports
 * the card lost (e-card password, scrypt included; the HRSS twin answering without added latency), and a
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
      // Card operations are limited to 20 per hour per account (and face checks too): five holders, ten rounds each.
      const holders = [];
      for (const id of ['adult-active', 'adult-second-guardian', 'foreign-resident', 'hk-resident', 'elder']) {
        const h = await withEcard(stack, id);
        await raiseToLevel2(h.client, h.ecard.id, h.persona, '258369');
        holders.push({ ...h, cardId: (await h.client.get('/api/v1/cards')).body.data[0].id as string });
      }
      const total: number[] = [];
      const report: number[] = [];
      const mirror: number[] = [];
      const hospital = terminal('hospital');
      let round = 0;
      for (const h of holders) {
        for (let i = 0; i < 10; i++, round++) {
          const code = await qrFor(h.client, h.ecard.id);
          const t0 = process.hrtime.bigint();
          const lost = await h.client.post(`/api/v1/cards/${h.cardId}/temporary-loss`, { operationId: `bench-loss-${round}-${Date.now()}`, password: '258369' });
          const reported = elapsed(t0);
          const t1 = process.hrtime.bigint();
          const refused = await terminalPost(stack, hospital, { qrcode: code, busiType: '01' });
          const t = elapsed(t0);
          if (lost.status !== 200 || refused.body.code !== 'CARD_TEMPORARILY_LOST') throw new Error(`round ${round}: ${lost.status} ${JSON.stringify(lost.body).slice(0, 200)} / ${refused.body.code}`);
          if (round >= 3) {
            total.push(t);
            report.push(reported);
            mirror.push(elapsed(t1));
          }
          const released = await h.client.delete(`/api/v1/cards/${h.cardId}/temporary-loss`, { operationId: `bench-release-${round}-${Date.now()}`, password: '258369' });
          if (released.status !== 200) throw new Error(`release ${round}: ${JSON.stringify(released.body).slice(0, 200)}`);
        }
      }
      table(`Temporary loss report → terminal refuses the earlier QR (${total.length} rounds after 3 warm-up, password confirmation)`, [
        { step: 'report answered (confirm + HRSS + guarded update + audit)', p50: ms(percentile(report, 50), 1), p99: ms(percentile(report, 99), 1) },
        { step: 'report answered → terminal refusal received (signed verify)', p50: ms(percentile(mirror, 50), 1), p99: ms(percentile(mirror, 99), 1) },
        { step: 'report sent → terminal refusal received', p50: ms(percentile(total, 50), 1), p99: ms(percentile(total, 99), 1) },
      ]);
    } finally {
      await stack?.close();
    }
  },
};
