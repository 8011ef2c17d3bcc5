import { createHash } from 'node:crypto';
import { medicalTerminalStatus, MEDICAL_SETTLEMENT_TRANSITIONS, type BusiType, type CheckoutResponse, type MedicalSettlementEvent, type MedicalSettlementView, type PaymentProvider } from '@qdssc/shared';
import { In, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { UpstreamError } from '../../adapters/http-client';
import { MEDINS_CODE, MedinsBusinessError, type MedicalInsuranceClient } from '../../adapters/medical-insurance/medical-insurance.client';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { KvStore } from '../../kv/kv-store';
import type { AuditService } from '../audit/audit.service';
import type { QrCodeService } from '../ecard/qr-code.service';
import { Resident } from '../identity/resident.entity';
import { Guardianship } from '../family/guardianship.entity';
import type { PaymentsModule } from '../payments/payments.module';
import type { Payer, PayableProvider } from '../payments/payables';
import type { TerminalService } from '../terminal/terminal.service';
import { newOutRefundNo } from '../payments/trade-numbers';
import { MedicalSettlement, type MedicalSettlementItem } from './medical-settlement.entity';

export const MEDICAL_SELF_PAY = 'medical-self-pay';
const MEDICAL_TERMINAL_KINDS = new Set(['hospital', 'pharmacy']);

const sqlDate = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function exec(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const r = (await m.queryRunner!.query(sql, params, true)) as { affected?: number };
  return r.affected ?? 0;
}

export interface MedicalServiceDeps {
  db: DataSource;
  kv: KvStore;
  medins: MedicalInsuranceClient;
  qr: QrCodeService;
  terminals: TerminalService;
  pii: PiiCipher;
  payments: PaymentsModule;
  audit: AuditService;
  clock: Clock;
  logger: Logger;
  confirmTtlSeconds: number;
  /** Called after a commit that left platform work (settle, reverse, refund), so it happens soon. */
  kick?: () => void;
}

export interface TerminalCaller {
  id: string;
  kind: string;
}

/**
 * Medical settlement (就医购药). The terminal uploads a bill for the resident whose e-card code it
 * scanned; the platform pre-settles it (fund / account / self-pay) and we keep a PENDING
 * settlement the resident sees on the phone. Confirming turns the self-pay part into a payment
 * order (payable `medical-self-pay`); its paid hook moves the settlement to SETTLING in the
 * payment's transaction, and the worker confirms at the platform (→ SETTLED). Declines, timeouts
 * and closed orders go through REVERSING; terminal refunds through REFUNDING. Every move is a
 * conditional UPDATE on the states the shared transition table allows.
 */
export class MedicalService {
  constructor(private readonly d: MedicalServiceDeps) {}

  get repo() {
    return this.d.db.getRepository(MedicalSettlement);
  }

  private now(): number {
    return this.d.clock.now();
  }

  /** The guarded transition; `extra` columns are set in the same UPDATE. Answers whether this call made it. */
  async transition(id: string, event: MedicalSettlementEvent, extra: Record<string, unknown> = {}, m?: EntityManager): Promise<boolean> {
    const t = MEDICAL_SETTLEMENT_TRANSITIONS[event];
    const cols = Object.keys(extra);
    const sql = `UPDATE medical_settlement SET status = ?, updated_at = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ? AND status IN (${t.from.map(() => '?').join(', ')})`;
    const params = [t.to, sqlDate(this.now()), ...cols.map((c) => extra[c]), id, ...t.from];
    const n = m ? await exec(m, sql, params) : await inTransaction(this.d.db, (em) => exec(em, sql, params));
    return n === 1;
  }

  // ── terminal side ───────────────────────────────────────────────────────

  async upload(terminal: TerminalCaller, body: { qrcode: string; busiType: '01' | '04'; outBillNo: string; items: MedicalSettlementItem[] }, requestId?: string) {
    if (!MEDICAL_TERMINAL_KINDS.has(terminal.kind)) throw new AppError('MEDICAL_BILL_INVALID', { reason: 'only hospital and pharmacy terminals upload medical bills' });
    const items = body.items.map((i) => ({ code: i.code, name: i.name, category: i.category, quantity: i.quantity, amountFen: i.amountFen }));
    const requestHash = createHash('sha256').update(JSON.stringify(items)).digest('hex');
    const prior = await this.repo.findOneBy({ terminalId: terminal.id, outBillNo: body.outBillNo });
    if (prior) return this.samePrior(prior, requestHash);
    // A retry racing the first request (the terminal timed out): one goes on, the others wait for its answer.
    const lock = `medbill:${terminal.id}:${body.outBillNo}`;
    if (!(await this.d.kv.setIfAbsent(lock, '1', 60_000))) {
      for (let i = 0; i < 60; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const first = await this.repo.findOneBy({ terminalId: terminal.id, outBillNo: body.outBillNo });
        if (first) return this.samePrior(first, requestHash);
      }
      throw new AppError('MEDICAL_BILL_IN_PROGRESS');
    }
    try {
      return await this.uploadNew(terminal, body, items, requestHash, requestId);
    } finally {
      await this.d.kv.del(lock);
    }
  }

  private async uploadNew(terminal: TerminalCaller, body: { qrcode: string; busiType: '01' | '04'; outBillNo: string }, items: MedicalSettlementItem[], requestHash: string, requestId?: string) {

    const { residentId } = await this.d.qr.verifyCard(terminal, body.qrcode, body.busiType as BusiType, requestId);
    const resident = await this.d.db.getRepository(Resident).findOneBy({ id: residentId });
    if (!resident) throw new AppError('MEDICAL_PERSON_NOT_INSURED');
    const known = await this.d.terminals.find(terminal.id);
    const now = this.now();
    const id = newId(now);
    let pre;
    try {
      pre = await this.d.medins.preSettle({ bizNo: id, aac002: this.d.pii.decrypt(resident.idNumberCipher), institution: known?.name ?? terminal.id, items });
    } catch (err) {
      if (err instanceof MedinsBusinessError && err.code === MEDINS_CODE.PERSON_NOT_INSURED) throw new AppError('MEDICAL_PERSON_NOT_INSURED');
      if (err instanceof MedinsBusinessError) throw new AppError('MEDICAL_BILL_INVALID', { platform: err.code });
      throw err;
    }
    const row = this.repo.create({
      id, terminalId: terminal.id, outBillNo: body.outBillNo, institution: (known?.name ?? terminal.id).slice(0, 64), residentId, holderMasked: resident.idNumberMasked, items, requestHash,
      totalFen: pre.totalFen, fundFen: pre.fundFen, accountFen: pre.accountFen, selfPayFen: pre.selfPayFen, medinsSettleNo: pre.settleNo, status: 'PENDING', reason: null,
      orderId: null, payerUserId: null, expiresAt: new Date(now + this.d.confirmTtlSeconds * 1000), settledAt: null, nextAttemptAt: null, attempts: 0, createdAt: new Date(now), updatedAt: new Date(now),
    });
    try {
      await inTransaction(this.d.db, (m) => m.insert(MedicalSettlement, row));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The same bill raced itself: keep the first, undo our pre-settlement.
      await this.d.medins.reverse(pre.settleNo, 'DUPLICATE').catch((e) => this.d.logger.error({ err: e, settleNo: pre.settleNo }, 'could not reverse a duplicate pre-settlement'));
      const first = await this.repo.findOneByOrFail({ terminalId: terminal.id, outBillNo: body.outBillNo });
      return this.samePrior(first, requestHash);
    }
    await this.d.audit.record({ action: 'medical.presettle', result: 'ok', actorTerminalId: terminal.id, subjectResidentId: residentId, requestId, detail: { settlementId: id, totalFen: row.totalFen, selfPayFen: row.selfPayFen } });
    return this.terminalView(row);
  }

  private samePrior(prior: MedicalSettlement, requestHash: string) {
    if (prior.requestHash !== requestHash) throw new AppError('MEDICAL_BILL_CONFLICT');
    return this.terminalView(prior);
  }

  async terminalStatus(terminal: TerminalCaller, outBillNo: string) {
    const row = await this.repo.findOneBy({ terminalId: terminal.id, outBillNo });
    if (!row) throw new AppError('MEDICAL_SETTLEMENT_NOT_FOUND');
    return this.terminalView(row);
  }

  async terminalRefund(terminal: TerminalCaller, outBillNo: string, reason: string, requestId?: string) {
    const row = await this.repo.findOneBy({ terminalId: terminal.id, outBillNo });
    if (!row) throw new AppError('MEDICAL_SETTLEMENT_NOT_FOUND');
    if (row.status === 'REFUNDING' || row.status === 'REFUNDED') return this.terminalView(row); // a repeat
    if (!(await this.transition(row.id, 'refund', { reason: reason.slice(0, 32), next_attempt_at: sqlDate(this.now()) }))) throw new AppError('MEDICAL_SETTLEMENT_NOT_REFUNDABLE');
    await this.d.audit.record({ action: 'medical.refund', result: 'ok', actorTerminalId: terminal.id, subjectResidentId: row.residentId, requestId, detail: { settlementId: row.id } });
    await this.work(row.id);
    return this.terminalView((await this.repo.findOneBy({ id: row.id }))!);
  }

  terminalView(r: MedicalSettlement) {
    return {
      outBillNo: r.outBillNo, settlementId: r.id, status: medicalTerminalStatus(r.status), reason: r.reason, holderMasked: r.holderMasked,
      totalFen: r.totalFen, fundFen: r.fundFen, accountFen: r.accountFen, selfPayFen: r.selfPayFen, expiresAt: r.expiresAt.toISOString(), settledAt: r.settledAt?.toISOString() ?? null,
    };
  }

  // ── resident side ───────────────────────────────────────────────────────

  view(r: MedicalSettlement): MedicalSettlementView {
    return {
      id: r.id, status: r.status, institution: r.institution, outBillNo: r.outBillNo, items: r.items.map(({ code, name, category, amountFen }) => ({ code, name, category, amountFen })),
      totalFen: r.totalFen, fundFen: r.fundFen, accountFen: r.accountFen, selfPayFen: r.selfPayFen, expiresAt: r.expiresAt.toISOString(), orderId: r.orderId, reason: r.reason, createdAt: r.createdAt.toISOString(),
    };
  }

  /** Another resident's settlement answers 404, exactly like one that does not exist. */
  async own(payer: Payer, id: string): Promise<MedicalSettlement> {
    const r = await this.repo.findOneBy({ id });
    if (!r || !(await this.residentsOf(payer)).includes(r.residentId)) throw new AppError('MEDICAL_SETTLEMENT_NOT_FOUND');
    return r;
  }

  /** The payer's own resident and the wards they are an active guardian of (a parent settles a child's bill). */
  private async residentsOf(payer: Payer): Promise<string[]> {
    if (!payer.residentId) return [];
    const wards = await this.d.db.getRepository(Guardianship).findBy({ guardianResidentId: payer.residentId, status: 'active' });
    return [payer.residentId, ...wards.map((w) => w.wardResidentId)];
  }

  async pending(payer: Payer) {
    const residents = await this.residentsOf(payer);
    if (!residents.length) return { items: [] };
    const rows = await this.repo.find({ where: { residentId: In(residents), status: In(['PENDING', 'CONFIRMING']) }, order: { createdAt: 'DESC' }, take: 20 });
    return { items: rows.filter((r) => r.expiresAt.getTime() > this.now()).map((r) => this.view(r)) };
  }

  async confirm(payer: Payer, id: string, req: { provider: PaymentProvider; clientOperationId: string }, origin?: string): Promise<{ settlement: MedicalSettlementView; checkout: CheckoutResponse | null }> {
    let row = await this.own(payer, id);
    if (row.status === 'CONFIRMING' && row.payerUserId === payer.userId) {
      // A repeat of the tap (or the resident reopening the sheet): the same order.
      const checkout = await this.d.payments.service.createOrder(payer, { payableType: MEDICAL_SELF_PAY, payableRef: row.id, provider: req.provider, clientOperationId: req.clientOperationId }, origin);
      return { settlement: this.view(row), checkout };
    }
    if (row.status !== 'PENDING' || row.expiresAt.getTime() <= this.now()) throw new AppError('MEDICAL_SETTLEMENT_NOT_PENDING');
    if (row.selfPayFen === 0) {
      // Fund and account cover everything: nothing to pay, settle at once.
      if (!(await this.transition(id, 'confirm', { payer_user_id: payer.userId }))) throw new AppError('MEDICAL_SETTLEMENT_NOT_PENDING');
      await this.transition(id, 'paid', { next_attempt_at: sqlDate(this.now()) });
      await this.audit(payer, row, 'medical.confirm');
      await this.work(id);
      return { settlement: this.view((await this.repo.findOneBy({ id }))!), checkout: null };
    }
    if (!(await this.transition(id, 'confirm', { payer_user_id: payer.userId }))) throw new AppError('MEDICAL_SETTLEMENT_NOT_PENDING');
    let checkout: CheckoutResponse;
    try {
      checkout = await this.d.payments.service.createOrder(payer, { payableType: MEDICAL_SELF_PAY, payableRef: id, provider: req.provider, clientOperationId: req.clientOperationId }, origin);
    } catch (err) {
      // Nothing charged: back to PENDING so the resident can try another way (or decline).
      await inTransaction(this.d.db, (m) => exec(m, `UPDATE medical_settlement SET status = 'PENDING', payer_user_id = NULL, updated_at = ? WHERE id = ? AND status = 'CONFIRMING' AND order_id IS NULL`, [sqlDate(this.now()), id]));
      throw err;
    }
    await inTransaction(this.d.db, (m) => exec(m, 'UPDATE medical_settlement SET order_id = ?, updated_at = ? WHERE id = ? AND order_id IS NULL', [checkout.order.id, sqlDate(this.now()), id]));
    await this.audit(payer, row, 'medical.confirm');
    row = (await this.repo.findOneBy({ id }))!;
    return { settlement: this.view(row), checkout };
  }

  async decline(payer: Payer, id: string): Promise<MedicalSettlementView> {
    const row = await this.own(payer, id);
    if (!(await this.transition(id, 'reverse', { reason: 'DECLINED', next_attempt_at: sqlDate(this.now()) }))) {
      if (row.status === 'REVERSING' || row.status === 'REVERSED') return this.view(row);
      throw new AppError('MEDICAL_SETTLEMENT_NOT_PENDING');
    }
    await this.audit(payer, row, 'medical.decline');
    await this.work(id);
    return this.view((await this.repo.findOneBy({ id }))!);
  }

  private audit(payer: Payer, row: MedicalSettlement, action: string) {
    return this.d.audit.record({ action, result: 'ok', actorUserId: payer.userId, channel: payer.channel, subjectResidentId: row.residentId, detail: { settlementId: row.id, selfPayFen: row.selfPayFen } });
  }

  // ── payments ────────────────────────────────────────────────────────────

  payable(): PayableProvider {
    return {
      type: MEDICAL_SELF_PAY,
      resolve: async (ref, payer) => {
        const r = await this.repo.findOneBy({ id: ref });
        if (!r || r.status !== 'CONFIRMING' || r.payerUserId !== payer.userId || r.selfPayFen <= 0) return null;
        return { kind: 'medical_self_pay', merchantId: `QD-MED-${r.terminalId}`.slice(0, 32), description: `${r.institution} 医疗费个人自付`, amountFen: r.selfPayFen, oncePerPayer: true, payerResidentId: r.residentId };
      },
      // Refunds of medical bills start at the terminal (they go back along every part), never from the phone.
      refundPolicy: () => ({ allowed: false, code: 'REFUND_NOT_ALLOWED' }),
    };
  }

  registerHooks(): void {
    const hooks = this.d.payments.hooks;
    hooks.on('paid', async ({ order, manager }) => {
      const moved = await this.transition(order.payableRef, 'paid', { next_attempt_at: sqlDate(this.now()) }, manager);
      if (!moved) this.d.logger.error({ orderId: order.id, settlementId: order.payableRef }, 'a medical self-pay order was paid but its settlement is not CONFIRMING');
      else this.d.kick?.();
    }, { payableType: MEDICAL_SELF_PAY, name: 'medical.paid' });
    hooks.on('closed', async ({ order, manager }) => {
      if (await this.transition(order.payableRef, 'reverse', { reason: 'PAYMENT_CLOSED', next_attempt_at: sqlDate(this.now()) }, manager)) this.d.kick?.();
    }, { payableType: MEDICAL_SELF_PAY, name: 'medical.closed' });
    hooks.on('refunded', async ({ order, manager }) => {
      await exec(manager, `UPDATE medical_settlement SET next_attempt_at = ? WHERE id = ? AND status = 'REFUNDING'`, [sqlDate(this.now()), order.payableRef]);
      this.d.kick?.();
    }, { payableType: MEDICAL_SELF_PAY, name: 'medical.refunded' });
  }

  // ── the worker and the sweeper ──────────────────────────────────────────

  /** Reverses settlements nobody confirmed in time (and closes the self-pay order of ones confirmed but not paid). */
  async sweep(): Promise<number> {
    const now = this.now();
    const expired = await this.repo.find({ where: { status: In(['PENDING', 'CONFIRMING']), expiresAt: LessThanOrEqual(new Date(now)) }, take: 100 });
    let n = 0;
    for (const r of expired) {
      if (r.status === 'PENDING') {
        if (await this.transition(r.id, 'reverse', { reason: 'TIMEOUT', next_attempt_at: sqlDate(now) })) n++;
        continue;
      }
      // CONFIRMING: close the order first (at the provider, then here); its closed hook reverses the settlement.
      if (!r.orderId || !r.payerUserId) {
        if (await this.transition(r.id, 'reverse', { reason: 'TIMEOUT', next_attempt_at: sqlDate(now) })) n++;
        continue;
      }
      try {
        await this.d.payments.service.cancel({ userId: r.payerUserId, residentId: r.residentId, channel: 'h5' }, r.orderId);
        n++;
      } catch (err) {
        // Paid meanwhile: the paid hook moved it to SETTLING. Anything else: next sweep.
        if (!(err instanceof AppError && err.code === 'PAYMENT_ORDER_NOT_CANCELLABLE')) this.d.logger.warn({ err, settlementId: r.id }, 'closing an unpaid medical self-pay order failed; will retry');
      }
    }
    await this.workDue();
    return n;
  }

  /** Tells the platform what is due: settle, reverse, refund. */
  async workDue(): Promise<void> {
    const due = await this.repo.find({ where: { status: In(['SETTLING', 'REVERSING', 'REFUNDING']), nextAttemptAt: LessThanOrEqual(new Date(this.now())) }, take: 100 });
    for (const r of due) await this.work(r.id);
  }

  async work(id: string): Promise<void> {
    const r = await this.repo.findOneBy({ id });
    if (!r || !['SETTLING', 'REVERSING', 'REFUNDING'].includes(r.status)) return;
    try {
      if (r.status === 'SETTLING') {
        const order = r.orderId ? await this.d.payments.store.orders.findOneBy({ id: r.orderId }) : null;
        await this.d.medins.confirm(r.medinsSettleNo, { selfPaidFen: r.selfPayFen, payOrderNo: order?.outTradeNo ?? null });
        await this.transition(id, 'settled', { settled_at: sqlDate(this.now()), next_attempt_at: null });
      } else if (r.status === 'REVERSING') {
        await this.d.medins.reverse(r.medinsSettleNo, r.reason ?? 'REVERSED');
        await this.transition(id, 'reversed', { next_attempt_at: null });
      } else {
        await this.d.medins.refund(r.medinsSettleNo, `${r.id.replace(/-/g, '').slice(0, 28)}R`);
        if (r.selfPayFen > 0 && r.orderId && !(await this.selfPayRefunded(r))) {
          // Waiting for the provider: the refunded hook (or the next pass) finishes it.
          await inTransaction(this.d.db, (m) => exec(m, 'UPDATE medical_settlement SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?', [sqlDate(this.now() + 10_000), id]));
          return;
        }
        await this.transition(id, 'refunded', { next_attempt_at: null });
      }
    } catch (err) {
      const attempts = r.attempts + 1;
      const wait = Math.min(600_000, 5_000 * 2 ** Math.min(attempts, 7));
      await inTransaction(this.d.db, (m) => exec(m, 'UPDATE medical_settlement SET next_attempt_at = ?, attempts = ? WHERE id = ?', [sqlDate(this.now() + wait), attempts, id]));
      if (err instanceof UpstreamError || err instanceof MedinsBusinessError) this.d.logger.warn({ err, settlementId: id, status: r.status, attempts }, 'medical platform call failed; will retry');
      else throw err;
    }
  }

  /** Makes sure the self-pay part is being refunded through payments; true once it is. */
  private async selfPayRefunded(r: MedicalSettlement): Promise<boolean> {
    const store = this.d.payments.store;
    let order = (await store.orders.findOneBy({ id: r.orderId! }))!;
    if (order.status === 'REFUNDED') return true;
    const op = `med-${r.id}`;
    let refund = await store.refunds.findOneBy({ orderId: order.id, clientOperationId: op });
    if (!refund) {
      refund = await store.reserveRefund(order, { amountFen: order.amountFen - order.refundedFen, reason: `医疗退费 ${r.reason ?? ''}`.trim().slice(0, 80), userId: null, clientOperationId: op, outRefundNo: newOutRefundNo(this.now()) });
      if (!refund) return false;
    }
    if (refund.status === 'PROCESSING') await this.d.payments.service.submitRefund(order, refund, undefined, 'terminal');
    order = (await store.orders.findOneBy({ id: r.orderId! }))!;
    return order.status === 'REFUNDED';
  }
}
