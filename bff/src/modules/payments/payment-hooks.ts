import type { EntityManager } from 'typeorm';
import type { PaymentOrder } from './payment-order.entity';
import type { PaymentRefund } from './payment-refund.entity';

export type PaymentHookEvent = 'paid' | 'refunded' | 'closed';

export interface PaymentHookContext {
  /** The order as it is after the transition. */
  order: PaymentOrder;
  /** For `refunded`: the refund that just succeeded. */
  refund?: PaymentRefund;
  /** For `refunded`: whether the order is now fully refunded (REFUNDED). */
  fullyRefunded?: boolean;
  /** The transaction of the transition: write your own rows through it, so they commit (or not) with it. */
  manager: EntityManager;
  /** What moved the order: `notify`, `query`, `closer`, `user`. */
  source: string;
}

export type PaymentHook = (ctx: PaymentHookContext) => Promise<void>;

/**
 * Where features react to payments: a fee marks its bill paid, a medical settlement confirms the
 * self-pay part, a merchant charge answers the terminal. A hook runs inside the database
 * transaction that made the transition, right after the conditional UPDATE succeeded — so it
 * runs exactly once per order and event, and if it throws, the transition is rolled back and
 * the provider's notification is answered with a retry request.
 *
 * Hooks must only write to this database through `ctx.manager`. Anything that talks to an
 * outside system (telling the HRSS system a bill is paid) belongs in the feature's own outbox
 * row written here and sent by its own job after the commit.
 */
export class PaymentHooks {
  private readonly hooks: Array<{ event: PaymentHookEvent; payableType?: string; fn: PaymentHook; name: string }> = [];

  /** `payableType` limits the hook to orders of that payable; omit it to hear every order. */
  on(event: PaymentHookEvent, fn: PaymentHook, opts: { payableType?: string; name?: string } = {}): () => void {
    const entry = { event, payableType: opts.payableType, fn, name: opts.name ?? fn.name ?? 'hook' };
    this.hooks.push(entry);
    return () => {
      const i = this.hooks.indexOf(entry);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  async run(event: PaymentHookEvent, ctx: PaymentHookContext): Promise<void> {
    for (const h of this.hooks) {
      if (h.event !== event || (h.payableType && h.payableType !== ctx.order.payableType)) continue;
      await h.fn(ctx);
    }
  }
}
