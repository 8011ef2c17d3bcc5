import { createHash } from 'node:crypto';
import { isErrorCode, type MaskedHolder, type PendingCharge, type TerminalChargeRequest, type TerminalChargeView } from '@qdssc/shared';
import { In, LessThanOrEqual, type DataSource, type Repository } from 'typeorm';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import { AppUser } from '../auth/app-user.entity';
import type { QrCodeService } from '../ecard/qr-code.service';
import type { PasswordGate } from '../ecard/ecard-password';
import { Ecard } from '../ecard/ecard.entity';
import type { TerminalService } from '../terminal/terminal.service';
import { ECARD_HANDLE_READY } from '../payments/ecard.gateway';
import type { PaymentHooks } from '../payments/payment-hooks';
import { PaymentOrder } from '../payments/payment-order.entity';
import { exec, sqlDate, type PaymentStore } from '../payments/payment.store';
import type { PaymentsService } from '../payments/payments.service';
import { newOutRefundNo, newOutTradeNo } from '../payments/trade-numbers';
import type { EcardPayService } from './ecard-pay.service';
import { TerminalCharge } from './pay-terminal.entities';

export const TERMINAL_CHARGE_PAYABLE = 'terminal-charge';
/** Our merchant for charges made at terminals (the payee side of the order). */
const TERMINAL_MERCHANT_ID = 'QD-ESSC-TERMINAL';

export interface TerminalChargeDeps {
  db: DataSource;
  clock: Clock;
  logger: Logger;
  qr: QrCodeService;
  terminals: TerminalService;
  passwords: PasswordGate;
  ecardPay: EcardPayService;
  payments: PaymentsService;
  store: PaymentStore;
  hooks: PaymentHooks;
  audit: AuditService;
  /** How long a USERPAYING charge waits for the resident's password. */
  confirmSeconds: number;
}

type Terminal = { id: string; kind: string };

/**
 * Merchant scans the resident (busiType 02). A terminal_charge row per (terminal, outTradeNo)
 * claims the request before anything else happens, so a replay gets the first answer and never
 * a second charge; the money moves through one payment_order (provider `ecard`), and the row
 * follows the order through payment hooks in the same transaction (paid → SUCCESS, closed →
 * CLOSED and the limit given back, fully refunded → REFUNDED).
 */
export class TerminalChargeService {
  private readonly rows: Repository<TerminalCharge>;

  constructor(private readonly d: TerminalChargeDeps) {
    this.rows = d.db.getRepository(TerminalCharge);
    d.hooks.on('paid', async ({ order, manager }) => {
      await exec(manager, "UPDATE terminal_charge SET status = 'SUCCESS', paid_at = ?, updated_at = ? WHERE id = ? AND status IN ('PROCESSING','USERPAYING')", [sqlDate(order.paidAt?.getTime() ?? this.now()), sqlDate(this.now()), order.payableRef]);
    }, { payableType: TERMINAL_CHARGE_PAYABLE, name: 'terminal-charge.paid' });
    d.hooks.on('closed', async ({ order, manager }) => {
      await exec(manager, "UPDATE terminal_charge SET status = 'CLOSED', updated_at = ? WHERE id = ? AND status IN ('PROCESSING','USERPAYING')", [sqlDate(this.now()), order.payableRef]);
      const row = await manager.findOneBy(TerminalCharge, { id: order.payableRef });
      // The order closes once, so the limit is given back once.
      if (row?.limitDay && row.residentId) await this.d.ecardPay.release(manager, row.residentId, row.limitDay, row.amountFen, !row.passwordRequired);
    }, { payableType: TERMINAL_CHARGE_PAYABLE, name: 'terminal-charge.closed' });
    d.hooks.on('refunded', async ({ order, manager, fullyRefunded }) => {
      if (fullyRefunded) await exec(manager, "UPDATE terminal_charge SET status = 'REFUNDED', updated_at = ? WHERE id = ? AND status = 'SUCCESS'", [sqlDate(this.now()), order.payableRef]);
    }, { payableType: TERMINAL_CHARGE_PAYABLE, name: 'terminal-charge.refunded' });
  }

