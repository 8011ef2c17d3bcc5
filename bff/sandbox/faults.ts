/**
 * Failures a test or a demo can order from a twin: `POST /sandbox/faults {target, mode, times}`.
 * target is `<system>:<api>` (e.g. `national:essc.person.verify`, `wechat:jscode2session`), or
 * `<system>:*` for every API of that system.
 */
export type FaultMode =
  | 'timeout' // hold the request longer than any sane client timeout
  | 'http500' // answer 500 with an HTML body, as a proxy in front of the real system would
  | 'busy' // the system's own "busy, try later" code
  | 'bad-signature' // sign the reply with the wrong key
  | 'stale-timestamp' // sign a reply dated 10 minutes ago
  | 'duplicate' // callbacks: deliver the same event twice at once
  | 'out-of-order'; // callbacks: hold an event back until the next one went out

export interface Fault {
  target: string;
  mode: FaultMode;
  times: number;
  delayMs?: number;
}

export class FaultBook {
  private faults: Fault[] = [];

  add(f: Fault): void {
    this.faults.push({ ...f, times: Math.max(1, f.times) });
  }

  /** Consumes one use of the first fault matching `system:api`, if any. */
  take(system: string, api: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.target === `${system}:${api}` || f.target === `${system}:*`);
    if (i < 0) return undefined;
    const f = this.faults[i];
    f.times -= 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  clear(): void {
    this.faults = [];
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
