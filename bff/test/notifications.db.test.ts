import { randomUUID } from 'node:crypto';
import { businessItem } from '@qdssc/shared';
import { goodForm } from '../../shared/src/business/form-samples';
import type { ManualClock } from '../src/lib/clock';
import { AppUser } from '../src/modules/auth/app-user.entity';
import { Guardianship } from '../src/modules/family/guardianship.entity';
import { Resident } from '../src/modules/identity/resident.entity';
import { NotificationDelivery, NotificationOutbox, NotificationSubscription } from '../src/modules/notifications/notification.entities';
import type { NotifyRequest } from '../src/modules/notifications/notifier.port';
import type { ApiClient } from './support/api-client';
import { persona } from './support/ecard-flow';
import { checkoutExam, payInSheet } from './support/payments';
import { withRosterSubjects } from './support/roster-subject-resolver';
import { eventually, quickHrss, sandboxGet, sandboxPost } from './support/sandbox-control';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

const TMPL = (topic: string) => `sbxWx_${topic}_tmpl`;

describeDb('subscription messages and the inbox', () => {
  let s: Stack;
  const sessions = new Map<string, Promise<ApiClient>>();
  const as = (id: string, channel: 'wechat' | 'alipay' | 'h5' = 'wechat') => {
    const key = `${id}/${channel}`;
    if (!sessions.has(key)) sessions.set(key, s.loginAs(id, channel));
    return sessions.get(key)!;
  };
  const svc = () => s.app.services.notifications;
  const clock = () => s.clock as ManualClock;
  const userOf = async (channelUserId: string) => (await s.db.ds.getRepository(AppUser).findOneByOrFail({ channelUserId })).id;
  const wx = async (openid: string) => (await sandboxGet(s, `/sandbox/wechat/subscribe-messages?touser=${openid}`)).body.messages as Array<{ templateId: string; data: Record<string, { value: string }>; page: string }>;
  const ali = async (userId: string) => (await sandboxGet(s, `/sandbox/alipay/template-messages?toUserId=${userId}`)).body.messages as Array<{ userTemplateId: string; data: Record<string, { value: string }> }>;
  const subscribe = (c: ApiClient, topic: string, outcome = 'accept', template = TMPL(topic)) => c.post('/api/v1/notifications/subscriptions', { topics: [topic], results: { [template]: outcome } });
  const notice = (over: Partial<NotifyRequest> = {}): NotifyRequest => ({
    residentId: '', topic: 'card_status', dedupeKey: `test:${randomUUID()}`, data: { card: 'QD****345', status: '已挂失', time: '2026年11月29日 10:00' }, page: 'pages/ecard/index', ...over,
  });
  /** Sends until nothing is due (a retry scheduled for later stays pending). */
  const drain = async () => {
    for (let i = 0; i < 10; i++) if ((await svc().dispatcher.runOnce()).claimed === 0) return;
  };
  const grants = async (userId: string, topic: string) => (await s.db.ds.getRepository(NotificationSubscription).findOneBy({ userId, topic: topic as never }))?.grants ?? 0;

  beforeAll(async () => {
    s = await startStack({ clock: 'manual', overrides: withRosterSubjects, env: { NOTIFY_MAX_ATTEMPTS: '3' } });
    await quickHrss(s);
  });
  afterAll(() => s?.close());
  afterEach(async () => {
    await fetch(`${s.sandboxUrl}/sandbox/faults`, { method: 'DELETE' });
  });

  it('offers each topic with the template id of the account’s host and no grants at first', async () => {
    const c = await as('foreign-resident');
    const r = await c.get('/api/v1/notifications/subscriptions');
    expect(r.status).toBe(200);
    expect(r.body.data.channel).toBe('wechat');
    expect(r.body.data.topics).toContainEqual({ topic: 'application_status', templateId: TMPL('application_status'), grants: 0, lastAnswer: null, updatedAt: null });
    const refused = await c.post('/api/v1/notifications/subscriptions', { topics: ['payment_result'], results: { someone_elses_template: 'accept' } });
    expect([refused.status, refused.body.code]).toEqual([400, 'NOTIFICATION_TEMPLATE_UNKNOWN']);
  });

  it('records one message for the same dedupe key announced twice, even inside two transactions', async () => {
    const c = await as('foreign-resident');
    await subscribe(c, 'card_status');
    await subscribe(c, 'card_status');
    const userId = await userOf(persona('foreign-resident').wechatOpenid!);
    const req = notice({ userId });
    await svc().notify(req);
    await s.db.ds.transaction((em) => svc().notify(req, em));
    expect(await s.db.ds.getRepository(NotificationOutbox).countBy({ dedupeKey: req.dedupeKey })).toBe(1);
    await drain();
    expect((await wx(persona('foreign-resident').wechatOpenid!)).filter((m) => m.templateId === TMPL('card_status'))).toHaveLength(1);
    expect(await grants(userId, 'card_status')).toBe(1);
  });

  it('rolls the message back with the caller’s transaction', async () => {
    const req = notice();
    await expect(
      s.db.ds.transaction(async (em) => {
        await svc().notify(req, em);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await s.db.ds.getRepository(NotificationOutbox).countBy({ dedupeKey: req.dedupeKey })).toBe(0);
  });

  it('puts the message only in the inbox of someone who did not subscribe', async () => {
    const c = await as('hk-resident');
    const openid = persona('hk-resident').wechatOpenid!;
    const userId = await userOf(openid);
    const req = notice({ userId, topic: 'appointment', data: { branch: '农业银行青岛分行营业部', slot: '2026年12月1日 09:00', status: '已预约' } });
    await svc().notify(req);
    await drain();
    expect(await wx(openid)).toHaveLength(0);
    const d = await s.db.ds.getRepository(NotificationDelivery).findOneByOrFail({ userId });
    expect(d.status).toBe('not_subscribed');
    const inbox = await c.get('/api/v1/notifications/inbox');
    expect(inbox.body.data).toMatchObject({ total: 1, unread: 1 });
    expect(inbox.body.data.items[0]).toMatchObject({ topic: 'appointment', read: false, aboutWard: false, data: { branch: '农业银行青岛分行营业部' } });
    expect((await c.get('/api/v1/notifications/unread-count')).body.data).toEqual({ unread: 1 });
    const read = await c.post(`/api/v1/notifications/inbox/${inbox.body.data.items[0].id}/read`, {});
    expect(read.body.data).toEqual({ unread: 0 });
    expect((await c.post(`/api/v1/notifications/inbox/${inbox.body.data.items[0].id}/read`, {})).body.data).toEqual({ unread: 0 });
    const other = await as('elder');
    const stranger = await other.post(`/api/v1/notifications/inbox/${inbox.body.data.items[0].id}/read`, {});
    expect([stranger.status, stranger.body.code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);
  });

  it('uses one grant per message: two accepts allow two messages, the third reaches the inbox only', async () => {
    const c = await as('elder');
    const openid = persona('elder').wechatOpenid!;
    const userId = await userOf(openid);
    await subscribe(c, 'payment_result');
    await subscribe(c, 'payment_result', 'reject');
    const st = await subscribe(c, 'payment_result');
    expect(st.body.data.topics.find((t: { topic: string }) => t.topic === 'payment_result')).toMatchObject({ grants: 2, lastAnswer: 'accept' });
    const audited = await s.db.ds.query("SELECT action, actor_user_id FROM audit_log WHERE action = 'notifications.subscribe' AND actor_user_id = ?", [userId]);
    expect(audited).toHaveLength(3);
    for (let i = 0; i < 3; i++) await svc().notify(notice({ userId, topic: 'payment_result', data: { description: `考试费${i}`, amount: '¥80.00', result: '支付成功', time: '2026年11月29日 10:00' } }));
    await drain();
    expect(await wx(openid)).toHaveLength(2);
    expect(await grants(userId, 'payment_result')).toBe(0);
    expect((await s.db.ds.getRepository(NotificationDelivery).findBy({ userId })).map((d) => d.status).sort()).toEqual(['not_subscribed', 'sent', 'sent']);
    expect((await c.get('/api/v1/notifications/inbox')).body.data.total).toBe(3);
  });

  it('believes WeChat’s 43101: no retry, the grant is gone, the inbox still has it', async () => {
    const c = await as('adult-card-cancelled');
    const openid = persona('adult-card-cancelled').wechatOpenid!;
    const userId = await userOf(openid);
    await subscribe(c, 'card_status');
    await subscribe(c, 'card_status');
    await sandboxPost(s, '/sandbox/wechat/subscribe-errors', { errcode: 43101, touser: openid });
    const req = notice({ userId });
    await svc().notify(req);
    await drain();
    expect(await wx(openid)).toHaveLength(0);
    expect(await s.db.ds.getRepository(NotificationOutbox).findOneByOrFail({ dedupeKey: req.dedupeKey })).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await s.db.ds.getRepository(NotificationDelivery).findOneByOrFail({ userId })).status).toBe('refused');
    expect(await grants(userId, 'card_status')).toBe(0);
    expect((await c.get('/api/v1/notifications/unread-count')).body.data.unread).toBe(1);
  });

  it('refreshes an expired access token (42001) and sends on the same attempt', async () => {
    const c = await as('adult-not-insured');
    const openid = persona('adult-not-insured').wechatOpenid!;
    await subscribe(c, 'card_production');
    await svc().notify(notice({ userId: await userOf(openid), topic: 'card_production', data: { card: 'QD****999', stage: '制卡中', time: '2026年11月29日 10:00' } }));
    await sandboxPost(s, '/sandbox/wechat/age-tokens');
    await drain();
    expect(await wx(openid)).toHaveLength(1);
  });

  it('retries after a WeChat outage with backoff, keeps the grant meanwhile, and gives up after the last attempt', async () => {
    const c = await as('adult-card-temp-lost');
    const openid = persona('adult-card-temp-lost').wechatOpenid!;
    const userId = await userOf(openid);
    await subscribe(c, 'card_status');
    await sandboxPost(s, '/sandbox/faults', { target: 'wechat:subscribe.send', mode: 'http500', times: 1 });
    const first = notice({ userId });
    await svc().notify(first);
    expect(await svc().dispatcher.runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    const row = await s.db.ds.getRepository(NotificationOutbox).findOneByOrFail({ dedupeKey: first.dedupeKey });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt.getTime() - clock().now()).toBeGreaterThanOrEqual(4_000);
    expect(await grants(userId, 'card_status')).toBe(1);
    expect((await svc().dispatcher.runOnce()).claimed).toBe(0); // not due yet
    clock().advance(6_100);
    expect(await svc().dispatcher.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await wx(openid)).toHaveLength(1);
    expect(await grants(userId, 'card_status')).toBe(0);

    await subscribe(c, 'card_status');
    await sandboxPost(s, '/sandbox/faults', { target: 'wechat:subscribe.send', mode: 'http500', times: 10 });
    const doomed = notice({ userId });
    await svc().notify(doomed);
    for (let i = 0; i < 3; i++) {
      await svc().dispatcher.runOnce();
      clock().advance(60_000);
    }
    expect(await s.db.ds.getRepository(NotificationOutbox).findOneByOrFail({ dedupeKey: doomed.dedupeKey })).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await grants(userId, 'card_status')).toBe(1);
    expect(await wx(openid)).toHaveLength(1);
  });

  it('sends each message once when two dispatchers run side by side', async () => {
    const c = await as('teen-turning-16');
    const openid = persona('teen-turning-16').wechatOpenid!;
    const userId = await userOf(openid);
    await subscribe(c, 'card_production');
    await s.db.ds.getRepository(NotificationSubscription).update({ userId, topic: 'card_production' }, { grants: 40 });
    for (let i = 0; i < 30; i++) await svc().notify(notice({ userId, topic: 'card_production', dedupeKey: `race:${i}`, data: { card: `QD****${100 + i}`, stage: '制卡中' } }));
    const a = svc().dispatcher;
    const b = s.app.services.notifications.newDispatcher();
    const [ra, rb] = await Promise.all([a.runOnce(10), b.runOnce(10)]);
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    const got = await wx(openid);
    expect(got).toHaveLength(30);
    expect(new Set(got.map((m) => m.data.character_string1.value)).size).toBe(30);
    expect(ra.claimed + rb.claimed).toBeLessThanOrEqual(20);
    expect(await grants(userId, 'card_production')).toBe(10);
  });

  it('sends a ward’s message to the guardian’s account and marks it as about the ward', async () => {
    const now = new Date(clock().now());
    const residents = s.db.ds.getRepository(Resident);
    const mk = (birthDate: string) =>
      residents.save({ id: randomUUID(), idType: 'resident', idNumberCipher: 'x', idNumberHash: randomUUID().replace(/-/g, ''), idNumberMasked: '3702**********0000', nameCipher: 'x', nameMasked: '王*', birthDate, version: 0, createdAt: now, updatedAt: now });
    const guardian = await mk('1985-03-15');
    const ward = await mk('2016-06-01');
    await s.db.ds.getRepository(Guardianship).save({ id: randomUUID(), guardianResidentId: guardian.id, wardResidentId: ward.id, relationship: 'mother' as never, proofKind: 'household_register' as never, proofUploadId: randomUUID(), status: 'active' as never, createdByUserId: 'u', createdAt: now, updatedAt: now, endedAt: null });
    const c = await as('adult-second-guardian', 'alipay');
    const alipayId = persona('adult-second-guardian').alipayUserId!;
    await s.db.ds.getRepository(AppUser).update({ channelUserId: alipayId }, { residentId: guardian.id });
    const st = await c.post('/api/v1/notifications/subscriptions', { topics: ['card_status'], results: { sbxAli_card_status_tmpl: 'accept' } });
    expect(st.status).toBe(200);
    await svc().notify(notice({ residentId: ward.id, data: { card: 'QD****567', status: '已激活' } }));
    await drain();
    const msgs = await ali(alipayId);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ userTemplateId: 'sbxAli_card_status_tmpl', data: { keyword1: { value: 'QD****567' }, keyword2: { value: '已激活' } } });
    const inbox = await c.get('/api/v1/notifications/inbox');
    expect(inbox.body.data.items[0]).toMatchObject({ topic: 'card_status', aboutWard: true });
  });

  it('turns an application status callback from HRSS into one WeChat message for the applicant', async () => {
    const c = await as('adult-active');
    const openid = persona('adult-active').wechatOpenid!;
    await subscribe(c, 'application_status');
    const item = businessItem('flexible-employment-enrolment')!;
    const sub = await c.post('/api/v1/business/applications', { clientId: randomUUID().replace(/-/g, ''), itemId: item.id, form: goodForm(item, new Date(clock().now())), attachmentIds: [] });
    expect(sub.status).toBe(200);
    const no = sub.body.data.applicationNo;
    // The twin retries a callback; a duplicate delivery must still be one message.
    await sandboxPost(s, '/sandbox/faults', { target: 'hrss:notify', mode: 'duplicate', times: 1 });
    await sandboxPost(s, `/sandbox/hrss/applications/${no}/advance`, { to: 'accepted' });
    const outbox = s.db.ds.getRepository(NotificationOutbox);
    await eventually(() => outbox.countBy({ topic: 'application_status' }), (n) => n >= 1);
    await new Promise((r) => setTimeout(r, 300)); // let the duplicate arrive too
    expect(await outbox.countBy({ topic: 'application_status' })).toBe(1);
    await drain();
    const msgs = await wx(openid);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ templateId: TMPL('application_status'), data: { thing1: { value: item.title.zh }, phrase2: { value: '已受理' } } });
    expect(msgs[0].page).toBe(`subpackages/business/application/index?id=${sub.body.data.id}`);
    const inbox = await c.get('/api/v1/notifications/inbox');
    expect(inbox.body.data.items[0]).toMatchObject({ topic: 'application_status', data: { status: '已受理', applicationNo: no } });
  });

  it('tells the payer their payment went through (payment_result), once', async () => {
    const c = await as('adult-second-guardian');
    const openid = persona('adult-second-guardian').wechatOpenid!;
    await subscribe(c, 'payment_result');
    const r = await checkoutExam(c, 'EXAM-HRM-3');
    expect(r.status).toBe(200);
    const { order, payment } = r.body.data;
    expect((await payInSheet(s, payment.requestPayment)).body.result).toBe('paid');
    const outbox = s.db.ds.getRepository(NotificationOutbox);
    await eventually(() => outbox.countBy({ dedupeKey: `payment:${order.id}:paid` }), (n) => n === 1);
    await drain();
    const msgs = await wx(openid);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ templateId: TMPL('payment_result'), data: { phrase3: { value: '支付成功' }, amount2: { value: expect.stringMatching(/^¥\d+\.\d\d$/) } } });
    expect(msgs[0].page).toBe(`pages/payments/order/index?id=${order.id}`);
  });
});
