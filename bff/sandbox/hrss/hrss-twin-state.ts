import { randomBytes } from 'node:crypto';
import type { ApplicationStatus } from '@qdssc/shared';
import type { HrssEventEnvelope } from '../../src/adapters/hrss/hrss-wire';
import type { Persona } from '../roster';
import type { SandboxContext } from '../sandbox-context';
import { HrssNotifier } from './hrss-notifier';

/**
 * What the HRSS twin remembers between requests: the applications it received, per-aggregate
 * event versions, the nonces it has seen, its settings, and the notifier that calls the BFF back.
 * Areas added later (cards, bills) keep their own maps here.
 */

export interface HrssTwinSettings {
  /** Added before every answer (benchmarks use 50 ms). */
  latencyMs: number;
  /** Applications move one step (accepted → in review → decided) every this many ms; 0 = only on request. */
  advanceStepMs: number;
  /** Waits between callback retries; the real system's are 15 s, 15 s, 30 s, 3 min, 10 min, 20 min, 30 min, 30 min, 60 min. */
  notifyScheduleMs: number[];
  /** What an application ends as when advanced automatically. */
  autoOutcome: 'approved' | 'rejected';
}

export const REAL_NOTIFY_SCHEDULE_MS = [15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 3_600_000];

export function defaultTwinSettings(env: NodeJS.ProcessEnv = process.env): HrssTwinSettings {
  return {
    latencyMs: Number(env.SANDBOX_HRSS_LATENCY_MS ?? 0),
    advanceStepMs: Number(env.SANDBOX_HRSS_ADVANCE_MS ?? 20_000),
    notifyScheduleMs: REAL_NOTIFY_SCHEDULE_MS,
    autoOutcome: 'approved',
  };
}

export interface TwinApplication {
  applicationNo: string;
  itemCode: string;
  aac002: string;
  form: Record<string, unknown>;
  attachments: unknown[];
  status: ApplicationStatus;
  version: number;
  reason: string | null;
  acceptNo: string | null;
  submittedAt: string;
}

export const APPLICATION_EVENT = 'business.application.status';

export function findPersonByIdNumber(sc: SandboxContext, aac002: unknown): Persona | undefined {
  return typeof aac002 === 'string' ? sc.roster.personas.find((p) => p.idNumber === aac002) : undefined;
}

export class HrssTwinState {
  readonly applications = new Map<string, TwinApplication>();
  /** Bills area (bills.hrss-api.ts): by bill number, and each person's bill numbers once made. */
  readonly bills = new Map<string, import('./bills.hrss-api').TwinBill>();
  readonly billsByPerson = new Map<string, string[]>();
  /** How many bills.pay calls were answered (tests check retries stay harmless). */
  billPayCalls = 0;
  readonly notifier: HrssNotifier;
  private readonly versions = new Map<string, number>();
  private readonly nonces = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly sc: SandboxContext,
    public settings: HrssTwinSettings,
  ) {
    this.notifier = new HrssNotifier(sc, () => this.settings.notifyScheduleMs);
  }

  /** True the first time a nonce is seen within the signature window. */
  useNonce(nonce: string): boolean {
    const now = this.sc.now();
    if (this.nonces.size > 10_000) for (const [n, t] of this.nonces) if (t < now - 10 * 60_000) this.nonces.delete(n);
    if (this.nonces.has(nonce)) return false;
    this.nonces.set(nonce, now);
    return true;
  }

  nextVersion(aggregate: string): number {
    const v = (this.versions.get(aggregate) ?? 0) + 1;
    this.versions.set(aggregate, v);
    return v;
  }

  /** Builds an event at the aggregate's next version (or the given one) and hands it to the notifier. */
  emit<P>(type: string, aggregate: string, subject: HrssEventEnvelope['subject'], payload: P, version?: number): HrssEventEnvelope<P> {
    const event: HrssEventEnvelope<P> = {
      eventId: `EV${this.sc.now()}${randomBytes(6).toString('hex')}`,
      type,
      version: version ?? this.nextVersion(aggregate),
      occurredAt: new Date(this.sc.now()).toISOString(),
      subject,
      payload,
    };
    this.notifier.send(event);
    return event;
  }

  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  /** Moves an application one step and tells the BFF. */
  step(app: TwinApplication, to: ApplicationStatus, reason: string | null = null): void {
    app.status = to;
    app.version += 1;
    if (to === 'accepted') app.acceptNo = `SL${new Date(this.sc.now()).toISOString().slice(0, 10).replace(/-/g, '')}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    if (to === 'rejected' || to === 'withdrawn') app.reason = reason;
    this.emit(APPLICATION_EVENT, `application:${app.applicationNo}`, { ref: app.applicationNo }, {
      applicationNo: app.applicationNo, status: app.status, reason: app.reason, acceptNo: app.acceptNo,
    }, app.version);
  }
}
