import { NOTIFY_PATH, signedRequestHeaders, type HrssEventEnvelope } from '../../src/adapters/hrss/hrss-wire';
import type { SandboxContext } from '../sandbox-context';

/**
 * Sends the HRSS system's callbacks to the BFF (`POST /notify/hrss`), signed like every HRSS
 * request, and retries each until the BFF answers `{code: 'SUCCESS'}` or the schedule runs out.
 * Faults (`POST /sandbox/faults {target: 'hrss:notify', mode}`) make it misbehave the way real
 * notifiers do: `duplicate` (the same event twice at once), `out-of-order` (held back until the
 * next event went out), `bad-signature` / `stale-timestamp` (the first attempt is forged; the
 * retry is genuine).
 */

export type Forgery = 'bad-signature' | 'stale-timestamp' | 'tampered' | 'replayed';

export interface DeliveryLogEntry {
  eventId: string;
  type: string;
  version: number;
  attempt: number;
  forged: Forgery | null;
  httpStatus: number;
  replyCode: string | null;
  at: number;
}

export class HrssNotifier {
  readonly log: DeliveryLogEntry[] = [];
  private readonly held: HrssEventEnvelope[] = [];
  private inFlight = 0;
  private scheduled = 0;

  constructor(
    private readonly sc: SandboxContext,
    private readonly schedule: () => number[],
  ) {}

  private get creds() {
    return this.sc.credentials.hrss!;
  }

  /** Deliveries not finished yet (in flight or waiting for a retry, held events included). */
  pending(): number {
    return this.inFlight + this.scheduled + this.held.length;
  }

  send(event: HrssEventEnvelope): void {
    const fault = this.sc.faults.take('hrss', 'notify');
    if (fault?.mode === 'out-of-order') {
      this.held.push(event);
      // Released after the next event, or after the first retry interval if none comes.
      const t = setTimeout(() => this.release(event), Math.max(50, this.schedule()[0] ?? 1000));
      t.unref();
      return;
    }
    const forged = fault?.mode === 'bad-signature' || fault?.mode === 'stale-timestamp' ? fault.mode : null;
    void this.attempt(event, 0, forged);
    if (fault?.mode === 'duplicate') void this.attempt(event, 0, null);
    for (const h of this.held.splice(0)) void this.attempt(h, 0, null);
  }

  private release(event: HrssEventEnvelope): void {
    const i = this.held.indexOf(event);
    if (i >= 0) {
      this.held.splice(i, 1);
      void this.attempt(event, 0, null);
    }
  }

  private async attempt(event: HrssEventEnvelope, attempt: number, forged: Forgery | null): Promise<void> {
    this.inFlight += 1;
    let delivered = false;
    try {
      const r = await this.post(event, forged);
      delivered = r.status === 200 && (r.body as { code?: string } | null)?.code === 'SUCCESS';
    } finally {
      this.inFlight -= 1;
    }
    const plan = this.schedule();
    if (delivered || attempt >= plan.length) return;
    this.scheduled += 1;
    const t = setTimeout(() => {
      this.scheduled -= 1;
      void this.attempt(event, attempt + 1, null);
    }, plan[attempt]);
    t.unref();
  }

  /**
   * One delivery, possibly forged, answered with the BFF's reply. `tampered` signs the event and
   * then changes its payload; `replayed` sends the same signed request twice and reports the second.
   */
  async post(event: HrssEventEnvelope, forged: Forgery | null = null): Promise<{ status: number; body: unknown }> {
    const url = `${this.sc.bffBaseUrl}${NOTIFY_PATH}`;
    const now = this.sc.now();
    let body = JSON.stringify(event);
    const secret = forged === 'bad-signature' ? 'not-the-shared-hrss-secret' : this.creds.secret;
    const headers = signedRequestHeaders(secret, this.creds.channelNo, 'POST', NOTIFY_PATH, body, forged === 'stale-timestamp' ? now - 10 * 60_000 : now);
    if (forged === 'tampered') body = JSON.stringify({ ...event, payload: { ...(event.payload as object), status: 'approved', tampered: true } });
    const once = async () => {
      try {
        const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(5000) });
        const text = await res.text();
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        return { status: res.status, body: parsed };
      } catch {
        return { status: 0, body: null };
      }
    };
    let r = await once();
    if (forged === 'replayed') r = await once();
    this.log.push({
      eventId: event.eventId, type: event.type, version: event.version, attempt: this.log.filter((l) => l.eventId === event.eventId).length,
      forged, httpStatus: r.status, replyCode: (r.body as { code?: string } | null)?.code ?? null, at: now,
    });
    return r;
  }
}