  private now(): number {
    return this.d.clock.now();
  }

  // ── terminal side ────────────────────────────────────────────────────────

  async create(terminal: Terminal, req: TerminalChargeRequest, requestId?: string): Promise<TerminalChargeView> {
    const requestHash = createHash('sha256').update(JSON.stringify([req.qrcode, req.amountFen, req.items])).digest('hex');
    const prior = await this.rows.findOneBy({ terminalId: terminal.id, outTradeNo: req.outTradeNo });
    if (prior) return this.replay(prior, requestHash);

    const known = await this.d.terminals.find(terminal.id);
    const now = this.now();
    const row = this.rows.create({
      id: newId(now), terminalId: terminal.id, outTradeNo: req.outTradeNo, requestHash, merchantName: known?.name ?? terminal.id, amountFen: req.amountFen,
      itemsJson: JSON.stringify(req.items), status: 'PROCESSING', orderId: null, ecardId: null, residentId: null, holderJson: null, passwordRequired: false,
      limitDay: null, errorCode: null, confirmBy: null, paidAt: null, firstResult: null, createdAt: new Date(now), updatedAt: new Date(now),
    });
    try {
      await inTransaction(this.d.db, (m) => m.insert(TerminalCharge, row));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.replay((await this.rows.findOneBy({ terminalId: terminal.id, outTradeNo: req.outTradeNo }))!, requestHash);
    }

    let view: TerminalChargeView;
    try {
      view = await this.start(terminal, row, req, requestId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // unknown trouble: the row stays PROCESSING; status polls follow the order
      await this.rows.update({ id: row.id, status: In(['PROCESSING', 'CLOSED']) }, { status: 'FAILED', errorCode: err.code, firstResult: JSON.stringify({ error: err.code }), updatedAt: new Date(this.now()) });
      await this.d.audit.record({ action: 'payment.terminal.charge', result: 'refused', code: err.code, actorTerminalId: terminal.id, subjectResidentId: row.residentId, requestId, detail: { outTradeNo: req.outTradeNo, amountFen: req.amountFen } });
      throw err;
    }
    await this.rows.update({ id: row.id }, { firstResult: JSON.stringify(view) });
    await this.d.audit.record({ action: 'payment.terminal.charge', result: 'ok', code: view.status, actorTerminalId: terminal.id, subjectResidentId: row.residentId, requestId, detail: { outTradeNo: req.outTradeNo, amountFen: req.amountFen, passwordRequired: view.passwordRequired } });
    return view;
  }

  private async replay(prior: TerminalCharge, requestHash: string): Promise<TerminalChargeView> {
    if (prior.requestHash !== requestHash) throw new AppError('TERMINAL_CHARGE_CONFLICT');
    if (prior.firstResult) {
      const first = JSON.parse(prior.firstResult) as TerminalChargeView | { error: string };
      if ('error' in first) throw new AppError(isErrorCode(first.error) ? first.error : 'TERMINAL_CHARGE_CONFLICT');
      return first;
    }
    return this.view(prior); // the first request is still being handled: its current state
  }

  private async start(terminal: Terminal, row: TerminalCharge, req: TerminalChargeRequest, requestId?: string): Promise<TerminalChargeView> {
    const verified = await this.d.qr.verifyCard(terminal, req.qrcode, '02', requestId);
    row.ecardId = verified.ecardId;
    row.residentId = verified.residentId;
    row.holderJson = JSON.stringify(verified.result.holder);
    await this.rows.update({ id: row.id }, { ecardId: row.ecardId, residentId: row.residentId, holderJson: row.holderJson });
    const card = await this.d.ecardPay.payingCard(verified.residentId).catch(() => {
      throw new AppError('ECARD_LEVEL_TOO_LOW');
    });

    const reserved = await this.d.ecardPay.reserve(verified.residentId, req.amountFen, false);
    const now = this.now();
    const confirmBy = reserved.passwordRequired ? new Date(now + this.d.confirmSeconds * 1000) : null;
    Object.assign(row, { limitDay: reserved.day, passwordRequired: reserved.passwordRequired, confirmBy });
    await this.rows.update({ id: row.id }, { limitDay: reserved.day, passwordRequired: reserved.passwordRequired, confirmBy, status: reserved.passwordRequired ? 'USERPAYING' : 'PROCESSING', updatedAt: new Date(now) });

    const order = await this.placeOrder(row, card, now);
    row.orderId = order.id;
    if (reserved.passwordRequired) return this.view({ ...row, status: 'USERPAYING' } as TerminalCharge, order);
    if (!(await this.d.ecardPay.claim(order))) throw new Error(`terminal charge ${row.id}: order ${order.id} was claimed by someone else`);
    const paid = await this.d.ecardPay.charge(order, card, row.merchantName, 'terminal');
    return this.view((await this.rows.findOneBy({ id: row.id }))!, paid);
  }

  /** The order for a charge: provider ecard, PAYING and ready to be charged (no sheet to show). */
  private async placeOrder(row: TerminalCharge, card: Ecard, now: number): Promise<PaymentOrder> {
    const users = this.d.db.getRepository(AppUser);
    const user = (await users.findOne({ where: { residentId: card.residentId }, order: { lastLoginAt: 'DESC' } })) ?? { id: card.appliedByUserId };
    const wait = (row.confirmBy?.getTime() ?? now + 60_000) - now;
    const account = this.d.payments.gateway('ecard').merchantAccount();
    const order = this.d.store.orders.create({
      id: newId(now), merchantId: TERMINAL_MERCHANT_ID, outTradeNo: newOutTradeNo(now), kind: 'merchant_scan', payableType: TERMINAL_CHARGE_PAYABLE, payableRef: row.id,
      payerUserId: user.id, payerResidentId: card.residentId, description: truncate(row.merchantName, 100), amountFen: row.amountFen, refundedFen: 0, refundingFen: 0,
      provider: 'ecard', status: 'CREATED', providerTxnId: null, providerMchid: account.mchid, providerAppid: account.appid,
      prepayId: null, clientOperationId: `tc-${row.id}`, activeKey: null,
      // Past the confirmation window, with room: the terminal sweeper settles it first, never the generic closer mid-charge.
      expiresAt: new Date(now + wait + 10 * 60_000), paidAt: null, closedAt: null, closeReason: null, lastQueriedAt: null, createdAt: new Date(now), updatedAt: new Date(now), version: 1,
    });
    if (!(await this.d.store.insertOrder(order))) throw new Error(`terminal charge ${row.id}: order insert refused`);
    await this.rows.update({ id: row.id }, { orderId: order.id });
    return (await this.d.store.markPrepaid(order.id, ECARD_HANDLE_READY)).value ?? order;
  }

  private async ownRow(terminal: Terminal, outTradeNo: string): Promise<TerminalCharge> {
    const row = await this.rows.findOneBy({ terminalId: terminal.id, outTradeNo });
    if (!row) throw new AppError('TERMINAL_CHARGE_NOT_FOUND');
    return row;
  }

  async status(terminal: Terminal, outTradeNo: string): Promise<TerminalChargeView> {
    return this.view(await this.ownRow(terminal, outTradeNo));
  }

  /**
   * 撤销: a charge still waiting for the password is closed (nothing moved); a paid one is
   * refunded in full to the card account. Repeats answer the current state.
   */
  async reverse(terminal: Terminal, outTradeNo: string, requestId?: string): Promise<TerminalChargeView> {
    let row = await this.ownRow(terminal, outTradeNo);
    if (row.status === 'USERPAYING') {
      await this.closeWaiting(row, 'reversed by terminal', 'terminal', false);
      row = (await this.rows.findOneBy({ id: row.id }))!;
    }
    if (row.status === 'SUCCESS' && row.orderId) {
      const order = (await this.d.store.orders.findOneBy({ id: row.orderId }))!;
      const left = order.amountFen - order.refundedFen - order.refundingFen;
      let refund = await this.d.store.refunds.findOneBy({ orderId: order.id, clientOperationId: `reverse-${row.id}` });
      if (!refund && left > 0) {
        try {
          refund = await this.d.store.reserveRefund(order, { amountFen: left, reason: '终端撤销', userId: null, clientOperationId: `reverse-${row.id}`, outRefundNo: newOutRefundNo(this.now()) });
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          refund = await this.d.store.refunds.findOneBy({ orderId: order.id, clientOperationId: `reverse-${row.id}` });
        }
      }
      if (refund && refund.status === 'PROCESSING') await this.d.payments.submitRefund(order, refund, undefined, 'terminal');
      await this.d.audit.record({ action: 'payment.terminal.reverse', result: 'ok', actorTerminalId: terminal.id, subjectResidentId: row.residentId, requestId, detail: { outTradeNo, refunded: true } });
      row = (await this.rows.findOneBy({ id: row.id }))!;
    }
    if (row.status === 'PROCESSING') throw new AppError('TERMINAL_CHARGE_NOT_REVERSIBLE');
    return this.view(row);
  }

  /** USERPAYING → CLOSED (guarded), then the order: barred at the platform (冲正) and closed here. */
  private async closeWaiting(row: TerminalCharge, reason: string, source: string, onlyExpired: boolean): Promise<boolean> {
    const now = this.now();
    const changed = await inTransaction(this.d.db, (m) =>
      exec(m, `UPDATE terminal_charge SET status = 'CLOSED', updated_at = ? WHERE id = ? AND status = 'USERPAYING'${onlyExpired ? ' AND confirm_by <= ?' : ''}`, [sqlDate(now), row.id, ...(onlyExpired ? [sqlDate(now)] : [])]),
    );
    if (changed !== 1 || !row.orderId) return false;
    const order = (await this.d.store.orders.findOneBy({ id: row.orderId }))!;
    await this.d.payments.gateway('ecard').close(order);
    await this.d.store.markClosed(order.id, { reason, source });
    return true;
  }

  /** The sweeper's part: USERPAYING charges past their confirmation time are reversed. */
  async expireWaiting(limit = 100): Promise<number> {
    const due = await this.rows.find({ where: { status: 'USERPAYING', confirmBy: LessThanOrEqual(new Date(this.now())) }, take: limit });
    let n = 0;
    for (const row of due) {
      try {
        if (await this.closeWaiting(row, 'not confirmed in time', 'closer', true)) n += 1;
      } catch (err) {
        this.d.logger.warn({ err, chargeId: row.id }, 'could not reverse an unconfirmed terminal charge; next sweep retries');
      }
    }
    return n;
  }

  // ── resident side ────────────────────────────────────────────────────────

  private async residentRow(residentId: string | null, id: string): Promise<TerminalCharge> {
    const row = residentId ? await this.rows.findOneBy({ id, residentId }) : null;
    if (!row) throw new AppError('PENDING_CHARGE_NOT_FOUND');
    return row;
  }

  async pending(residentId: string | null): Promise<PendingCharge[]> {
    if (!residentId) return [];
    const rows = await this.rows.find({ where: { residentId, status: 'USERPAYING' }, order: { createdAt: 'DESC' }, take: 10 });
    return rows.filter((r) => r.confirmBy && r.confirmBy.getTime() > this.now()).map((r) => this.pendingView(r));
  }

  async confirm(session: { userId: string; residentId: string | null; channel: string }, id: string, password: string, requestId?: string): Promise<PendingCharge> {
    const row = await this.residentRow(session.residentId, id);
    if (row.status !== 'USERPAYING') {
      if (row.status === 'SUCCESS') return this.pendingView(row);
      throw new AppError('PENDING_CHARGE_NOT_FOUND');
    }
    if (!row.confirmBy || row.confirmBy.getTime() <= this.now()) throw new AppError('PENDING_CHARGE_NOT_FOUND');
    await this.d.passwords.check(row.ecardId!, password);
    const now = this.now();
    const won = await inTransaction(this.d.db, (m) =>
      exec(m, "UPDATE terminal_charge SET status = 'PROCESSING', updated_at = ? WHERE id = ? AND status = 'USERPAYING' AND confirm_by > ?", [sqlDate(now), row.id, sqlDate(now)]),
    );
    if (won !== 1) {
      const cur = (await this.rows.findOneBy({ id: row.id }))!;
      if (cur.status === 'SUCCESS' || cur.status === 'PROCESSING') return this.pendingView(cur);
      throw new AppError('PENDING_CHARGE_NOT_FOUND');
    }
    const order = (await this.d.store.orders.findOneBy({ id: row.orderId! }))!;
    const card = (await this.d.db.getRepository(Ecard).findOneBy({ id: row.ecardId! }))!;
    if (!(await this.d.ecardPay.claim(order))) throw new AppError('PAYMENT_IN_PROGRESS');
    try {
      await this.d.ecardPay.charge(order, card, row.merchantName, 'user');
    } catch (err) {
      if (err instanceof AppError) await this.rows.update({ id: row.id }, { errorCode: err.code });
      throw err;
    }
    await this.d.audit.record({ action: 'payment.terminal.confirm', result: 'ok', actorUserId: session.userId, subjectResidentId: row.residentId, channel: session.channel, requestId, detail: { chargeId: row.id, amountFen: row.amountFen } });
    return this.pendingView((await this.rows.findOneBy({ id: row.id }))!);
  }

  async decline(session: { userId: string; residentId: string | null }, id: string): Promise<PendingCharge> {
    const row = await this.residentRow(session.residentId, id);
    if (row.status === 'USERPAYING') await this.closeWaiting(row, 'declined by resident', 'user', false);
    const cur = (await this.rows.findOneBy({ id: row.id }))!;
    if (cur.status !== 'CLOSED') throw new AppError('PENDING_CHARGE_NOT_FOUND');
    return this.pendingView(cur);
  }

  // ── views ────────────────────────────────────────────────────────────────

  private pendingView(r: TerminalCharge): PendingCharge {
    return {
      id: r.id,
      merchantName: r.merchantName,
      amountFen: r.amountFen,
      items: JSON.parse(r.itemsJson),
      createdAt: r.createdAt.toISOString(),
      confirmBy: (r.confirmBy ?? r.createdAt).toISOString(),
      status: r.status === 'PROCESSING' ? 'USERPAYING' : r.status,
    };
  }

  private async view(r: TerminalCharge, order?: PaymentOrder | null): Promise<TerminalChargeView> {
    const o = order ?? (r.orderId ? await this.d.store.orders.findOneBy({ id: r.orderId }) : null);
    let status = r.status;
    // A charge whose answer was lost follows its order once the closer settled it.
    if (status === 'PROCESSING' && o) status = o.status === 'SUCCESS' ? 'SUCCESS' : o.status === 'CLOSED' || o.status === 'REVOKED' ? 'CLOSED' : 'PROCESSING';
    return {
      outTradeNo: r.outTradeNo,
      status: status === 'PROCESSING' ? 'USERPAYING' : status,
      amountFen: r.amountFen,
      refundedFen: o?.refundedFen ?? 0,
      transactionId: o?.id ?? null,
      holder: r.holderJson ? (JSON.parse(r.holderJson) as MaskedHolder) : null,
      passwordRequired: r.passwordRequired,
      confirmBy: r.confirmBy && status === 'USERPAYING' ? r.confirmBy.toISOString() : null,
      paidAt: o?.paidAt ? o.paidAt.toISOString() : null,
      errorCode: r.errorCode,
    };
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : s;
}
