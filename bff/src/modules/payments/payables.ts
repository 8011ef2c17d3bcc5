import type { ErrorCode, LoginChannel, OrderKind } from '@qdssc/shared';
import type { PaymentOrder } from './payment-order.entity';

/** Who is paying: the logged-in account and, once real-name bound, its resident. */
export interface Payer {
  userId: string;
  residentId: string | null;
  channel: LoginChannel;
}

/** What a payable says about one thing to pay, decided on the server (never the client's amount). */
export interface ResolvedPayable {
  kind: OrderKind;
  /** Our merchant (the payee), e.g. `QD-HRSS-EXAM`; `out_trade_no` is unique per merchant. */
  merchantId: string;
  /** Shown in the payment sheet and the provider's bill: at most 127 bytes. */
  description: string;
  amountFen: number;
  /** A bill is paid once: a second order is refused while one is open or paid (guarded by a unique key). */
  oncePerPayer: boolean;
  /** The resident the payment is for, when the payable knows it (a contribution bill names the insured). */
  payerResidentId?: string | null;
}

export interface CatalogueItem {
  ref: string;
  kind: OrderKind;
  title: string;
  detail: string | null;
  amountFen: number;
  refundable: boolean;
}

export type RefundDecision = { allowed: true } | { allowed: false; code: ErrorCode };

/**
 * A feature's source of things to pay: contribution bills, exam and training fees, medical
 * self-pay parts, merchant charges. The payments module asks it for the amount and description
 * when an order is created, and for its refund policy when a refund is asked for; the feature
 * reacts to payments through PaymentHooks.
 */
export interface PayableProvider {
  /** Unique name, stored on each order (`payable_type`). */
  type: string;
  resolve(ref: string, payer: Payer): Promise<ResolvedPayable | null>;
  /** Items the payer can pick from (a catalogue); providers of bills may list the payer's open bills. */
  list?(payer: Payer): Promise<CatalogueItem[]>;
  /** Whether the payer may ask for a refund of this paid order online. Default: no. */
  refundPolicy?(order: PaymentOrder, payer: Payer): Promise<RefundDecision> | RefundDecision;
}

export class PayableRegistry {
  private readonly providers = new Map<string, PayableProvider>();

  register(p: PayableProvider): this {
    if (this.providers.has(p.type)) throw new Error(`payable type ${p.type} registered twice`);
    if (!/^[a-z][a-z0-9-]{1,31}$/.test(p.type)) throw new Error(`payable type ${p.type}: use 2–32 lowercase letters, digits and dashes`);
    this.providers.set(p.type, p);
    return this;
  }

  get(type: string): PayableProvider | undefined {
    return this.providers.get(type);
  }

  all(): PayableProvider[] {
    return [...this.providers.values()];
  }
}
