import { ECARD_PAY_DEFAULT_LIMITS, ecardPayDay, ecardPayDecision, type EcardPayLimits } from '@qdssc/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { UpstreamError } from '../../adapters/http-client';
import { MSG } from '../../adapters/national-platform/csb-codec';
import { NationalBusinessError, type NationalPlatformClient } from '../../adapters/national-platform/national-platform.client';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import type { CardStatusService } from '../ecard/card-status.service';
import { Ecard } from '../ecard/ecard.entity';
import type { PasswordGate } from '../ecard/ecard-password';
import type { ResidentService } from '../identity/resident.service';
import { ECARD_HANDLE_CHARGING, ECARD_HANDLE_READY, ECARD_PAY_APPID, esscPaidAt } from '../payments/ecard.gateway';
import type { PaymentOrder } from '../payments/payment-order.entity';
import { exec, sqlDate } from '../payments/payment.store';
import type { PaymentsService } from '../payments/payments.service';
import { EcardPayDay } from './pay-terminal.entities';

export interface EcardPayDeps {
  db: DataSource;
  clock: Clock;
  logger: Logger;
  national: NationalPlatformClient;
  channelNo: string;
  residents: ResidentService;
  cardStatus: CardStatusService;
  passwords: PasswordGate;
  payments: PaymentsService;
  audit: AuditService;
  limits: EcardPayLimits;
}

/** Time an e-card order must still have before its expiry to be charged (the closer must not race the charge). */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Paying from the bank account behind a level-2 e-card: the PBOC limits (counters per resident
 * and China day, raised by a guarded UPDATE), the password, and the charge at the national
 * platform. Used by orders paid on the phone and by terminal charges.
 */
export class EcardPayService {
  readonly limits: EcardPayLimits;

  constructor(private readonly d: EcardPayDeps) {
    this.limits = { ...ECARD_PAY_DEFAULT_LIMITS, ...d.limits };
  }

  /** The resident's e-card that can pay (active, level 2), or ECARD_PAY_NOT_ENABLED. */
  async payingCard(residentId: string | null): Promise<Ecard> {
    const card = residentId ? await this.d.db.getRepository(Ecard).findOneBy({ residentId, status: 'active' }) : null;
    if (!card || Number(card.signLevel) !== 2 || !card.passwordHash) throw new AppError('ECARD_PAY_NOT_ENABLED');
    return card;
  }

  async today(residentId: string): Promise<{ paidTodayFen: number; noPasswordTodayFen: number }> {
    const row = await this.d.db.getRepository(EcardPayDay).findOneBy({ residentId, day: ecardPayDay(this.d.clock.now()) });
    return { paidTodayFen: row?.totalFen ?? 0, noPasswordTodayFen: row?.noPasswordFen ?? 0 };
  }

