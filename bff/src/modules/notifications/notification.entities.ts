import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SubscribeOutcome } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer, jsonText } from '../../db/columns';
import type { NotificationTopic } from './notifier.port';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * One message to send, written in the transaction of the change it announces (an outbox).
 * `dedupe_key` is unique: the same fact announced twice is one row. The dispatcher claims a row
 * with a conditional UPDATE (`status`, lease), so several BFF processes never work on the same one.
 */
@Entity('notification_outbox')
@Index('uq_notification_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_notification_due', ['status', 'nextAttemptAt'])
export class NotificationOutbox {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 160 })
  dedupeKey: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 64 })
  residentId: string;

  /** An account to reach besides the resident's (the payer, the applicant's account). */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 32 })
  topic: NotificationTopic;

  @Column({ type: 'text', transformer: jsonText })
  data: Record<string, string>;

  @Column({ type: 'varchar', length: 255, nullable: true })
  page: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: OutboxStatus;

  @Column({ type: 'int' })
  attempts: number;

  @DateTimeColumn({ name: 'next_attempt_at', transformer: dateTransformer })
  nextAttemptAt: Date;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy: string | null;

  @DateTimeColumn({ name: 'claimed_until', nullable: true, transformer: dateTransformer })
  claimedUntil: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}

export type DeliveryStatus = 'sent' | 'refused' | 'not_subscribed' | 'no_channel';

/** What happened for one account of one message; a retry skips accounts already settled here. */
@Entity('notification_delivery')
@Index('uq_notification_delivery', ['outboxId', 'userId'], { unique: true })
export class NotificationDelivery {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'outbox_id', type: 'varchar', length: 36 })
  outboxId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  channel: 'wechat' | 'alipay' | 'h5';

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ name: 'template_id', type: 'varchar', length: 128, nullable: true })
  templateId: string | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;
}

/** How many messages of a topic an account has allowed (one per accept in the host dialog). */
@Entity('notification_subscription')
@Index('uq_notification_subscription', ['userId', 'topic'], { unique: true })
export class NotificationSubscription {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  topic: NotificationTopic;

  @Column({ type: 'varchar', length: 16 })
  channel: 'wechat' | 'alipay' | 'h5';

  @Column({ name: 'template_id', type: 'varchar', length: 128 })
  templateId: string;

  @Column({ type: 'int' })
  grants: number;

  @Column({ name: 'last_answer', type: 'varchar', length: 16, nullable: true })
  lastAnswer: SubscribeOutcome | null;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}

/**
 * The in-app inbox. `owner_ref` is `r:<resident id>` for real-name bound people (one inbox across
 * their WeChat, Alipay and H5 accounts) or `u:<account id>` for accounts not bound yet.
 */
@Entity('notification_inbox')
@Index('uq_notification_inbox', ['outboxId', 'ownerRef'], { unique: true })
@Index('ix_notification_inbox_owner', ['ownerRef', 'createdAt'])
export class NotificationInboxItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'outbox_id', type: 'varchar', length: 36 })
  outboxId: string;

  @Column({ name: 'owner_ref', type: 'varchar', length: 72 })
  ownerRef: string;

  @Column({ type: 'varchar', length: 32 })
  topic: NotificationTopic;

  @Column({ type: 'text', transformer: jsonText })
  data: Record<string, string>;

  @Column({ type: 'varchar', length: 255, nullable: true })
  page: string | null;

  @Column({ name: 'about_ward', type: 'boolean' })
  aboutWard: boolean;

  @DateTimeColumn({ name: 'read_at', nullable: true, transformer: dateTransformer })
  readAt: Date | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;
}

export const notificationEntities = [NotificationOutbox, NotificationDelivery, NotificationSubscription, NotificationInboxItem];
