import { randomBytes } from 'node:crypto';
import { canCardOperation, type PhysicalCardStatus } from '@qdssc/shared';
import type { EntityManager } from 'typeorm';
import type { NotifyRequest, Notifier } from '../src/modules/notifications/notifier.port';
import type { ApiClient } from './support/api-client';
import { opId, passedFaceCheck, qrFor, raiseToLevel2, terminal, terminalPost, withEcard } from './support/ecard-flow';
import { eventually, quickHrss, sandboxGet, sandboxPost } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

/** Records what the card feature announces, and whether it was inside a transaction. */
class RecordingNotifier implements Notifier {
  readonly sent: Array<NotifyRequest & { inTx: boolean }> = [];
  async notify(req: NotifyRequest, tx?: EntityManager): Promise<void> {
    this.sent.push({ ...req, inTx: Boolean(tx) });
  }
}

const ONLINE = [
  ['activate', 'post', 'activation'],
  ['report_temporary_loss', 'post', 'temporary-loss'],
  ['release_temporary_loss', 'delete', 'temporary-loss'],
  ['cancel', 'post', 'cancellation'],
] as const;

describeDb('the physical card lifecycle', () => {
  let s: Stack;
  const notes = new RecordingNotifier();
  beforeAll(async () => {
    s = await startStack({ overrides: () => ({ notifier: notes }) });
    await quickHrss(s);
  });
  afterAll(() => s?.close());
  afterEach(() => fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'DELETE' }));

  async function cardOf(client: ApiClient) {
    const r = await client.get('/api/v1/cards');
    expect(r.status).toBe(200);
    return r.body.data[0];
  }
  const op = (client: ApiClient, id: string, which: (typeof ONLINE)[number], body: Record<string, unknown>) =>
    which[1] === 'post' ? client.post(`/api/v1/cards/${id}/${which[2]}`, body) : client.delete(`/api/v1/cards/${id}/${which[2]}`, body);
  const face = (client: ApiClient) => passedFaceCheck(client, { purpose: 'confirm' });
  const clients: Record<string, { client: ApiClient; card: any }> = {};

  describe('the transition table through the API', () => {
    const personas: Array<[string, PhysicalCardStatus]> = [
      ['adult-active', 'active'],
      ['adult-card-temp-lost', 'temporarily_lost'],
      ['adult-card-cancelled', 'cancelled'],
      ['adult-card-new', 'issued'],
    ];
    beforeAll(async () => {
      for (const [id] of personas) {
        const c = await withEcard(s, id);
        clients[id] = { client: c.client, card: await cardOf(c.client) };
      }
    });

    it.each(personas)('shows %s’s card as %s with only the online actions the table allows', (id, status) => {
      const { card } = clients[id];
      expect(card.status).toBe(status);
      expect(card.actions).toEqual(ONLINE.map((o) => o[0]).filter((o) => canCardOperation(o, status, 'online').allowed));
      expect(card.maskedCardNo).toMatch(/^\*+\d{4}$/);
    });

    for (const [id, status] of personas) {
      for (const which of ONLINE) {
        const d = canCardOperation(which[0], status, 'online');
        if (d.allowed) continue;
        it(`refuses ${which[0]} of a ${status} card with ${d.code} and leaves it ${status}`, async () => {
          const { client, card } = clients[id];
          const r = await op(client, card.id, which, { operationId: opId(), password: '258369', cardNo: 'QD0000000' });
          expect(r.status).toBe(409);
          expect(r.body).toMatchObject({ code: d.code, details: { advice: d.advice } });
          expect((await client.get(`/api/v1/cards/${card.id}`)).body.data.status).toBe(status);
        });
      }
    }

    it('shows a collected new card’s production timeline, all stages dated', () => {
      const p = clients['adult-card-new'].card.production;
      expect(p.stages.map((x: { stage: string }) => x.stage)).toEqual(['submitted', 'in_production', 'ready_at_branch', 'collected']);
      expect(p.stages.every((x: { at: string | null }) => x.at)).toBe(true);
      expect(p.current).toBe('collected');
    });

    it('activates a card only with the number printed on it, after a fresh face check', async () => {
      const { client, card } = clients['adult-card-new'];
      const noConfirm = await client.post(`/api/v1/cards/${card.id}/activation`, { operationId: opId(), cardNo: 'QD0101234' });
      expect(noConfirm.body.code).toBe('CARD_CONFIRMATION_REQUIRED');
      const wrong = await client.post(`/api/v1/cards/${card.id}/activation`, { operationId: opId(), cardNo: 'QD0101299', faceCheckId: await face(client) });
      expect(wrong.body.code).toBe('CARD_NUMBER_MISMATCH');
      const ok = await client.post(`/api/v1/cards/${card.id}/activation`, { operationId: opId(), cardNo: 'qd 0101234', faceCheckId: await face(client) });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toMatchObject({ status: 'active', usable: true, actions: ['report_temporary_loss', 'cancel'] });
      expect((await sandboxGet(s, '/sandbox/hrss/cards/adult-card-new')).body.status).toBe('active');
    });

    it('refuses a face check that was not passed, and a password that is wrong, before calling HRSS', async () => {
      const { client, card } = clients['adult-card-temp-lost'];
      const failed = await passedFaceCheck(client, { purpose: 'confirm' }, false);
      const r = await client.delete(`/api/v1/cards/${card.id}/temporary-loss`, { operationId: opId(), faceCheckId: failed });
      expect(r.body.code).toBe('FACE_CHECK_NOT_PASSED');
      expect((await sandboxGet(s, '/sandbox/hrss/cards/adult-card-temp-lost')).body.status).toBe('temporarily_lost');
    });
  });

  describe('temporary loss mirrored to the e-card in the same request', () => {
    let client: ApiClient;
    let card: any;
    let ecardId: string;
    beforeAll(async () => {
      const c = await withEcard(s, 'elder');
      client = c.client;
      ecardId = c.ecard.id;
      await raiseToLevel2(client, ecardId, c.persona, '258369');
      card = await cardOf(client);
    });

    it('stops QR issuing and refuses a QR issued just before, then restores both on release', async () => {
      const before = await qrFor(client, ecardId);
      const operationId = opId();
      const lost = await client.post(`/api/v1/cards/${card.id}/temporary-loss`, { operationId, password: '258369' });
      expect(lost.status).toBe(200);
      expect(lost.body.data).toMatchObject({ status: 'temporarily_lost', usable: false, unusableCode: 'CARD_TEMPORARILY_LOST', actions: ['release_temporary_loss'] });
      expect((await client.post(`/api/v1/ecards/${ecardId}/qrcodes`)).body.code).toBe('CARD_TEMPORARILY_LOST');
      const verify = await terminalPost(s, terminal('hospital'), { qrcode: before, busiType: '01' });
      expect(verify.body.code).toBe('CARD_TEMPORARILY_LOST');

      // A retry of the same operation answers the same card and records nothing twice.
      const retry = await client.post(`/api/v1/cards/${card.id}/temporary-loss`, { operationId, password: '258369' });
      expect(retry.body.data.statusVersion).toBe(lost.body.data.statusVersion);
      const rows = await s.db.ds.query('SELECT COUNT(*) AS n FROM card_status_event WHERE operation_id = ?', [operationId]);
      expect(Number(rows[0].n)).toBe(1);

      const released = await client.delete(`/api/v1/cards/${card.id}/temporary-loss`, { operationId: opId(), faceCheckId: await face(client) });
      expect(released.body.data).toMatchObject({ status: 'active', usable: true });
      const after = await qrFor(client, ecardId);
      expect((await terminalPost(s, terminal('pharmacy'), { qrcode: after, busiType: '01' })).status).toBe(200);
      expect(released.body.data.timeline.map((t: { to: string }) => t.to)).toEqual(['active', 'temporarily_lost']);
    });

    it('audits each operation and announces each change inside its transaction', async () => {
      const audit = await s.db.ds.query("SELECT action, result FROM audit_log WHERE action LIKE 'card.%' AND subject_resident_id = (SELECT resident_id FROM physical_card WHERE id = ?) ORDER BY at", [card.id]);
      expect(audit).toEqual([
        { action: 'card.report_temporary_loss', result: 'ok' },
        { action: 'card.release_temporary_loss', result: 'ok' },
      ]);
      const mine = notes.sent.filter((n) => n.dedupeKey.startsWith(`card:${card.id}:`));
      expect(mine.map((n) => [n.topic, n.data.status, n.inTx])).toEqual([['card_status', 'temporarily_lost', true], ['card_status', 'active', true]]);
    });

    it('answers 404 for another resident’s card', async () => {
      const other = clients['adult-active'];
      expect((await other.client.get(`/api/v1/cards/${card.id}`)).status).toBe(404);
      expect((await other.client.post(`/api/v1/cards/${card.id}/temporary-loss`, { operationId: opId(), password: '258369' })).status).toBe(404);
    });
  });

  describe('cancellation', () => {
    it('revokes the e-card here and at the national platform', async () => {
      const c = await withEcard(s, 'hk-resident');
      const card = await cardOf(c.client);
      const r = await c.client.post(`/api/v1/cards/${card.id}/cancellation`, { operationId: opId(), faceCheckId: await face(c.client) });
      expect(r.body.data).toMatchObject({ status: 'cancelled', actions: [], usable: false });
      const [ecard] = await s.db.ds.query('SELECT status FROM ecard WHERE id = ?', [c.ecard.id]);
      expect(ecard.status).toBe('revoked');
      const [out] = await s.db.ds.query('SELECT done_at, attempts FROM card_outbox WHERE ecard_id = ?', [c.ecard.id]);
      expect(out.done_at).not.toBeNull();
      expect((await c.client.post(`/api/v1/ecards/${c.ecard.id}/qrcodes`)).body.code).toBe('ECARD_REVOKED');
      // The national platform's sign status is revoked: a new application is possible again.
      expect(await s.app.services.cards.drainOutbox()).toBe(0);
    });

    it('keeps the revocation in the outbox while the national platform is down and finishes it later', async () => {
      const c = await withEcard(s, 'foreign-resident');
      const card = await cardOf(c.client);
      await sandboxPost(s, '/sandbox/faults', { target: 'national:essc.card.channel.revoke', mode: 'http500', times: 10 });
      const r = await c.client.post(`/api/v1/cards/${card.id}/cancellation`, { operationId: opId(), faceCheckId: await face(c.client) });
      expect(r.body.data.status).toBe('cancelled');
      const [pending] = await s.db.ds.query('SELECT done_at FROM card_outbox WHERE ecard_id = ?', [c.ecard.id]);
      expect(pending.done_at).toBeNull();
      await fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'DELETE' });
      expect(await s.app.services.cards.drainOutbox()).toBe(1);
    });
  });

  describe('HRSS callbacks for branch-side changes', () => {
    let client: ApiClient;
    let card: any;
    let ecardId: string;
    beforeAll(async () => {
      const c = await withEcard(s, 'adult-second-guardian');
      client = c.client;
      ecardId = c.ecard.id;
      card = await cardOf(client);
    });
    const status = async () => (await client.get(`/api/v1/cards/${card.id}`)).body.data;
    const ref = async () => (await sandboxGet(s, '/sandbox/hrss/cards/adult-second-guardian')).body.cardRef as string;
    const send = async (version: number, to: PhysicalCardStatus, eventId = `EVT${randomBytes(8).toString('hex')}`) => {
      const cardRef = await ref();
      const r = await sandboxPost(s, '/sandbox/hrss/events', { type: 'card.status', aggregate: `card:${cardRef}`, version, eventId, subject: { ref: cardRef }, payload: { status: to, source: 'branch' } });
      return r.body.reply as { status: number; body: { code: string } };
    };

    it('mirrors a temporary loss reported at a branch, and its release, through signed callbacks', async () => {
      const r = await sandboxPost(s, '/sandbox/hrss/cards/adult-second-guardian/branch', { operation: 'report_temporary_loss' });
      expect(r.status).toBe(200);
      const seen = await eventually(status, (c) => c.status === 'temporarily_lost');
      expect(seen).toMatchObject({ status: 'temporarily_lost', usable: false });
      expect(seen.timeline[0]).toMatchObject({ source: 'branch', operation: 'report_temporary_loss' });
      expect((await client.post(`/api/v1/ecards/${ecardId}/qrcodes`)).body.code).toBe('CARD_TEMPORARILY_LOST');
      await sandboxPost(s, '/sandbox/hrss/cards/adult-second-guardian/branch', { operation: 'release_temporary_loss' });
      expect((await eventually(status, (c) => c.status === 'active')).status).toBe('active');
    });

    it('converges when the notifier duplicates and reorders callbacks', async () => {
      await sandboxPost(s, '/sandbox/faults', { target: 'hrss:notify', mode: 'out-of-order', times: 1 });
      await sandboxPost(s, '/sandbox/hrss/cards/adult-second-guardian/branch', { operation: 'report_temporary_loss' });
      await sandboxPost(s, '/sandbox/faults', { target: 'hrss:notify', mode: 'duplicate', times: 1 });
      const twin = (await sandboxPost(s, '/sandbox/hrss/cards/adult-second-guardian/branch', { operation: 'release_temporary_loss' })).body;
      await eventually(() => sandboxGet(s, '/sandbox/hrss/deliveries'), (r) => r.body.pending === 0);
      const now = await status();
      expect(now).toMatchObject({ status: 'active', statusVersion: twin.version });
    });

    it('ignores a duplicate event and a late lower version, and applies the next one', async () => {
      const v = (await status()).statusVersion;
      const eventId = `EVT${randomBytes(8).toString('hex')}`;
      expect((await send(v + 2, 'temporarily_lost', eventId)).body.code).toBe('SUCCESS');
      expect((await send(v + 2, 'temporarily_lost', eventId)).body.code).toBe('SUCCESS');
      expect((await send(v + 1, 'active')).body.code).toBe('SUCCESS');
      expect(await status()).toMatchObject({ status: 'temporarily_lost', statusVersion: v + 2 });
      const outcomes = await s.db.ds.query("SELECT outcome FROM hrss_event WHERE type = 'card.status' AND version = ? AND aggregate = ?", [v + 1, `card:${await ref()}`]);
      expect(outcomes).toEqual([{ outcome: 'stale' }]);
      expect((await send(v + 3, 'lost')).body.code).toBe('SUCCESS');
      expect(await status()).toMatchObject({ status: 'lost', actions: [], branchActions: ['replace', 'cancel'] });
      const [events] = await s.db.ds.query('SELECT COUNT(*) AS n FROM card_status_event WHERE physical_card_id = ? AND version = ?', [card.id, v + 2]);
      expect(Number(events.n)).toBe(1);
    });

    it('revokes the e-card when a branch cancels the card', async () => {
      const v = (await status()).statusVersion;
      expect((await send(v + 1, 'cancelled')).body.code).toBe('SUCCESS');
      const [ecard] = await s.db.ds.query('SELECT status FROM ecard WHERE id = ?', [ecardId]);
      expect(ecard.status).toBe('revoked');
      const note = notes.sent.find((n) => n.dedupeKey === `card:${card.id}:v${v + 1}`);
      expect(note).toMatchObject({ topic: 'card_status', data: { status: 'cancelled' }, inTx: true });
    });

    it('moves production progress only forward and announces each stage once', async () => {
      const cardRef = await ref();
      const sendStage = (stage: string, version: number) =>
        sandboxPost(s, '/sandbox/hrss/events', { type: 'card.production', aggregate: `card-production:${cardRef}`, version, subject: { ref: cardRef }, payload: { stage, at: new Date().toISOString() } });
      await s.db.ds.query('UPDATE physical_card SET production_stage = ?, production_json = ? WHERE id = ?', ['submitted', JSON.stringify([{ stage: 'submitted', at: '2026-11-20T01:00:00.000Z' }]), card.id]);
      expect((await sendStage('ready_at_branch', 13)).body.reply.body.code).toBe('SUCCESS');
      expect((await sendStage('in_production', 12)).body.reply.body.code).toBe('SUCCESS');
      const p = (await status()).production;
      expect(p.current).toBe('ready_at_branch');
      expect(p.stages.filter((x: { at: string | null }) => x.at).map((x: { stage: string }) => x.stage)).toEqual(['submitted', 'ready_at_branch']);
      expect(notes.sent.filter((n) => n.topic === 'card_production' && n.dedupeKey.startsWith(`card-production:${card.id}:`)).map((n) => n.data.stage)).toEqual(['ready_at_branch']);
    });
  });
});
