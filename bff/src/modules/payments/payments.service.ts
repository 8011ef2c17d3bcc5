import { z } from 'zod';
import {
  ListOrdersQuery,
  OPEN_ORDER_STATUSES,
  refundableFen,
  type CheckoutResponse,
  type CreateOrderRequest,
  type OrderStatus,
  type OrderView,
  type PayableItem,
  type PaymentProvider,
  type RefundView,
} from '@qdssc/shared';
import { In, LessThan, type Repository } from 'typeorm';
import { UpstreamError } from '../../adapters/http-client';
import { isUniqueViolation } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import { AppUser } from '../auth/app-user.entity';
import { ProviderRefusal, type PaymentGateway, type ProviderOrderState, type ProviderRefundState } from './payment-gateway';
import { PaymentOrder } from './payment-order.entity';
import type { PaymentRefund } from './payment-refund.entity';
import { orderSummary, orderView, refundView } from './payment-views';
import type { Payer, PayableRegistry } from './payables';
import type { PaymentStore } from './payment.store';
import { newOutRefundNo, newOutTradeNo } from './trade-numbers';

export interface PaymentsConfig {
  orderTtlSeconds: number;
  sandbox: boolean;
  /** Configured notification URLs per provider; in sandbox mode the request origin stands in. */
  notifyUrls: Partial<Record<PaymentProvider, string | undefined>>;
}

export interface PaymentsServiceDeps {
  store: PaymentStore;
  payables: PayableRegistry;
  gateways: Partial<Record<PaymentProvider, PaymentGateway>>;
  audit: AuditService;
  clock: Clock;
  logger: Logger;
  config: PaymentsConfig;
  users: Repository<AppUser>;
}

/** What the provider told us about a payment (a verified notification or a query), in our words. */
export interface ProviderPayment {
  outTradeNo: string;
  providerTxnId: string;
  paidAt: number;
  amountFen: number;
  mchid: string;
  appid: string;
}

export type PaymentOutcome = 'paid' | 'duplicate' | 'mismatch' | 'anomaly' | 'unknown';

/** Statuses reported as "open" and the like in the order list filter. */
const STATUS_FILTER: Record<string, OrderStatus[]> = {
  open: ['CREATED', 'PAYING'],
  paid: ['SUCCESS'],
  closed: ['CLOSED', 'REVOKED'],
  refunded: ['REFUNDED'],
};

/** Provider refusals of a refund that mean "not now" rather than "never". */
const TRANSIENT_REFUND_REFUSALS = new Set(['NOT_ENOUGH', 'FREQUENCY_LIMITED', 'SYSTEM_ERROR', 'USER_ACCOUNT_ABNORMAL_PENDING']);

/**
 * Orders from creation to a final state. The amount and description come from the payable on
 * the server; the provider's word (verified notification or query) is what makes an order
 * paid; every state change goes through PaymentStore's guarded transitions; calls to providers
 * happen outside database transactions and are safe to repeat.
 */
export class PaymentsService {
  constructor(private readonly d: PaymentsServiceDeps) {}

  private get store() {
    return this.d.store;
  }

  private now(): number {
    return this.d.clock.now();
  }

  gateway(provider: PaymentProvider): PaymentGateway {
    const g = this.d.gateways[provider];
    if (!g) throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE', { provider });
    return g;
  }

  // ── reading ──────────────────────────────────────────────────────────────

  async listPayables(payer: Payer): Promise<PayableItem[]> {
    const items: PayableItem[] = [];
    for (const p of this.d.payables.all()) {
      if (!p.list) continue;
      for (const item of await p.list(payer)) {
        const key = this.activeKey(p.type, item.ref, payer);
        const active = await this.store.orders.findOneBy({ activeKey: key });
        items.push({ payableType: p.type, ...item, paidOrderId: active?.status === 'SUCCESS' ? active.id : null });
      }
    }
    return items;
  }

