import { randomUUID } from 'node:crypto';
import { cardBookableDates, chinaDateString } from '@qdssc/shared';
import type { EntityManager } from 'typeorm';
import type { NotifyRequest, Notifier } from '../src/modules/notifications/notifier.port';
import { bindAs, opId } from './support/ecard-flow';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

class RecordingNotifier implements Notifier {
  readonly sent: Array<NotifyRequest & { inTx: boolean }> = [];
  async notify(req: NotifyRequest, tx?: EntityManager): Promise<void> {
    this.sent.push({ ...req, inTx: Boolean(tx) });
  }
}

describeDb('instant card-making appointments', () => {
  let s: Stack;
  const notes = new RecordingNotifier();
  let instant: string[];
  let plain: string;
  let dates: string[];
  beforeAll(async () => {
    s = await startStack({ overrides: () => ({ notifier: notes }) });
    const snap = await s.app.services.branches.snapshot();
    instant = snap.index.items.filter((b) => b.services.includes('instant_card')).map((b) => b.id);
    plain = snap.index.items.find((b) => !b.services.includes('instant_card'))!.id;
    dates = cardBookableDates(chinaDateString(s.clock.now()));
  });
  afterAll(() => s?.close());

  it('has instant card-making branches to book at', () => {
    expect(instant.length).toBeGreaterThan(1);
  });

  it('books, reschedules and cancels, freeing each place it leaves, with what to bring', async () => {
    const { client } = await bindAs(s, 'adult-active');
    const slots = (await client.get(`/api/v1/card-appointments/slots?branchId=${encodeURIComponent(instant[0])}`)).body.data;
    expect(slots.slots).toHaveLength(dates.length * 2);
    expect(slots.slots[0]).toMatchObject({ date: dates[0], halfDay: 'am', capacity: 20, booked: 0, available: 20 });

    const operationId = opId();
    const booked = await client.post('/api/v1/card-appointments', { operationId, branchId: instant[0], date: dates[0], halfDay: 'am', reason: 'inpatient' });
    expect(booked.status).toBe(200);
    expect(booked.body.data).toMatchObject({ status: 'booked', date: dates[0], halfDay: 'am', bring: ['id_document', 'proof_hospital', 'agent_id'] });
    const again = await client.post('/api/v1/card-appointments', { operationId, branchId: instant[0], date: dates[0], halfDay: 'am', reason: 'inpatient' });
    expect(again.body.data.id).toBe(booked.body.data.id);
    const second = await client.post('/api/v1/card-appointments', { operationId: opId(), branchId: instant[1], date: dates[1], halfDay: 'pm', reason: 'inpatient' });
    expect(second.body.code).toBe('CARD_APPOINTMENT_ACTIVE_EXISTS');

    const moved = await client.put(`/api/v1/card-appointments/${booked.body.data.id}`, { branchId: instant[1], date: dates[1], halfDay: 'pm' });
    expect(moved.body.data).toMatchObject({ branchId: instant[1], date: dates[1], halfDay: 'pm', status: 'booked' });
    const [old] = await s.db.ds.query('SELECT booked FROM card_appointment_slot WHERE branch_id = ? AND slot_date = ? AND half_day = ?', [instant[0], dates[0], 'am']);
    expect(Number(old.booked)).toBe(0);

    const cancelled = await client.delete(`/api/v1/card-appointments/${booked.body.data.id}`);
    expect(cancelled.body.data.status).toBe('cancelled');
    const [freed] = await s.db.ds.query('SELECT booked FROM card_appointment_slot WHERE branch_id = ? AND slot_date = ? AND half_day = ?', [instant[1], dates[1], 'pm']);
    expect(Number(freed.booked)).toBe(0);
    expect((await client.put(`/api/v1/card-appointments/${booked.body.data.id}`, { branchId: instant[0], date: dates[2], halfDay: 'am' })).body.code).toBe('CARD_APPOINTMENT_NOT_ACTIVE');
    expect(notes.sent.filter((n) => n.topic === 'appointment').map((n) => [n.data.what, n.inTx])).toEqual([['booked', true], ['rescheduled', true], ['cancelled', true]]);
  });

  it('refuses branches without instant card-making, past dates and days off', async () => {
    const { client } = await bindAs(s, 'elder');
    const body = { operationId: opId(), reason: 'benefits_by_card', halfDay: 'am' };
    expect((await client.post('/api/v1/card-appointments', { ...body, branchId: plain, date: dates[0] })).body.code).toBe('CARD_APPOINTMENT_SLOT_INVALID');
    expect((await client.post('/api/v1/card-appointments', { ...body, branchId: instant[0], date: chinaDateString(s.clock.now()) })).body.code).toBe('CARD_APPOINTMENT_SLOT_INVALID');
    expect((await client.post('/api/v1/card-appointments', { ...body, branchId: instant[0], date: '2026-10-01' })).body.code).toBe('CARD_APPOINTMENT_SLOT_INVALID');
  });

  it('gives the last place of a slot to exactly one of 20 people booking at once', async () => {
    const slot = { branchId: instant[2] ?? instant[0], date: dates[3], halfDay: 'pm' as const };
    await s.db.ds.query('INSERT INTO card_appointment_slot (branch_id, slot_date, half_day, capacity, booked) VALUES (?, ?, ?, 20, 19)', [slot.branchId, slot.date, slot.halfDay]);
    const svc = s.app.services.cardAppointments;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => svc.bookFor({ userId: randomUUID(), residentId: randomUUID() }, { ...slot, operationId: opId(), reason: 'working_away' })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason.code);
    expect(won).toHaveLength(1);
    expect(lost).toEqual(Array(19).fill('CARD_APPOINTMENT_SLOT_FULL'));
    const [row] = await s.db.ds.query('SELECT booked FROM card_appointment_slot WHERE branch_id = ? AND slot_date = ? AND half_day = ?', [slot.branchId, slot.date, slot.halfDay]);
    expect(Number(row.booked)).toBe(20);
  });

  it('lets one resident racing for 10 different slots hold exactly one booking', async () => {
    const who = { userId: randomUUID(), residentId: randomUUID() };
    const svc = s.app.services.cardAppointments;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => svc.bookFor(who, { branchId: instant[i % instant.length], date: dates[4 + (i % 3)], halfDay: i % 2 ? 'am' : 'pm', operationId: opId(), reason: 'settled_away' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [n] = await s.db.ds.query("SELECT COUNT(*) AS n FROM card_appointment WHERE resident_id = ? AND status = 'booked'", [who.residentId]);
    expect(Number(n.n)).toBe(1);
    // Places taken by the losers were given back with their rolled-back transactions.
    const [taken] = await s.db.ds.query('SELECT COALESCE(SUM(booked), 0) AS b FROM card_appointment_slot WHERE slot_date IN (?, ?, ?)', [dates[4], dates[5], dates[6]]);
    expect(Number(taken.b)).toBe(1);
  });
});
