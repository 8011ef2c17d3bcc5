import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { In, type DataSource, type Repository } from 'typeorm';
import { notificationRetryDelayMs } from '@qdssc/shared';
import type { AlipayClient } from '../../adapters/alipay/alipay.client';
import type { SubscribeSendOutcome, WechatClient } from '../../adapters/wechat/wechat.client';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { AppUser } from '../auth/app-user.entity';
import type { GuardianshipQueries } from '../family/guardianship.queries';
import { Resident } from '../identity/resident.entity';
import { NotificationDelivery, NotificationInboxItem, NotificationOutbox, type DeliveryStatus } from './notification.entities';
import type { NotificationService } from './notification.service';
import { alipayTemplateData, wechatTemplateData } from './templates';

export interface DispatcherDeps {
  db: DataSource;
  clock: Clock;
  logger: Logger;
  notifications: NotificationService;
  wechat: Pick<WechatClient, 'sendSubscribeMessage'>;
  alipay: Pick<AlipayClient, 'sendTemplateMessage'>;
  guardians: GuardianshipQueries;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** How long a claim holds before another process may take the row over (a crashed sender). */
const LEASE_MS = 120_000;
/** Messages sent at once by one process (each is a few HTTP calls). */
const PARALLEL = 8;

/**
 * Sends the outbox. Each run takes up to `batchSize` due rows, claiming each one with a
 * conditional UPDATE (`status = 'pending'` or an expired lease → `sending`, this process as
 * owner), so two BFF processes never work on the same message. A message goes to every account
 * of the resident — or of their guardians when the resident is a ward — on hosts with
 * subscription messages, only while that account holds a grant for the topic (one used per
 * message), and always into the in-app inbox. Transient failures retry with backoff; after
 * `maxAttempts` the row is marked failed.
 */
export class NotificationDispatcher {
  readonly id = `${hostname().slice(0, 24)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly outbox: Repository<NotificationOutbox>;
  private runs = 0;

  constructor(private readonly d: DispatcherDeps) {
    this.outbox = d.db.getRepository(NotificationOutbox);
  }

  private get settings() {
    return this.d.notifications.settings;
  }

  async runOnce(batchSize = this.settings.batchSize): Promise<DispatchResult> {
    const now = new Date(this.d.clock.now());
    const due = await this.outbox
      .createQueryBuilder('o')
      .select(['o.id'])
      .where("(o.status = 'pending' AND o.next_attempt_at <= :now) OR (o.status = 'sending' AND o.claimed_until < :now)", { now })
      .orderBy('o.next_attempt_at', 'ASC')
      .take(batchSize)
      .getMany();
    const result: DispatchResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
    if (!due.length) return result;
    const token = `${this.id}:${++this.runs}`;
    const mine = await this.claim(due.map((r) => r.id), now, token);
    result.claimed = mine.length;
    for (let i = 0; i < mine.length; i += PARALLEL) {
      const outcomes = await Promise.all(mine.slice(i, i + PARALLEL).map((id) => this.process(id, token)));
      for (const o of outcomes) result[o]++;
    }
    return result;
  }

  /**
   * One conditional UPDATE claims every still-due row of the batch under this run's token; rows
   * another process took meanwhile no longer match the guard. Then read back which are ours.
   */
  private async claim(ids: string[], now: Date, token: string): Promise<string[]> {
    await this.outbox
      .createQueryBuilder()
      .update()
      .set({ status: 'sending', claimedBy: token, claimedUntil: new Date(now.getTime() + LEASE_MS), attempts: () => 'attempts + 1', updatedAt: now })
      .where("id IN (:...ids) AND ((status = 'pending' AND next_attempt_at <= :now) OR (status = 'sending' AND claimed_until < :now))", { ids, now })
      .execute();
    return (await this.outbox.find({ select: { id: true }, where: { id: In(ids), claimedBy: token, status: 'sending' } })).map((r) => r.id);
  }

  private async process(id: string, token: string): Promise<'sent' | 'retrying' | 'failed'> {
    const row = await this.outbox.findOneByOrFail({ id });
    let problem: string | null = null;
    try {
      const { owners, accounts } = await this.recipients(row);
      await this.fileInInbox(row, owners);
      for (const account of accounts) {
        try {
          await this.deliver(row, account);
        } catch (err) {
          problem = `${account.channel}: ${(err as Error).message}`.slice(0, 250);
        }
      }
    } catch (err) {
      problem = `recipients: ${(err as Error).message}`.slice(0, 250);
    }
    const now = new Date(this.d.clock.now());
    if (!problem) {
      await this.settle(id, token, { status: 'sent', lastError: null, updatedAt: now });
      return 'sent';
    }
    if (row.attempts >= this.settings.maxAttempts) {
      this.d.logger.error({ outboxId: id, topic: row.topic, attempts: row.attempts, problem }, 'notification given up after the last attempt');
      await this.settle(id, token, { status: 'failed', lastError: problem, updatedAt: now });
      return 'failed';
    }
    this.d.logger.warn({ outboxId: id, topic: row.topic, attempts: row.attempts, problem }, 'notification will be retried');
    await this.settle(id, token, { status: 'pending', lastError: problem, nextAttemptAt: new Date(now.getTime() + notificationRetryDelayMs(row.attempts)), updatedAt: now });
    return 'retrying';
  }

  /** Only the claimant may settle its row (a lease taken over meanwhile wins). */
  private async settle(id: string, token: string, patch: Partial<NotificationOutbox>): Promise<void> {
    await this.outbox.createQueryBuilder().update().set({ ...patch, claimedBy: null, claimedUntil: null }).where("id = :id AND status = 'sending' AND claimed_by = :token", { id, token }).execute();
  }

  /**
   * Who gets it: the resident's accounts and inbox — or, for a ward under 16, the guardians'
   * (their inbox marks it as about a ward) — plus the account named on the request.
   */
  private async recipients(row: NotificationOutbox): Promise<{ owners: Array<{ ref: string; aboutWard: boolean }>; accounts: AppUser[] }> {
    const users = this.d.db.getRepository(AppUser);
    const owners = new Map<string, boolean>();
    const residentIds = new Set<string>();
    if (row.residentId) {
      const resident = await this.d.db.getRepository(Resident).findOneBy({ id: row.residentId });
      if (resident) {
        const guardians = await this.d.guardians.guardiansOf(resident.id);
        for (const g of guardians) {
          owners.set(`r:${g}`, true);
          residentIds.add(g);
        }
        // A ward with accounts of their own (a teenager) reads it too; a small child has none.
        const own = await users.countBy({ residentId: resident.id });
        if (!guardians.length || own > 0) {
          owners.set(`r:${resident.id}`, false);
          residentIds.add(resident.id);
        }
      }
    }
    const accounts = residentIds.size ? await users.findBy({ residentId: In([...residentIds]) }) : [];
    if (row.userId && !accounts.some((a) => a.id === row.userId)) {
      const u = await users.findOneBy({ id: row.userId });
      if (u) {
        accounts.push(u);
        const ref = u.residentId ? `r:${u.residentId}` : `u:${u.id}`;
        // A bound account acting for someone else (a guardian who applied or paid for a ward) reads it as about a ward.
        if (!owners.has(ref)) owners.set(ref, Boolean(row.residentId && u.residentId && u.residentId !== row.residentId && (await this.d.db.getRepository(Resident).existsBy({ id: row.residentId }))));
      }
    }
    return { owners: [...owners].map(([ref, aboutWard]) => ({ ref, aboutWard })), accounts };
  }

  private async fileInInbox(row: NotificationOutbox, owners: Array<{ ref: string; aboutWard: boolean }>): Promise<void> {
    if (!owners.length) return;
    await this.d.db
      .createQueryBuilder()
      .insert()
      .into(NotificationInboxItem)
      .values(owners.map((o) => ({ id: randomUUID(), outboxId: row.id, ownerRef: o.ref, topic: row.topic, data: row.data, page: row.page, aboutWard: o.aboutWard, readAt: null, createdAt: row.createdAt })))
      .orIgnore()
      .execute();
  }

  /** One account: skipped when already settled by an earlier attempt; throws on a transient failure (the caller retries the message). */
  private async deliver(row: NotificationOutbox, account: AppUser): Promise<void> {
    const deliveries = this.d.db.getRepository(NotificationDelivery);
    if (await deliveries.existsBy({ outboxId: row.id, userId: account.id })) return;
    const record = (status: DeliveryStatus, templateId: string | null) =>
      deliveries.createQueryBuilder().insert().values({ id: randomUUID(), outboxId: row.id, userId: account.id, channel: account.channel, status, templateId, createdAt: new Date(this.d.clock.now()) }).orIgnore().execute();

    const templateId = account.channel === 'h5' ? null : this.d.notifications.templateFor(account.channel, row.topic);
    if (!templateId) return void (await record('no_channel', null));
    if (!(await this.d.notifications.consumeGrant(account.id, row.topic))) return void (await record('not_subscribed', templateId));
    let outcome: SubscribeSendOutcome;
    try {
      outcome =
        account.channel === 'wechat'
          ? await this.d.wechat.sendSubscribeMessage({ touser: account.channelUserId, templateId, page: row.page, data: wechatTemplateData(row.topic, row.data), state: this.settings.wechatState })
          : await this.d.alipay.sendTemplateMessage({ toUserId: account.channelUserId, userTemplateId: templateId, page: row.page, data: alipayTemplateData(row.topic, row.data) });
    } catch (err) {
      await this.d.notifications.refundGrant(account.id, row.topic);
      throw err;
    }
    if (outcome.result === 'sent') return void (await record('sent', templateId));
    if (outcome.result === 'refused') await this.d.notifications.clearGrants(account.id, row.topic);
    else {
      // A template that does not match our data is our configuration's fault, not the resident's: keep their grant.
      await this.d.notifications.refundGrant(account.id, row.topic);
      this.d.logger.error({ outboxId: row.id, channel: account.channel, topic: row.topic, errcode: outcome.errcode }, 'subscription message refused for its recipient or data');
    }
    await record('refused', templateId);
  }
}
