import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { NOTIFICATION_MAX_GRANTS, NOTIFICATION_TOPICS, type InboxPage, type NotificationTopicName, type RecordSubscriptionsRequest, type SubscriptionState } from '@qdssc/shared';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { AppUser } from '../auth/app-user.entity';
import type { Session } from '../auth/session.store';
import { NotificationInboxItem, NotificationOutbox, NotificationSubscription } from './notification.entities';
import type { Notifier, NotifyRequest } from './notifier.port';

export type NotificationSettings = Config['notifications'];
type Channel = AppUser['channel'];

/**
 * The notifications module: `notify` (the port every feature calls) writes one outbox row in the
 * caller's transaction, deduplicated on its key; the dispatcher sends it later. Grants (one per
 * accept in the host's subscribe dialog) and the in-app inbox are kept here too.
 */
export class NotificationService implements Notifier {
  private readonly users: Repository<AppUser>;
  private readonly subs: Repository<NotificationSubscription>;
  private readonly inboxRepo: Repository<NotificationInboxItem>;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    readonly settings: NotificationSettings,
  ) {
    this.users = db.getRepository(AppUser);
    this.subs = db.getRepository(NotificationSubscription);
    this.inboxRepo = db.getRepository(NotificationInboxItem);
  }

  notify = async (req: NotifyRequest, tx?: EntityManager): Promise<void> => {
    if (!(NOTIFICATION_TOPICS as readonly string[]).includes(req.topic)) throw new Error(`unknown notification topic ${req.topic}`);
    if (!req.dedupeKey || req.dedupeKey.length > 160) throw new Error('notification dedupeKey must be 1–160 characters');
    const now = new Date(this.clock.now());
    const data = Object.fromEntries(Object.entries(req.data).filter(([, v]) => typeof v === 'string' && v !== '').map(([k, v]) => [k, v.slice(0, 200)]));
    // INSERT … IGNORE / OR IGNORE: a repeated key is a no-op and, unlike a caught duplicate-key
    // error, leaves the caller's transaction usable on every database.
    await (tx ?? this.db.manager)
      .createQueryBuilder()
      .insert()
      .into(NotificationOutbox)
      .values({
        id: randomUUID(), dedupeKey: req.dedupeKey, residentId: req.residentId ?? '', userId: req.userId ?? null, topic: req.topic, data, page: req.page ?? null,
        status: 'pending', attempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null, lastError: null, createdAt: now, updatedAt: now,
      })
      .orIgnore()
      .execute();
  };

  templateFor(channel: Channel, topic: NotificationTopicName): string | null {
    if (channel === 'h5') return `h5_${topic}`; // no host messages on H5: the "template" only records the resident's wish
    return this.settings.templates[channel][topic] ?? null;
  }

  async subscriptionState(session: Session): Promise<SubscriptionState> {
    const rows = await this.subs.findBy({ userId: session.userId });
    return {
      channel: session.channel,
      topics: NOTIFICATION_TOPICS.map((topic) => {
        const r = rows.find((x) => x.topic === topic);
        return { topic, templateId: this.templateFor(session.channel, topic), grants: r?.grants ?? 0, lastAnswer: r?.lastAnswer ?? null, updatedAt: r ? r.updatedAt.toISOString() : null };
      }),
    };
  }

  /** Records what the dialog answered: every `accept` adds one grant for its topic (capped). */
  async recordSubscriptions(session: Session, body: RecordSubscriptionsRequest): Promise<SubscriptionState> {
    const byTemplate = new Map<string, NotificationTopicName>();
    for (const topic of body.topics) {
      const t = this.templateFor(session.channel, topic);
      if (t) byTemplate.set(t, topic);
    }
    for (const templateId of Object.keys(body.results)) if (!byTemplate.has(templateId)) throw new AppError('NOTIFICATION_TEMPLATE_UNKNOWN');
    const now = new Date(this.clock.now());
    for (const [templateId, outcome] of Object.entries(body.results)) {
      const topic = byTemplate.get(templateId)!;
      await this.subs
        .createQueryBuilder()
        .insert()
        .values({ id: randomUUID(), userId: session.userId, topic, channel: session.channel, templateId, grants: 0, lastAnswer: null, updatedAt: now })
        .orIgnore()
        .execute();
      // notificationGrantsAfter in SQL: one more per accept, up to the cap, in one statement.
      const add = outcome === 'accept';
      await this.subs
        .createQueryBuilder()
        .update()
        .set({
          grants: () => (add ? `CASE WHEN grants < ${NOTIFICATION_MAX_GRANTS} THEN grants + 1 ELSE grants END` : 'grants'),
          lastAnswer: outcome,
          templateId,
          updatedAt: now,
        })
        .where('user_id = :u AND topic = :topic', { u: session.userId, topic })
        .execute();
    }
    return this.subscriptionState(session);
  }

  /** Uses one grant; false when none is left. A conditional UPDATE, so parallel senders never share one. */
  async consumeGrant(userId: string, topic: NotificationTopicName): Promise<boolean> {
    const r = await this.subs.createQueryBuilder().update().set({ grants: () => 'grants - 1', updatedAt: new Date(this.clock.now()) }).where('user_id = :userId AND topic = :topic AND grants > 0', { userId, topic }).execute();
    return (r.affected ?? 0) > 0;
  }

  /** Gives back a grant whose message could not be sent (the host did not use it either). */
  async refundGrant(userId: string, topic: NotificationTopicName): Promise<void> {
    await this.subs.createQueryBuilder().update().set({ grants: () => 'grants + 1' }).where('user_id = :userId AND topic = :topic', { userId, topic }).execute();
  }

  /** The host says the account has no subscription left (43101 …): believe it. */
  async clearGrants(userId: string, topic: NotificationTopicName): Promise<void> {
    await this.subs.createQueryBuilder().update().set({ grants: 0, updatedAt: new Date(this.clock.now()) }).where('user_id = :userId AND topic = :topic', { userId, topic }).execute();
  }

  /** The inboxes a session reads: its account's, and its resident's once real-name bound. */
  private async owners(session: Session): Promise<string[]> {
    const user = await this.users.findOneBy({ id: session.userId });
    const residentId = user?.residentId ?? session.residentId;
    return residentId ? [`u:${session.userId}`, `r:${residentId}`] : [`u:${session.userId}`];
  }

  async inbox(session: Session, q: { page: number; pageSize: number; unread?: '1' | '0' }): Promise<InboxPage> {
    const owners = await this.owners(session);
    const where = q.unread === '1' ? 'owner_ref IN (:...owners) AND read_at IS NULL' : 'owner_ref IN (:...owners)';
    const [rows, total] = await this.inboxRepo
      .createQueryBuilder('i')
      .where(where, { owners })
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((r) => ({ id: r.id, topic: r.topic, data: r.data, page: r.page, aboutWard: r.aboutWard, read: r.readAt !== null, createdAt: r.createdAt.toISOString() })),
      page: q.page,
      pageSize: q.pageSize,
      total,
      unread: await this.countUnread(owners),
    };
  }

  private countUnread(owners: string[]): Promise<number> {
    return this.inboxRepo.createQueryBuilder().where('owner_ref IN (:...owners) AND read_at IS NULL', { owners }).getCount();
  }

  async unreadCount(session: Session): Promise<{ unread: number }> {
    return { unread: await this.countUnread(await this.owners(session)) };
  }

  async markRead(session: Session, id: string): Promise<{ unread: number }> {
    const owners = await this.owners(session);
    const item = await this.inboxRepo.findOneBy({ id, ownerRef: In(owners) });
    // Someone else's message is "not found", never "forbidden".
    if (!item) throw new AppError('NOTIFICATION_NOT_FOUND');
    await this.inboxRepo.createQueryBuilder().update().set({ readAt: new Date(this.clock.now()) }).where('id = :id AND read_at IS NULL', { id }).execute();
    return { unread: await this.countUnread(owners) };
  }
}