  /** Another account's order answers 404, exactly like an order that does not exist. */
  async ownOrder(payer: Payer, orderId: string): Promise<PaymentOrder> {
    const o = await this.store.orders.findOneBy({ id: orderId });
    if (!o || o.payerUserId !== payer.userId) throw new AppError('PAYMENT_ORDER_NOT_FOUND');
    return o;
  }

  async view(order: PaymentOrder, payer?: Payer): Promise<OrderView> {
    const refunds = await this.store.refundsOf(order.id);
    return orderView(order, refunds, await this.refundAllowed(order, payer));
  }

  private async refundAllowed(order: PaymentOrder, payer?: Payer): Promise<boolean> {
    if (order.status !== 'SUCCESS') return false;
    const p = this.d.payables.get(order.payableType);
    if (!p?.refundPolicy) return false;
    const decision = await p.refundPolicy(order, payer ?? { userId: order.payerUserId, residentId: order.payerResidentId, channel: 'h5' });
    return decision.allowed;
  }

  async getOrder(payer: Payer, orderId: string, sync: boolean): Promise<OrderView> {
    let order = await this.ownOrder(payer, orderId);
    // The payment sheet said "paid" but the callback may still be on its way: ask the provider,
    // at most every 2 s per order however often the result page polls.
    if (sync && OPEN_ORDER_STATUSES.includes(order.status) && order.prepayId && (await this.store.claimOrderQuery(order.id, 2000))) {
      order = await this.syncOrder(order, 'query').catch((err) => {
        this.d.logger.warn({ err, orderId }, 'payment query on demand failed; the callback or the closer will settle the order');
        return order;
      });
    }
    return this.view(order, payer);
  }

