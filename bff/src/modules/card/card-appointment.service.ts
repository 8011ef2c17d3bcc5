import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  CARD_HALF_DAYS, CARD_SLOT_CAPACITY, cardBookableDates, cardWhatToBring, chinaDateString,
  type CardAppointmentView, type CardHalfDay, type CardSlot, type CardTemporaryReason,
} from '@qdssc/shared';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import type { BranchDirectory, BranchRecord } from '../branches/branch-directory';
import type { EcardService } from '../ecard/ecard.service';
import type { Notifier } from '../notifications/notifier.port';
import { CardAppointment, CardAppointmentSlot } from './card.entities';

export interface SlotChoice {
  branchId: string;
  date: string;
  halfDay: CardHalfDay;
}

export interface Booker {
  userId: string;
  residentId: string;
  channel?: string;
}

/**
 * Appointments for a temporary card or instant card-making (即时制卡) at the branches that offer
 * it (BranchDirectory, service `instant_card`). Capacity is counted per branch per half-day in
 * `card_appointment_slot` and taken by a conditional UPDATE (`booked < capacity`), and a resident
 * holds at most one active booking (unique `active_key`), both inside one transaction — so many
 * people racing for the last place get exactly one booking, and nobody double-books.
 */
export class CardAppointmentService {
  private readonly repo: Repository<CardAppointment>;
  private readonly slotsRepo: Repository<CardAppointmentSlot>;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly branches: BranchDirectory,
    private readonly ecards: EcardService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
    private readonly capacity = CARD_SLOT_CAPACITY,
  ) {
    this.repo = db.getRepository(CardAppointment);
    this.slotsRepo = db.getRepository(CardAppointmentSlot);
  }

  private async booker(session: Session): Promise<Booker> {
    const me = await this.ecards.requireResident(session);
    return { userId: session.userId, residentId: me.id, channel: session.channel };
  }

  private async branch(branchId: string): Promise<BranchRecord> {
    const snap = await this.branches.snapshot();
    const b = snap.index.items.find((x) => x.id === branchId);
    if (!b || !b.services.includes('instant_card')) throw new AppError('CARD_APPOINTMENT_SLOT_INVALID');
    return b;
  }

  private bookable(c: SlotChoice): void {
    if (!cardBookableDates(chinaDateString(this.clock.now())).includes(c.date) || !CARD_HALF_DAYS.includes(c.halfDay)) throw new AppError('CARD_APPOINTMENT_SLOT_INVALID');
  }

  async slots(session: Session, branchId: string): Promise<{ branchId: string; branchName: string; slots: CardSlot[] }> {
    await this.booker(session);
    const b = await this.branch(branchId);
    const dates = cardBookableDates(chinaDateString(this.clock.now()));
    const rows = await this.slotsRepo.find({ where: { branchId } });
    const byKey = new Map(rows.map((r) => [`${r.slotDate}|${r.halfDay}`, r]));
    const slots = dates.flatMap((date) =>
      CARD_HALF_DAYS.map((halfDay) => {
        const r = byKey.get(`${date}|${halfDay}`);
        const capacity = r?.capacity ?? this.capacity;
        const booked = r?.booked ?? 0;
        return { date, halfDay, capacity, booked, available: Math.max(0, capacity - booked) };
      }),
    );
    return { branchId, branchName: b.name, slots };
  }

  async mine(session: Session): Promise<CardAppointmentView[]> {
    const me = await this.booker(session);
    const rows = await this.repo.find({ where: { residentId: me.residentId }, order: { createdAt: 'DESC' }, take: 20 });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  book(session: Session, body: SlotChoice & { operationId: string; reason: CardTemporaryReason }, requestId?: string): Promise<CardAppointmentView> {
    return this.booker(session).then((b) => this.bookFor(b, body, requestId));
  }

  /** Books for a resident (the route's caller; tests race many residents through here). */
  async bookFor(who: Booker, body: SlotChoice & { operationId: string; reason: CardTemporaryReason }, requestId?: string): Promise<CardAppointmentView> {
    const again = await this.repo.findOneBy({ createdByUserId: who.userId, operationId: body.operationId });
    if (again) return this.view(again);
    await this.branch(body.branchId);
    this.bookable(body);
    await this.ensureSlot(body);
    const now = new Date(this.clock.now());
    const row: CardAppointment = {
      id: newId(now.getTime()), residentId: who.residentId, createdByUserId: who.userId, operationId: body.operationId, branchId: body.branchId,
      slotDate: body.date, halfDay: body.halfDay, reason: body.reason, status: 'booked', activeKey: who.residentId, version: 0, createdAt: now, updatedAt: now,
    };
    try {
      await inTransaction(this.db, async (em) => {
        await this.take(em, body);
        await em.getRepository(CardAppointment).insert(row);
        await this.notify(em, row, 'booked');
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        const same = await this.repo.findOneBy({ createdByUserId: who.userId, operationId: body.operationId });
        if (same) return this.view(same);
        await this.audit.record({ action: 'card.appointment.book', result: 'refused', code: 'CARD_APPOINTMENT_ACTIVE_EXISTS', actorUserId: who.userId, subjectResidentId: who.residentId, requestId });
        throw new AppError('CARD_APPOINTMENT_ACTIVE_EXISTS');
      }
      if (err instanceof AppError) await this.audit.record({ action: 'card.appointment.book', result: 'refused', code: err.code, actorUserId: who.userId, subjectResidentId: who.residentId, requestId });
      throw err;
    }
    await this.audit.record({ action: 'card.appointment.book', result: 'ok', actorUserId: who.userId, subjectResidentId: who.residentId, channel: who.channel, requestId, detail: { branchId: row.branchId, date: row.slotDate, halfDay: row.halfDay } });
    return this.view(row);
  }

  async reschedule(session: Session, id: string, to: SlotChoice, requestId?: string): Promise<CardAppointmentView> {
    const who = await this.booker(session);
    const appt = await this.own(who, id);
    if (appt.status !== 'booked') throw new AppError('CARD_APPOINTMENT_NOT_ACTIVE');
    if (appt.branchId === to.branchId && appt.slotDate === to.date && appt.halfDay === to.halfDay) return this.view(appt);
    await this.branch(to.branchId);
    this.bookable(to);
    await this.ensureSlot(to);
    await inTransaction(this.db, async (em) => {
      await this.take(em, to);
      const r = await em
        .createQueryBuilder()
        .update(CardAppointment)
        .set({ branchId: to.branchId, slotDate: to.date, halfDay: to.halfDay, version: appt.version + 1, updatedAt: new Date(this.clock.now()) })
        .where('id = :id AND version = :v AND status = :s', { id, v: appt.version, s: 'booked' })
        .execute();
      if (!r.affected) throw new AppError('CARD_APPOINTMENT_NOT_ACTIVE');
      await this.release(em, appt);
      await this.notify(em, { ...appt, ...{ branchId: to.branchId, slotDate: to.date, halfDay: to.halfDay, version: appt.version + 1 } }, 'rescheduled');
    });
    await this.audit.record({ action: 'card.appointment.reschedule', result: 'ok', actorUserId: who.userId, subjectResidentId: who.residentId, channel: who.channel, requestId, detail: { branchId: to.branchId, date: to.date, halfDay: to.halfDay } });
    return this.view((await this.repo.findOneBy({ id }))!);
  }

  async cancel(session: Session, id: string, requestId?: string): Promise<CardAppointmentView> {
    const who = await this.booker(session);
    const appt = await this.own(who, id);
    if (appt.status === 'booked') {
      await inTransaction(this.db, async (em) => {
        const r = await em
          .createQueryBuilder()
          .update(CardAppointment)
          .set({ status: 'cancelled', activeKey: null, version: appt.version + 1, updatedAt: new Date(this.clock.now()) })
          .where('id = :id AND version = :v AND status = :s', { id, v: appt.version, s: 'booked' })
          .execute();
        if (!r.affected) return;
        await this.release(em, appt);
        await this.notify(em, { ...appt, version: appt.version + 1 }, 'cancelled');
      });
      await this.audit.record({ action: 'card.appointment.cancel', result: 'ok', actorUserId: who.userId, subjectResidentId: who.residentId, channel: who.channel, requestId });
    }
    return this.view((await this.repo.findOneBy({ id }))!);
  }

  private async own(who: Booker, id: string): Promise<CardAppointment> {
    const appt = /^[0-9a-f-]{36}$/.test(id) ? await this.repo.findOneBy({ id }) : null;
    if (!appt || appt.residentId !== who.residentId) throw new AppError('NOT_FOUND');
    return appt;
  }

  /** The slot's row exists before anyone takes a place in it (the first booker creates it). */
  private async ensureSlot(c: SlotChoice): Promise<void> {
    if (await this.slotsRepo.exists({ where: { branchId: c.branchId, slotDate: c.date, halfDay: c.halfDay } })) return;
    try {
      await this.slotsRepo.insert({ branchId: c.branchId, slotDate: c.date, halfDay: c.halfDay, capacity: this.capacity, booked: 0 });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /** Takes one place: a conditional UPDATE, so the last place goes to exactly one transaction. */
  private async take(em: EntityManager, c: SlotChoice): Promise<void> {
    const r = await em
      .createQueryBuilder()
      .update(CardAppointmentSlot)
      .set({ booked: () => 'booked + 1' })
      .where('branch_id = :b AND slot_date = :d AND half_day = :h AND booked < capacity', { b: c.branchId, d: c.date, h: c.halfDay })
      .execute();
    if (!r.affected) throw new AppError('CARD_APPOINTMENT_SLOT_FULL');
  }

  private async release(em: EntityManager, a: CardAppointment): Promise<void> {
    await em
      .createQueryBuilder()
      .update(CardAppointmentSlot)
      .set({ booked: () => 'booked - 1' })
      .where('branch_id = :b AND slot_date = :d AND half_day = :h AND booked > 0', { b: a.branchId, d: a.slotDate, h: a.halfDay })
      .execute();
  }

  private notify(em: EntityManager, a: CardAppointment, what: 'booked' | 'rescheduled' | 'cancelled'): Promise<void> {
    return this.notifier.notify(
      { residentId: a.residentId, topic: 'appointment', dedupeKey: `card-appointment:${a.id}:v${a.version}`, data: { what, date: a.slotDate, halfDay: a.halfDay }, page: 'package-card/appointment/index' },
      em,
    );
  }

  private async view(a: CardAppointment): Promise<CardAppointmentView> {
    const snap = await this.branches.snapshot();
    const b = snap.index.items.find((x) => x.id === a.branchId);
    return {
      id: a.id, branchId: a.branchId, branchName: b?.name ?? a.branchId, branchAddress: b?.address ?? '', date: a.slotDate, halfDay: a.halfDay,
      reason: a.reason, status: a.status, bring: cardWhatToBring(a.reason),
    };
  }
}
