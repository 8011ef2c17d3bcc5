import { loadavg } from 'node:os';
import { AppUser } from '../src/modules/auth/app-user.entity';
import { NotificationSubscription } from '../src/modules/notifications/notification.entities';
import { table, type Bench } from './bench-kit';
import { startBenchStack } from './bench-stack';

const MESSAGES = Number(process.env.NOTIFY_BENCH_MESSAGES ?? 1000);

/**
 * Dispatcher throughput: MESSAGES outbox rows for one subscribed WeChat account (enough grants),
 * sent through the WeChat twin over HTTP by one dispatcher and by two side by side (as two BFF
 * processes would), on SQLite — what `npm start` runs. Every message is checked to arrive once.
 */
export const notificationsBench: Bench = {
  name: 'notifications',
  description: `subscription messages sent per second to the WeChat twin (${MESSAGES} messages)`,
  async run() {
    const rows: Array<Record<string, string | number>> = [];
    for (const dispatchers of [1, 2]) {
      const s = await startBenchStack({ env: { NOTIFY_BATCH_SIZE: '100' } });
      try {
        const c = await s.loginAs('elder', 'wechat');
        await c.post('/api/v1/notifications/subscriptions', { topics: ['payment_result'], results: { sbxWx_payment_result_tmpl: 'accept' } });
        const user = await s.db.ds.getRepository(AppUser).findOneByOrFail({ channelUserId: 'oWx-sbx-elder-0009' });
        await s.db.ds.getRepository(NotificationSubscription).update({ userId: user.id, topic: 'payment_result' }, { grants: MESSAGES });
        const svc = s.app.services.notifications;
        for (let i = 0; i < MESSAGES; i++) {
          await svc.notify({ residentId: '', userId: user.id, topic: 'payment_result', dedupeKey: `bench:${i}`, data: { description: `考试费${i}`, amount: '¥120.00', result: '支付成功', time: '2026年11月29日 10:00' } });
        }
        const ds = Array.from({ length: dispatchers }, (_, i) => (i === 0 ? svc.dispatcher : svc.newDispatcher()));
        const t0 = process.hrtime.bigint();
        await Promise.all(
          ds.map(async (d) => {
            while ((await d.runOnce()).claimed > 0) {
              /* until the outbox is empty */
            }
          }),
        );
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const got = (await (await fetch(`${s.sandboxUrl}/sandbox/wechat/subscribe-messages`)).json()) as { messages: unknown[] };
        rows.push({
          dispatchers,
          messages: MESSAGES,
          'sent to twin': got.messages.length,
          seconds: seconds.toFixed(2),
          'messages/s': (MESSAGES / seconds).toFixed(0),
          'load avg': loadavg()[0].toFixed(1),
        });
      } finally {
        await s.close();
      }
    }
    table('dispatcher throughput (SQLite, WeChat twin over HTTP, 8 in flight per dispatcher)', rows);
  },
};
