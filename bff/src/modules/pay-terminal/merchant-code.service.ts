import { timingSafeEqual } from 'node:crypto';
import type { MerchantView, ResolveMerchantCodeResponse } from '@qdssc/shared';
import type { DataSource, Repository } from 'typeorm';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { hmacSm3 } from '../../lib/crypto/sm';
import type { PayableProvider, ResolvedPayable } from '../payments/payables';
import { Merchant, type MerchantKind } from './pay-terminal.entities';

export const MERCHANT_PAYABLE = 'merchant';
/** Largest amount a resident may pay a merchant by scanning (the e-card daily limit; hosts have their own). */
export const MERCHANT_MAX_FEN = 500_000;

/**
 * Merchant codes (收款码) and what they lead to. A code is
 *
 *   M1.<merchantId>.<amountFen or 0>.<sig>   sig = first 96 bits of HMAC-SM3(key, "M1.<merchantId>.<amount>"), base64url
 *
 * so a printed code cannot be altered to another merchant or a lower fixed amount. The short code
 * printed under it (e.g. `YF0001`) can be typed in instead and never carries an amount. Once the
 * amount is known, resolve hands out a payable ref `<merchantId>.<amountFen>.<mac>` that the
 * order flow (`payableType: merchant`) accepts without trusting the client's amount.
 */
export class MerchantCodeService {
  private readonly repo: Repository<Merchant>;

  constructor(db: DataSource, private readonly key: string, private readonly clock: Clock) {
    this.repo = db.getRepository(Merchant);
  }

  private mac(text: string, bytes: number): string {
    return hmacSm3(`merchant-code:${this.key}`, text).subarray(0, bytes).toString('base64url');
  }

  codeFor(merchantId: string, amountFen = 0): string {
    const body = `M1.${merchantId}.${amountFen}`;
    return `${body}.${this.mac(body, 12)}`;
  }

  private refFor(merchantId: string, amountFen: number): string {
    return `${merchantId}.${amountFen}.${this.mac(`ref.${merchantId}.${amountFen}`, 9)}`;
  }

  private static same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  private view(m: Merchant): MerchantView {
    return { id: m.id, name: m.name, kind: m.kind };
  }

  async resolve(code: string, typedFen?: number): Promise<ResolveMerchantCodeResponse> {
    const c = code.trim();
    let merchant: Merchant | null = null;
    let fixed: number | null = null;
    const m = /^M1\.([A-Z0-9-]{2,16})\.(\d{1,9})\.([A-Za-z0-9_-]{16})$/.exec(c);
    if (m) {
      if (!MerchantCodeService.same(this.mac(`M1.${m[1]}.${m[2]}`, 12), m[3])) throw new AppError('MERCHANT_CODE_INVALID');
      merchant = await this.repo.findOneBy({ id: m[1] });
      fixed = Number(m[2]) || null;
    } else if (/^[A-Za-z0-9]{4,12}$/.test(c)) {
      merchant = await this.repo.findOneBy({ shortCode: c.toUpperCase() });
    }
    if (!merchant || !merchant.active) throw new AppError('MERCHANT_CODE_INVALID');
    const amount = fixed ?? typedFen ?? null;
    if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0 || amount > MERCHANT_MAX_FEN)) throw new AppError('MERCHANT_AMOUNT_INVALID');
    return { merchant: this.view(merchant), fixedAmountFen: fixed, amountFen: amount, payableRef: amount ? this.refFor(merchant.id, amount) : null };
  }

  /** The payable the order flow asks about: amount and payee from the signed ref only. */
  payable(): PayableProvider {
    return {
      type: MERCHANT_PAYABLE,
      resolve: async (ref): Promise<ResolvedPayable | null> => {
        const m = /^([A-Z0-9-]{2,16})\.(\d{1,9})\.([A-Za-z0-9_-]{12})$/.exec(ref);
        if (!m || !MerchantCodeService.same(this.mac(`ref.${m[1]}.${m[2]}`, 9), m[3])) return null;
        const merchant = await this.repo.findOneBy({ id: m[1], active: true });
        const amountFen = Number(m[2]);
        if (!merchant || amountFen <= 0 || amountFen > MERCHANT_MAX_FEN) return null;
        return { kind: 'merchant_scan', merchantId: `M-${merchant.id}`.slice(0, 32), description: merchant.name, amountFen, oncePerPayer: false };
      },
    };
  }

  /** Sandbox merchants for the demo (idempotent). */
  async seed(list: Array<{ id: string; name: string; kind: MerchantKind; shortCode: string }> = SANDBOX_MERCHANTS): Promise<void> {
    for (const m of list) {
      if (await this.repo.findOneBy({ id: m.id })) continue;
      try {
        await this.repo.insert({ ...m, active: true, createdAt: new Date(this.clock.now()) });
      } catch {
        // another process seeded it
      }
    }
  }
}

export const SANDBOX_MERCHANTS: Array<{ id: string; name: string; kind: MerchantKind; shortCode: string }> = [
  { id: 'PHARM-GF01', name: '国风大药房（演示·市南店）', kind: 'pharmacy', shortCode: 'YF0001' },
  { id: 'HOSP-SL01', name: '青岛市市立医院收费处（演示）', kind: 'hospital', shortCode: 'YY0001' },
  { id: 'CANT-RS01', name: '人社局职工食堂（演示）', kind: 'canteen', shortCode: 'ST0001' },
];
