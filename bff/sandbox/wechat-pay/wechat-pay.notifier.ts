import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { encryptResource, nonceStr, responseMessage, rsaSign, toCstRfc3339 } from '../../src/adapters/wechat-pay/wechat-pay.crypto';

/**
 * How WeChat Pay delivers notifications: POST to the merchant's notify_url, signed with the
 * platform key, `resource` sealed with the APIv3 key. Anything but 200/204 is retried on the
 * real schedule — 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, about 24 h in all —
 * divided by `timeScale` so tests can watch a whole day of retries in seconds.
 */
export const RETRY_SCHEDULE_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

/** How one delivery may be spoiled, standing in for an attacker or a broken network. */
export type NoticeVariant =
  | 'valid'
  | 'forged' // signed with a key that is not the platform key
  | 'signtest' // WeChat Pay's own probe: a deliberately wrong signature prefixed WECHATPAY/SIGNTEST/
  | 'tampered' // signed, then the body changed (a different amount sealed in)
  | 'stale' // correctly signed ten minutes ago (a replay)
  | 'unknown-serial' // signed by a key id the merchant does not know
  | 'bad-ciphertext'; // correctly signed, but the resource sealed with the wrong APIv3 key

export interface Notice {
  url: string;
  eventType: string;
  summary: string;
  originalType: 'transaction' | 'refund';
  /** Decrypted resource. */
  resource: Record<string, unknown>;
}

export interface NotifyFault {
  /** Which notices it applies to: `TRANSACTION`, `REFUND` or `*`. */
  event: 'TRANSACTION' | 'REFUND' | '*';
  mode: 'duplicate' | 'hold' | 'drop' | NoticeVariant;
  /** duplicate: how many copies are sent at once (default 2). */
  copies?: number;
  /** hold: how long (real ms, not scaled) the first attempt waits. */
  holdMs?: number;
  times: number;
}

export interface NotifierDeps {
  platformKey: KeyObject | string;
  platformSerial: string;
  apiV3Key: string;
  now: () => number;
  timeScale: () => number;
}

export interface DeliveryRecord {
  eventType: string;
  key: string;
  variant: NoticeVariant;
  status: number;
  attempt: number;
}

let strangerKey: KeyObject | undefined;
function wrongKey(): KeyObject {
  strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return strangerKey;
}

export class Notifier {
  private faults: NotifyFault[] = [];
  readonly deliveries: DeliveryRecord[] = [];

  constructor(private readonly d: NotifierDeps) {}

  addFault(f: NotifyFault): void {
    this.faults.push({ ...f, times: Math.max(1, f.times ?? 1) });
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(eventType: string): NotifyFault | undefined {
    const family = eventType.split('.')[0];
    const i = this.faults.findIndex((f) => f.event === '*' || f.event === family);
    if (i < 0) return undefined;
    const f = this.faults[i];
    f.times -= 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  /** The body and headers of one delivery of `n`, spoiled as `variant` says. */
  build(n: Notice, variant: NoticeVariant = 'valid'): { body: string; headers: Record<string, string> } {
    const key = variant === 'bad-ciphertext' ? 'x'.repeat(32) : this.d.apiV3Key;
    const envelope = {
      id: randomUUID(),
      create_time: toCstRfc3339(this.d.now()),
      resource_type: 'encrypt-resource',
      event_type: n.eventType,
      summary: n.summary,
      resource: encryptResource(key, JSON.stringify(n.resource), n.originalType, n.originalType),
    };
    let body = JSON.stringify(envelope);
    const at = Math.floor(this.d.now() / 1000) - (variant === 'stale' ? 600 : 0);
    const ts = String(at);
    const nonce = nonceStr();
    let signature = rsaSign(variant === 'forged' ? wrongKey() : this.d.platformKey, responseMessage(ts, nonce, body));
    if (variant === 'signtest') signature = `WECHATPAY/SIGNTEST/${signature.slice(0, 40)}`;
    if (variant === 'tampered') {
      const amount = n.resource.amount as Record<string, number> | undefined;
      const changed = { ...n.resource, amount: { ...amount, total: 1, payer_total: 1, refund: 1, payer_refund: 1 } };
      body = JSON.stringify({ ...envelope, resource: encryptResource(this.d.apiV3Key, JSON.stringify(changed), n.originalType, n.originalType) });
    }
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/4.0',
        'wechatpay-timestamp': ts,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
        'wechatpay-serial': variant === 'unknown-serial' ? 'PUB_KEY_ID_0000000000000000000000000000000000' : this.d.platformSerial,
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      },
    };
  }

  /** One POST; the status the merchant answered, or 0 when it could not be reached. */
  async deliverOnce(n: Notice, variant: NoticeVariant = 'valid', attempt = 0): Promise<number> {
    const { body, headers } = this.build(n, variant);
    let status = 0;
    try {
      const res = await fetch(n.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 0;
    }
    this.deliveries.push({ eventType: n.eventType, key: String(n.resource.out_refund_no ?? n.resource.out_trade_no ?? ''), variant, status, attempt });
    if (this.deliveries.length > 20_000) this.deliveries.splice(0, 10_000); // a long-running demo sandbox
    return status;
  }

  /**
   * Delivers with retries until the merchant says 200/204 or the schedule is used up. A fault
   * taken from the queue may hold, drop, duplicate or spoil the first attempt; retries are clean,
   * as the real service's would be.
   */
  schedule(n: Notice): void {
    const fault = this.takeFault(n.eventType);
    if (fault?.mode === 'drop') return;
    const firstVariant: NoticeVariant = fault && fault.mode !== 'duplicate' && fault.mode !== 'hold' ? fault.mode : 'valid';
    const copies = fault?.mode === 'duplicate' ? Math.max(2, fault.copies ?? 2) : 1;
    const run = async (attempt: number) => {
      const variant = attempt === 0 ? firstVariant : 'valid';
      const statuses = await Promise.all(Array.from({ length: attempt === 0 ? copies : 1 }, () => this.deliverOnce(n, variant, attempt)));
      if (statuses.some((s) => s === 200 || s === 204)) return;
      if (attempt >= RETRY_SCHEDULE_SECONDS.length) return;
      const delay = (RETRY_SCHEDULE_SECONDS[attempt] * 1000) / Math.max(1e-9, this.d.timeScale());
      setTimeout(() => void run(attempt + 1), delay).unref();
    };
    const hold = fault?.mode === 'hold' ? (fault.holdMs ?? 1000) : 0;
    if (hold > 0) setTimeout(() => void run(0), hold).unref();
    else setImmediate(() => void run(0));
  }
}
