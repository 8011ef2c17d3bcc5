import { LogCapture } from '../../test/support/log-capture';
import { ManualClock } from './clock';
import { createLogger } from './logger';
import { nextDailyAt, Scheduler } from './scheduler';

describe('the job scheduler on an injected clock', () => {
  it('finds the next time the China-time clock shows HH:mm', () => {
    // 2026-11-29 09:00 in Beijing is 01:00 UTC.
    const nineAm = Date.UTC(2026, 10, 29, 1, 0);
    expect(new Date(nextDailyAt(nineAm, '10:30')).toISOString()).toBe('2026-11-29T02:30:00.000Z');
    expect(new Date(nextDailyAt(Date.UTC(2026, 10, 29, 2, 30), '10:30')).toISOString()).toBe('2026-11-30T02:30:00.000Z');
    // 23:59 UTC is already the next day in Beijing.
    expect(new Date(nextDailyAt(Date.UTC(2026, 10, 29, 23, 59), '00:10')).toISOString()).toBe('2026-11-30T16:10:00.000Z');
  });

  it('runs interval and daily jobs only when due, once however many runs were missed', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 29, 1, 0));
    const s = new Scheduler(clock, createLogger('silent'));
    const ran: string[] = [];
    s.every('sweep', 30_000, async () => void ran.push('sweep'));
    s.dailyAt('reconcile', '10:30', async (due) => void ran.push(`reconcile@${new Date(due).toISOString()}`));
    expect(await s.runDue()).toEqual([]);
    clock.advance(30_000);
    expect(await s.runDue()).toEqual(['sweep']);
    clock.advance(2 * 3600_000);
    await s.runDue();
    expect(ran).toEqual(['sweep', 'sweep', 'reconcile@2026-11-29T02:30:00.000Z']);
    expect(await s.runDue()).toEqual([]);
    expect(s.describe().find((j) => j.name === 'reconcile')?.nextAt).toBe('2026-11-30T02:30:00.000Z');
  });

  it('never overlaps a job with itself and keeps the schedule after a failure', async () => {
    const clock = new ManualClock(0);
    const logs = new LogCapture();
    const s = new Scheduler(clock, createLogger('info', logs));
    let release!: () => void;
    let runs = 0;
    s.every('slow', 10, () => {
      runs += 1;
      return new Promise<void>((r) => (release = r));
    });
    s.every('broken', 10, async () => {
      throw new Error('boom');
    });
    clock.advance(10);
    const first = s.runDue();
    clock.advance(10);
    await s.runDue(); // slow is still running: not started again
    expect(runs).toBe(1);
    release();
    await first;
    clock.advance(10);
    const third = s.runDue();
    expect(runs).toBe(2);
    release();
    await third;
    expect(logs.entries().filter((e) => e.msg === 'scheduled job failed' && e.job === 'broken')).toHaveLength(2);
  });
});