  /**
   * Counts `amountFen` against today's limits, or refuses. The UPDATE's WHERE is the limit, so
   * two charges racing can never pass it together. Returns the day it was counted on and
   * whether it went through password-free.
   */
  async reserve(residentId: string, amountFen: number, passwordOffered: boolean): Promise<{ day: string; passwordRequired: boolean }> {
    const day = ecardPayDay(this.d.clock.now());
    for (let attempt = 0; attempt < 3; attempt++) {
      const decision = ecardPayDecision(amountFen, await this.today(residentId), this.limits, passwordOffered);
      if (!decision.allowed) throw new AppError('ECARD_PAY_DAILY_LIMIT', { remainingFen: decision.remainingFen, dailyLimitFen: this.limits.dailyFen });
      const free = !decision.passwordRequired;
      const changed = await inTransaction(this.d.db, async (m) => {
        try {
          await m.insert(EcardPayDay, { residentId, day, totalFen: 0, noPasswordFen: 0 });
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
        return exec(
          m,
          `UPDATE ecard_pay_day SET total_fen = total_fen + ?, no_password_fen = no_password_fen + ? WHERE resident_id = ? AND day = ? AND total_fen + ? <= ?${free ? ' AND no_password_fen + ? <= ?' : ''}`,
          [amountFen, free ? amountFen : 0, residentId, day, amountFen, this.limits.dailyFen, ...(free ? [amountFen, this.limits.noPasswordDailyFen] : [])],
        );
      });
      if (changed === 1) return { day, passwordRequired: !free };
      // Another charge got there first: decide again on the new counters.
    }
    throw new AppError('ECARD_PAY_DAILY_LIMIT', { dailyLimitFen: this.limits.dailyFen });
  }

  /** Gives back a reservation whose charge did not happen (inside the caller's transaction). */
  async release(m: EntityManager, residentId: string, day: string, amountFen: number, passwordFree: boolean): Promise<void> {
    await exec(
      m,
      'UPDATE ecard_pay_day SET total_fen = total_fen - ?, no_password_fen = no_password_fen - ? WHERE resident_id = ? AND day = ? AND total_fen >= ? AND no_password_fen >= ?',
      [amountFen, passwordFree ? amountFen : 0, residentId, day, amountFen, passwordFree ? amountFen : 0],
    );
  }

  /** Moves the order's handle from "ready" to "charging": only one request charges an order. */
  async claim(order: PaymentOrder): Promise<boolean> {
    return (
      (await inTransaction(this.d.db, (m) =>
        exec(m, "UPDATE payment_order SET prepay_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'PAYING' AND provider = 'ecard' AND prepay_id = ?", [ECARD_HANDLE_CHARGING, sqlDate(this.d.clock.now()), order.id, ECARD_HANDLE_READY]),
      )) === 1
    );
  }

  /**
   * Charges a claimed order at the national platform and applies the answer: SUCCESS through
   * the payments service (hooks, events), a refusal closes the order (nothing moved) and throws
   * its code. A charge whose answer was lost leaves the order PAYING: the closer queries it.
   */
  async charge(order: PaymentOrder, card: Ecard, merchantName: string, source: string): Promise<PaymentOrder> {
    const resident = await this.d.residents.findById(card.residentId);
    if (!resident) throw new AppError('ECARD_PAY_NOT_ENABLED');
    const { idNumber } = this.d.residents.identity(resident);
    try {
      const p = await this.d.national.payCharge({ busiSeq: order.outTradeNo, signNo: card.signNo, idNumber, amountFen: order.amountFen, merchantName: merchantName.slice(0, 64), summary: order.description });
      const r = await this.d.payments.applyProviderPayment('ecard', { outTradeNo: order.outTradeNo, providerTxnId: p.payNo ?? order.outTradeNo, paidAt: esscPaidAt(p), amountFen: p.amount, mchid: this.d.channelNo, appid: ECARD_PAY_APPID }, source);
      return r.order ?? order;
    } catch (err) {
      if (err instanceof NationalBusinessError) {
        const code = err.msgCode === MSG.PAY_BALANCE_INSUFFICIENT ? 'ECARD_PAY_BALANCE_INSUFFICIENT' : err.msgCode === MSG.PAY_LEVEL_TOO_LOW ? 'ECARD_LEVEL_TOO_LOW' : 'ECARD_PAY_NOT_ENABLED';
        this.d.logger.warn({ orderId: order.id, msgCode: err.msgCode }, 'national platform refused an e-card charge');
        await this.d.payments.closeRefused(order, `ecard ${err.msgCode}`, source);
        throw new AppError(code, undefined, { cause: err });
      }
      if (err instanceof UpstreamError) this.d.logger.warn({ err, orderId: order.id }, 'e-card charge outcome unknown; the closer will query it');
      throw err;
    }
  }

  /**
   * An order placed with provider `ecard`, paid on the phone: level 2, usable card, password,
   * daily limit, then the charge. A repeat after success answers the paid order.
   */
  async payOrder(order: PaymentOrder, residentId: string | null, password: string, merchantName: string, actor: { userId: string; channel: string }): Promise<PaymentOrder> {
    if (order.provider !== 'ecard') throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE', { provider: order.provider });
    if (order.status === 'SUCCESS' || order.status === 'REFUNDED') return order;
    if (order.status !== 'PAYING' || order.expiresAt.getTime() - EXPIRY_MARGIN_MS <= this.d.clock.now()) throw new AppError('PAYMENT_ORDER_CLOSED');
    const card = await this.payingCard(residentId ?? order.payerResidentId);
    await this.d.cardStatus.assertUsable(card.id);
    await this.d.passwords.check(card.id, password);
    if (order.prepayId === ECARD_HANDLE_CHARGING) {
      // A first attempt lost its answer (or is still running): ask the platform; repeat the same charge only if it never arrived.
      const synced = await this.d.payments.syncOrder(order, 'user');
      if (synced.status !== 'PAYING') return synced;
      return this.charge(synced, card, merchantName, 'user');
    }
    if (!(await this.claim(order))) throw new AppError('PAYMENT_IN_PROGRESS');
    let day: string;
    try {
      day = (await this.reserve(card.residentId, order.amountFen, true)).day;
    } catch (err) {
      await this.d.payments.closeRefused(order, 'ecard daily limit', 'user');
      throw err;
    }
    let paid: PaymentOrder;
    try {
      paid = await this.charge(order, card, merchantName, 'user');
    } catch (err) {
      // Refused by the platform (the order is closed): the amount never left the account.
      if (err instanceof AppError) await inTransaction(this.d.db, (m) => this.release(m, card.residentId, day, order.amountFen, false));
      throw err;
    }
    await this.d.audit.record({ action: 'payment.ecard.pay', result: 'ok', actorUserId: actor.userId, subjectResidentId: card.residentId, channel: actor.channel, detail: { orderId: order.id, amountFen: order.amountFen } });
    return paid;
  }
}