  async listOrders(payer: Payer, q: z.output<typeof ListOrdersQuery>) {
    const where: Record<string, unknown> = { payerUserId: payer.userId };
    if (q.status) where.status = In(STATUS_FILTER[q.status]);
    if (q.before) where.id = LessThan(q.before);
    const rows = await this.store.orders.find({ where, order: { id: 'DESC' }, take: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return { items: page.map(orderSummary), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
  }

  // ── creating and paying ──────────────────────────────────────────────────

  private activeKey(type: string, ref: string, payer: Payer): string {
    return `${type}|${ref}|${payer.residentId ?? payer.userId}`;
  }

  /** The payer's id at the provider (the WeChat openid of this mini-program's account …). */
  private async payerProviderId(payer: Payer, provider: PaymentProvider): Promise<string> {
    const gateway = this.gateway(provider);
    const user = await this.d.users.findOneBy({ id: payer.userId });
    const id = user ? gateway.payerIdOf(user, this.d.config.sandbox) : null;
    if (!id) throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE', { provider, hint: `open the mini-program in the app of ${provider} to pay with it` });
    return id;
  }

  private notifyUrl(provider: PaymentProvider, origin: string | undefined): string | undefined {
    const configured = this.d.config.notifyUrls[provider];
    if (configured) return configured;
    if (this.d.config.sandbox && origin) return `${origin}/notify/${provider}`;
    return undefined;
  }

  async createOrder(payer: Payer, req: CreateOrderRequest, origin?: string): Promise<CheckoutResponse> {
    const gateway = this.gateway(req.provider);
    const prior = await this.store.orders.findOneBy({ payerUserId: payer.userId, clientOperationId: req.clientOperationId });
    if (prior) return this.checkout(this.sameOperation(prior, req), payer, origin);

    const provider = this.d.payables.get(req.payableType);
    const payable = provider ? await provider.resolve(req.payableRef, payer) : null;
    if (!provider || !payable) throw new AppError('PAYABLE_NOT_FOUND');
    if (!Number.isSafeInteger(payable.amountFen) || payable.amountFen <= 0) throw new Error(`payable ${req.payableType}/${req.payableRef} has no positive integer amount`);
    await this.payerProviderId(payer, req.provider); // refuse before writing anything when this host cannot pay

    const now = this.now();
    const activeKey = payable.oncePerPayer ? this.activeKey(req.payableType, req.payableRef, payer) : null;
    const account = gateway.merchantAccount();
    for (let attempt = 0; attempt < 4; attempt++) {
      const order = this.d.store.orders.create({
        id: newId(now), merchantId: payable.merchantId, outTradeNo: newOutTradeNo(now), kind: payable.kind, payableType: req.payableType, payableRef: req.payableRef,
        payerUserId: payer.userId, payerResidentId: payable.payerResidentId ?? payer.residentId, description: truncateBytes(payable.description, 127),
        amountFen: payable.amountFen, refundedFen: 0, refundingFen: 0, provider: req.provider, status: 'CREATED', providerTxnId: null,
        providerMchid: account.mchid, providerAppid: account.appid, prepayId: null, clientOperationId: req.clientOperationId, activeKey,
        expiresAt: new Date(now + this.d.config.orderTtlSeconds * 1000), paidAt: null, closedAt: null, closeReason: null, lastQueriedAt: null,
        createdAt: new Date(now), updatedAt: new Date(now), version: 1,
      });
      if (await this.store.insertOrder(order)) {
        await this.d.audit.record({ action: 'payment.order.create', result: 'ok', actorUserId: payer.userId, subjectResidentId: order.payerResidentId, channel: payer.channel, detail: { orderId: order.id, payableType: order.payableType, amountFen: order.amountFen, provider: order.provider } });
        return this.checkout(order, payer, origin);
      }
      // A unique key said no: the same operation racing itself, the bill already having an order, or (rarely) the trade number.
      const same = await this.store.orders.findOneBy({ payerUserId: payer.userId, clientOperationId: req.clientOperationId });
      if (same) return this.checkout(this.sameOperation(same, req), payer, origin);
      const active = activeKey ? await this.store.orders.findOneBy({ activeKey }) : null;
      if (active) {
        if (active.status === 'SUCCESS') throw new AppError('PAYABLE_ALREADY_PAID', { orderId: active.payerUserId === payer.userId ? active.id : undefined });
        if (active.payerUserId !== payer.userId || active.provider !== req.provider) throw new AppError('PAYMENT_IN_PROGRESS');
        if (active.expiresAt.getTime() > this.now()) return this.checkout(active, payer, origin);
        // The open order has expired: settle it (close, or find it paid), then try again.
        const settled = await this.settleExpired(active, 'user');
        if (settled.status === 'SUCCESS') throw new AppError('PAYABLE_ALREADY_PAID', { orderId: settled.id });
      }
    }
    throw new AppError('PAYMENT_IN_PROGRESS');
  }

  private sameOperation(prior: PaymentOrder, req: CreateOrderRequest): PaymentOrder {
    if (prior.payableType !== req.payableType || prior.payableRef !== req.payableRef || prior.provider !== req.provider) throw new AppError('IDEMPOTENCY_CONFLICT');
    return prior;
  }

  async pay(payer: Payer, orderId: string, origin?: string): Promise<CheckoutResponse> {
    return this.checkout(await this.ownOrder(payer, orderId), payer, origin);
  }

  /** Brings an order to the point where the payer can pay it, and returns the sheet parameters. */
  private async checkout(order: PaymentOrder, payer: Payer, origin?: string): Promise<CheckoutResponse> {
    if (order.status === 'SUCCESS' || order.status === 'REFUNDED') return { order: await this.view(order, payer), payment: null };
    if (order.status === 'CLOSED' || order.status === 'REVOKED') throw new AppError('PAYMENT_ORDER_CLOSED');
    if (order.expiresAt.getTime() <= this.now()) {
      const settled = await this.settleExpired(order, 'user');
      if (settled.status === 'SUCCESS') return { order: await this.view(settled, payer), payment: null };
      throw new AppError('PAYMENT_ORDER_CLOSED');
    }
    const gateway = this.gateway(order.provider);
    if (order.status === 'PAYING') return { order: await this.view(order, payer), payment: gateway.paramsFor(order) };

    const notifyUrl = this.notifyUrl(order.provider, origin);
    if (!notifyUrl) throw new Error(`no notification URL configured for ${order.provider}`);
    let prepared: Awaited<ReturnType<PaymentGateway['prepare']>>;
    try {
      prepared = await gateway.prepare(order, { notifyUrl, payerProviderId: await this.payerProviderId(payer, order.provider) });
    } catch (err) {
      if (!(err instanceof ProviderRefusal)) throw err; // not reached: the order stays CREATED, a retry prepares it again
      if (err.providerCode === 'ORDERPAID') {
        const synced = await this.syncOrder(order, 'query');
        return { order: await this.view(synced, payer), payment: null };
      }
      await this.store.markClosed(order.id, { reason: `prepay refused ${err.providerCode}`, source: 'user' });
      this.d.logger.error({ orderId: order.id, providerCode: err.providerCode, providerMessage: err.message }, 'provider refused a prepay');
      throw new AppError(err.providerCode === 'ORDER_CLOSED' ? 'PAYMENT_ORDER_CLOSED' : 'PAYMENT_FAILED');
    }
    const r = await this.store.markPrepaid(order.id, prepared.handle);
    const current = r.value ?? order;
    if (current.status === 'SUCCESS' || current.status === 'REFUNDED') return { order: await this.view(current, payer), payment: null };
    if (current.status !== 'PAYING') throw new AppError('PAYMENT_ORDER_CLOSED');
    return { order: await this.view(current, payer), payment: prepared.params };
  }

  /** Closes an order whose payment the provider refused outright (nothing moved): e-card charges. */
  async closeRefused(order: PaymentOrder, reason: string, source: string): Promise<PaymentOrder> {
    return (await this.store.markClosed(order.id, { reason, source })).value ?? order;
  }

  async cancel(payer: Payer, orderId: string): Promise<OrderView> {
    const order = await this.ownOrder(payer, orderId);
    if (order.status === 'CLOSED' || order.status === 'REVOKED') return this.view(order, payer);
    if (order.status !== 'CREATED' && order.status !== 'PAYING') throw new AppError('PAYMENT_ORDER_NOT_CANCELLABLE');
    // Close at the provider first: a prepay that did reach it could otherwise still be paid.
    const closed = await this.gateway(order.provider).close(order);
    if (closed === 'paid') {
      await this.syncOrder(order, 'query');
      throw new AppError('PAYMENT_ORDER_NOT_CANCELLABLE');
    }
    const r = await this.store.markClosed(order.id, { reason: 'cancelled by payer', source: 'user' });
    if (r.changed) await this.d.audit.record({ action: 'payment.order.cancel', result: 'ok', actorUserId: payer.userId, channel: payer.channel, detail: { orderId } });
    return this.view(r.value ?? order, payer);
  }

  // ── what the provider says ───────────────────────────────────────────────

  /**
   * A payment the provider confirmed. Checked against the order (merchant, app, amount) before
   * anything changes; the transition to SUCCESS happens at most once, so duplicates and late
   * copies are recognised and answered as done.
   */
  async applyProviderPayment(provider: PaymentProvider, p: ProviderPayment, source: string): Promise<{ outcome: PaymentOutcome; order: PaymentOrder | null }> {
    const order = await this.store.orders.findOneBy({ outTradeNo: p.outTradeNo, provider, providerMchid: p.mchid });
    if (!order) {
      this.d.logger.error({ provider, outTradeNo: p.outTradeNo, source }, 'provider reports a payment for an order we do not have');
      await this.d.audit.record({ action: 'payment.anomaly', result: 'refused', code: 'UNKNOWN_ORDER', channel: provider, detail: { outTradeNo: p.outTradeNo, source } });
      return { outcome: 'unknown', order: null };
    }
    if (p.appid !== order.providerAppid || p.amountFen !== order.amountFen) {
      this.d.logger.error({ provider, orderId: order.id, outTradeNo: order.outTradeNo, ourAmountFen: order.amountFen, theirAmountFen: p.amountFen, source }, 'provider payment does not match the order; not marking it paid');
      await this.d.audit.record({ action: 'payment.anomaly', result: 'refused', code: 'PAYMENT_MISMATCH', channel: provider, actorUserId: null, subjectResidentId: order.payerResidentId, detail: { orderId: order.id, ourAmountFen: order.amountFen, theirAmountFen: p.amountFen, source } });
      return { outcome: 'mismatch', order };
    }
    // Most notifications are repeats of one already applied. Paid orders never become unpaid, so a
    // repeat is recognised from the row read above without taking the write lock; anything else
    // goes through the guarded transition, which decides on its own.
    if ((order.status === 'SUCCESS' || order.status === 'REFUNDED') && order.providerTxnId === p.providerTxnId) return { outcome: 'duplicate', order };
    const r = await this.store.markPaid(order.id, { providerTxnId: p.providerTxnId, paidAt: p.paidAt, source });
    if (r.changed) {
      this.d.logger.info({ orderId: order.id, outTradeNo: order.outTradeNo, amountFen: order.amountFen, source }, 'order paid');
      await this.d.audit.record({ action: 'payment.paid', result: 'ok', channel: provider, subjectResidentId: order.payerResidentId, detail: { orderId: order.id, amountFen: order.amountFen, source } });
      return { outcome: 'paid', order: r.value };
    }
    const cur = r.value!;
    if ((cur.status === 'SUCCESS' || cur.status === 'REFUNDED') && cur.providerTxnId === p.providerTxnId) return { outcome: 'duplicate', order: cur };
    // Paid at the provider but closed here (or paid twice): money has moved for an order we gave up. Staff must refund it.
    this.d.logger.error({ orderId: cur.id, status: cur.status, outTradeNo: cur.outTradeNo, source }, 'provider reports a payment for an order in a final state; needs a manual refund');
    await this.d.audit.record({ action: 'payment.anomaly', result: 'failed', code: 'PAID_AFTER_FINAL', channel: provider, subjectResidentId: cur.payerResidentId, detail: { orderId: cur.id, status: cur.status, source } });
    return { outcome: 'anomaly', order: cur };
  }

  private async applyQueried(order: PaymentOrder, s: ProviderOrderState, source: string): Promise<PaymentOrder> {
    if (s.state === 'PAID') {
      return (await this.applyProviderPayment(order.provider, { outTradeNo: order.outTradeNo, providerTxnId: s.providerTxnId, paidAt: s.paidAt, amountFen: s.amountFen, mchid: s.mchid, appid: s.appid }, source)).order ?? order;
    }
    if (s.state === 'CLOSED') return (await this.store.markClosed(order.id, { reason: 'closed at provider', source })).value ?? order;
    if (s.state === 'REVOKED') return (await this.store.markClosed(order.id, { reason: 'revoked at provider', source, event: 'revoke' })).value ?? order;
    return order;
  }

  /** Asks the provider about an open order and applies the answer (paid / closed); unpaid stays open. */
  async syncOrder(order: PaymentOrder, source: string): Promise<PaymentOrder> {
    if (!OPEN_ORDER_STATUSES.includes(order.status)) return order;
    return this.applyQueried(order, await this.gateway(order.provider).query(order), source);
  }

  /**
   * An open order past its expiry gets a final state: paid if the provider says so (a late
   * callback), otherwise closed at the provider and then here. Never closed here while the
   * provider could still take the payment.
   */
  async settleExpired(order: PaymentOrder, source: string): Promise<PaymentOrder> {
    if (!OPEN_ORDER_STATUSES.includes(order.status)) return order;
    const gateway = this.gateway(order.provider);
    const s = await gateway.query(order);
    if (s.state === 'PAID' || s.state === 'CLOSED' || s.state === 'REVOKED') return this.applyQueried(order, s, source);
    if (s.state === 'NOT_PAID' && (await gateway.close(order)) === 'paid') return this.syncOrder(order, source);
    return (await this.store.markClosed(order.id, { reason: s.state === 'UNKNOWN_ORDER' ? 'expired, never placed' : 'expired unpaid', source })).value ?? order;
  }

  // ── refunds ──────────────────────────────────────────────────────────────

  async requestRefund(payer: Payer, orderId: string, body: { amountFen?: number; reason: string; clientOperationId: string }, origin?: string): Promise<{ order: OrderView; refund: RefundView }> {
    let order = await this.ownOrder(payer, orderId);
    const prior = await this.store.refunds.findOneBy({ orderId, clientOperationId: body.clientOperationId });
    if (prior) return this.sameRefund(prior, body, payer);
    if (order.status !== 'SUCCESS') throw new AppError('ORDER_NOT_REFUNDABLE');
    const policy = this.d.payables.get(order.payableType)?.refundPolicy;
    const decision = policy ? await policy(order, payer) : { allowed: false as const, code: 'REFUND_NOT_ALLOWED' as const };
    if (!decision.allowed) throw new AppError(decision.code);
    const left = refundableFen(order);
    const amount = body.amountFen ?? left;
    if (left <= 0) throw new AppError('ORDER_NOT_REFUNDABLE');
    if (amount > left) throw new AppError('REFUND_AMOUNT_EXCEEDED', { refundableFen: left });

    let refund: PaymentRefund | null;
    try {
      refund = await this.store.reserveRefund(order, { amountFen: amount, reason: body.reason, userId: payer.userId, clientOperationId: body.clientOperationId, outRefundNo: newOutRefundNo(this.now()) });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const same = await this.store.refunds.findOneBy({ orderId, clientOperationId: body.clientOperationId });
      if (!same) throw err;
      return this.sameRefund(same, body, payer);
    }
    if (!refund) {
      order = (await this.store.orders.findOneBy({ id: orderId }))!;
      throw order.status === 'SUCCESS' ? new AppError('REFUND_AMOUNT_EXCEEDED', { refundableFen: refundableFen(order) }) : new AppError('ORDER_NOT_REFUNDABLE');
    }
    await this.d.audit.record({ action: 'payment.refund.request', result: 'ok', actorUserId: payer.userId, channel: payer.channel, subjectResidentId: order.payerResidentId, detail: { orderId, refundId: refund.id, amountFen: amount } });
    refund = await this.submitRefund(order, refund, this.notifyUrl(order.provider, origin), 'user');
    order = (await this.store.orders.findOneBy({ id: orderId }))!;
    return { order: await this.view(order, payer), refund: refundView(refund) };
  }

  private async sameRefund(prior: PaymentRefund, body: { amountFen?: number; reason: string }, payer: Payer) {
    if ((body.amountFen !== undefined && body.amountFen !== prior.amountFen) || body.reason !== prior.reason) throw new AppError('IDEMPOTENCY_CONFLICT');
    const order = (await this.store.orders.findOneBy({ id: prior.orderId }))!;
    return { order: await this.view(order, payer), refund: refundView(prior) };
  }

  /** Sends a reserved refund to the provider; a refund that did not reach it stays PROCESSING for the sweeper. */
  async submitRefund(order: PaymentOrder, refund: PaymentRefund, notifyUrl: string | undefined, source: string): Promise<PaymentRefund> {
    try {
      const st = await this.gateway(order.provider).refund(order, refund, notifyUrl);
      return await this.applyRefundState(refund, st, source);
    } catch (err) {
      if (err instanceof ProviderRefusal && !TRANSIENT_REFUND_REFUSALS.has(err.providerCode)) {
        this.d.logger.warn({ refundId: refund.id, orderId: order.id, providerCode: err.providerCode }, 'provider refused the refund; releasing the amount');
        return (await this.store.applyRefund(refund.id, { outcome: 'closed', source })).value ?? refund;
      }
      if (err instanceof ProviderRefusal || err instanceof UpstreamError) {
        this.d.logger.warn({ err, refundId: refund.id }, 'refund not confirmed by the provider yet; the sweeper will query and resubmit');
        return refund;
      }
      throw err;
    }
  }

  async applyRefundState(refund: PaymentRefund, st: ProviderRefundState, source: string): Promise<PaymentRefund> {
    if (st.amountFen !== refund.amountFen) {
      this.d.logger.error({ refundId: refund.id, ours: refund.amountFen, theirs: st.amountFen }, 'provider refund amount differs from ours; not applying it');
      await this.d.audit.record({ action: 'payment.anomaly', result: 'refused', code: 'REFUND_MISMATCH', detail: { refundId: refund.id, ourAmountFen: refund.amountFen, theirAmountFen: st.amountFen, source } });
      return refund;
    }
    if (st.status === 'PROCESSING') {
      if (st.providerRefundId && !refund.providerRefundId) await this.store.refunds.update({ id: refund.id }, { providerRefundId: st.providerRefundId });
      return { ...refund, providerRefundId: refund.providerRefundId ?? st.providerRefundId } as PaymentRefund;
    }
    const outcome = st.status === 'SUCCESS' ? 'succeeded' : st.status === 'ABNORMAL' ? 'abnormal' : 'closed';
    const r = await this.store.applyRefund(refund.id, { outcome, providerRefundId: st.providerRefundId, succeededAt: st.succeededAt ?? undefined, source });
    if (r.changed) {
      this.d.logger.info({ refundId: refund.id, orderId: refund.orderId, status: r.value.status, source }, 'refund settled');
      if (outcome === 'abnormal') this.d.logger.error({ refundId: refund.id, orderId: refund.orderId }, 'refund ABNORMAL: the payer\'s card refused it; staff must re-route it');
    }
    return r.value ?? refund;
  }

  /** A refund outcome the provider announced (verified notification). */
  async applyProviderRefund(provider: PaymentProvider, n: { mchid: string; outTradeNo: string; outRefundNo: string; status: ProviderRefundState['status']; providerRefundId: string; succeededAt: number | null; amountFen: number }, source: string): Promise<'applied' | 'duplicate' | 'unknown' | 'mismatch'> {
    const refund = await this.store.refunds.findOneBy({ outRefundNo: n.outRefundNo });
    const order = refund ? await this.store.orders.findOneBy({ id: refund.orderId }) : null;
    if (!refund || !order || order.provider !== provider || order.outTradeNo !== n.outTradeNo || order.providerMchid !== n.mchid) {
      this.d.logger.error({ provider, outRefundNo: n.outRefundNo, outTradeNo: n.outTradeNo }, 'provider reports a refund we do not have');
      await this.d.audit.record({ action: 'payment.anomaly', result: 'refused', code: 'UNKNOWN_REFUND', channel: provider, detail: { outRefundNo: n.outRefundNo, outTradeNo: n.outTradeNo } });
      return 'unknown';
    }
    if (n.status === 'PROCESSING') return 'duplicate';
    const before = refund.status;
    const after = await this.applyRefundState(refund, { status: n.status, providerRefundId: n.providerRefundId, succeededAt: n.succeededAt, amountFen: n.amountFen }, source);
    if (n.amountFen !== refund.amountFen) return 'mismatch';
    return after.status !== before ? 'applied' : 'duplicate';
  }

  /** Asks the provider about a refund still in flight; resubmits one the provider never received. */
  async syncRefund(refund: PaymentRefund, source: string): Promise<PaymentRefund> {
    if (refund.status !== 'PROCESSING' && refund.status !== 'ABNORMAL') return refund;
    const order = (await this.store.orders.findOneBy({ id: refund.orderId }))!;
    const st = await this.gateway(order.provider).queryRefund(order, refund);
    if (!st) return this.submitRefund(order, refund, this.d.config.notifyUrls[order.provider], source);
    return this.applyRefundState(refund, st, source);
  }
}

function truncateBytes(s: string, max: number): string {
  let out = s;
  while (Buffer.byteLength(out, 'utf8') > max) out = out.slice(0, -1);
  return out;
}
