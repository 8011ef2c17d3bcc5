import type { Clock } from './clock';
import type { Logger } from './logger';

interface Job {
  name: string;
  nextAt: number;
  /** Computes the next run after one that was due at `dueAt`. */
  next: (dueAt: number) => number;
  run: (dueAt: number) => Promise<unknown>;
  running: boolean;
}

const CST_OFFSET_MS = 8 * 3600_000;

/** The next instant after `after` when the China-time clock shows `hh:mm`. */
export function nextDailyAt(after: number, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const day = Math.floor((after + CST_OFFSET_MS) / 86_400_000) * 86_400_000 - CST_OFFSET_MS;
  let t = day + (h * 60 + m) * 60_000;
  while (t <= after) t += 86_400_000;
  return t;
}

/**
 * Background jobs on the injected clock. Due times are computed from `clock.now()`, and
 * `runDue()` runs whatever is due — `start()` calls it on a real timer, tests call it after
 * moving a ManualClock. A job never overlaps itself; a failure is logged and the job keeps its
 * schedule. Started by server.ts only, never by tests unless they ask.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  every(name: string, intervalMs: number, run: () => Promise<unknown>): this {
    this.jobs.push({ name, nextAt: this.clock.now() + intervalMs, next: () => this.clock.now() + intervalMs, run: () => run(), running: false });
    return this;
  }

  /** Daily at `hh:mm` China time; `run` gets the instant it was due. */
  dailyAt(name: string, hhmm: string, run: (dueAt: number) => Promise<unknown>): this {
    this.jobs.push({ name, nextAt: nextDailyAt(this.clock.now(), hhmm), next: (due) => nextDailyAt(Math.max(due, this.clock.now()), hhmm), run, running: false });
    return this;
  }

  /** Runs every job whose time has come (once each, however many runs were missed). */
  async runDue(): Promise<string[]> {
    const now = this.clock.now();
    const ran: string[] = [];
    await Promise.all(
      this.jobs
        .filter((j) => !j.running && j.nextAt <= now)
        .map(async (j) => {
          const due = j.nextAt;
          j.running = true;
          j.nextAt = j.next(due);
          try {
            await j.run(due);
            ran.push(j.name);
          } catch (err) {
            this.logger.error({ err, job: j.name }, 'scheduled job failed');
          } finally {
            j.running = false;
          }
        }),
    );
    return ran;
  }

  start(tickMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runDue(), tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  describe(): Array<{ name: string; nextAt: string }> {
    return this.jobs.map((j) => ({ name: j.name, nextAt: new Date(j.nextAt).toISOString() }));
  }
}
