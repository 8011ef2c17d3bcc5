import { randomBytes, timingSafeEqual } from 'node:crypto';
import { requiredSignLevel, type BusiType, type QrCode, type TerminalVerifyResult } from '@qdssc/shared';
import { AppError } from '../../http/app-error';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import { hmacSm3 } from '../../lib/crypto/sm';
import { newId } from '../../lib/ids';
import type { AuditService } from '../audit/audit.service';
import type { CardStatusService } from './card-status.service';

/**
 * The e-card's dynamic QR code. The payload carries no account data:
 *
 *   E1.<id>.<exp>.<sig>   id  = 128 random bits, base64url
 *                         exp = expiry, Unix seconds
 *                         sig = first 128 bits of HMAC-SM3(QR_SIGNING_KEY, "E1.<id>.<exp>"), base64url
 *
 * What the id stands for lives only in the KV store (`qr:<id>`, shared through Redis between BFF
 * processes) until shortly after expiry; a verification marks it used with `setIfAbsent`, so a
 * code is accepted once however many terminals race, and a screenshot is useless after its minute.
 */
export const QR_PREFIX = 'E1';
const REFRESH_MARGIN_SECONDS = 10;
const KEEP_AFTER_EXPIRY_MS = 120_000;

export interface QrDeps {
  kv: KvStore;
  clock: Clock;
  signingKey: string;
  ttlSeconds: number;
  cardStatus: CardStatusService;
  audit: AuditService;
}

export function parseQrPayload(payload: string): { id: string; exp: number; sig: string } | null {
  const m = /^E1\.([A-Za-z0-9_-]{22})\.(\d{9,11})\.([A-Za-z0-9_-]{22})$/.exec(payload.trim());
  return m ? { id: m[1], exp: Number(m[2]), sig: m[3] } : null;
}

export class QrCodeService {
  constructor(private readonly d: QrDeps) {}

  private sign(id: string, exp: number): Buffer {
    return hmacSm3(this.d.signingKey, `${QR_PREFIX}.${id}.${exp}`).subarray(0, 16);
  }

  /** A fresh code for a card the caller may show and that is usable (checked by the caller). */
  async issue(ecard: { id: string }): Promise<QrCode> {
    const now = this.d.clock.now();
    const id = randomBytes(16).toString('base64url');
    const exp = Math.floor(now / 1000) + this.d.ttlSeconds;
    const payload = `${QR_PREFIX}.${id}.${exp}.${this.sign(id, exp).toString('base64url')}`;
    await this.d.kv.set(`qr:${id}`, ecard.id, exp * 1000 - now + KEEP_AFTER_EXPIRY_MS);
    return {
      qrcode: payload,
      expiresAt: new Date(exp * 1000).toISOString(),
      ttlSeconds: this.d.ttlSeconds,
      refreshInSeconds: Math.max(Math.ceil(this.d.ttlSeconds / 2), this.d.ttlSeconds - REFRESH_MARGIN_SECONDS),
    };
  }

  /**
   * A terminal's verification: signature, expiry, the card's state and level, then the single-use
   * mark. Every outcome is audited with the terminal as actor.
   */
  async verify(terminal: { id: string; kind: string }, qrcode: string, busiType: BusiType, requestId?: string): Promise<TerminalVerifyResult> {
    return (await this.verifyCard(terminal, qrcode, busiType, requestId)).result;
  }

  /** The same verification, also naming the e-card and resident (for a charge made on it here). */
  async verifyCard(terminal: { id: string; kind: string }, qrcode: string, busiType: BusiType, requestId?: string): Promise<{ result: TerminalVerifyResult; ecardId: string; residentId: string }> {
    let subject: string | null = null;
    const audit = (result: 'ok' | 'refused', code?: string) =>
      this.d.audit.record({ action: 'ecard.qr.verify', result, code, actorTerminalId: terminal.id, subjectResidentId: subject, requestId, detail: { busiType, terminalKind: terminal.kind } });
    try {
      const p = parseQrPayload(qrcode);
      if (!p) throw new AppError('QR_CODE_INVALID');
      const expected = this.sign(p.id, p.exp);
      const given = Buffer.from(p.sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('QR_CODE_INVALID');
      if (p.exp * 1000 <= this.d.clock.now()) throw new AppError('QR_CODE_EXPIRED');
      const ecardId = await this.d.kv.get(`qr:${p.id}`);
      if (!ecardId) throw new AppError('QR_CODE_INVALID');
      const card = await this.d.cardStatus.check(ecardId);
      if (!card) throw new AppError('QR_CODE_INVALID');
      subject = card.residentId;
      if (!card.usability.usable) throw new AppError(card.usability.code);
      if (card.signLevel < requiredSignLevel(busiType)) throw new AppError('ECARD_LEVEL_TOO_LOW');
      if (!(await this.d.kv.setIfAbsent(`qr-used:${p.id}`, terminal.id, p.exp * 1000 - this.d.clock.now() + KEEP_AFTER_EXPIRY_MS))) throw new AppError('QR_CODE_USED');
      const now = this.d.clock.now();
      await audit('ok');
      const result: TerminalVerifyResult = {
        verificationId: newId(now),
        holder: card.holder,
        cardStatus: card.physicalStatus!,
        signLevel: card.signLevel,
        busiType,
        verifiedAt: new Date(now).toISOString(),
      };
      return { result, ecardId: card.ecardId, residentId: card.residentId };
    } catch (err) {
      if (err instanceof AppError) await audit('refused', err.code);
      throw err;
    }
  }
}
