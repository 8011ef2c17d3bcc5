import { createHash } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  APPLICATION_STATUSES,
  businessItem,
  canTransition,
  formProblemMessage,
  maskFormValues,
  reachableFrom,
  validateForm,
  type ApplicationDetail,
  type ApplicationStatus,
  type ApplicationSummary,
  type BusinessItem,
  type FormValues,
  type SubmitApplicationRequest,
  type UploadedAttachment,
} from '@qdssc/shared';
import { In, IsNull, LessThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { HrssBusinessError, type HrssClient } from '../../adapters/hrss/hrss.client';
import { HRSS_CODE } from '../../adapters/hrss/hrss-wire';
import { inTransaction, isUniqueViolation } from '../../db/transaction';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import type { RecordsSubject } from '../records/records-subject';
import { BusinessApplication, BusinessApplicationEvent, BusinessAttachment } from './application.entity';
import { sniffType, type ReceivedUpload } from './attachment-upload';

export interface StatusChange {
  applicationId: string;
  residentRef: string;
  itemId: string;
  status: ApplicationStatus;
  reason: string | null;
}

export type StatusListener = (change: StatusChange) => Promise<void> | void;

type SubmitInput = Omit<SubmitApplicationRequest, 'attachmentIds'> & { attachmentIds: string[] };

const APPLICATION_NO_ALPHABET = '0123456789';

/**
 * Online applications: validated against the item's form, idempotent on the client's id,
 * stored (answers encrypted) with their documents in one transaction, then handed to the HRSS
 * system — at once, and again by the forwarder until HRSS acknowledges. Status moves only by a
 * conditional UPDATE guarded by the state machine and the HRSS version.
 */
export class BusinessService {
  private readonly apps: Repository<BusinessApplication>;
  private readonly events: Repository<BusinessApplicationEvent>;
  private readonly files: Repository<BusinessAttachment>;
  private readonly listeners: StatusListener[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly hrss: HrssClient,
    private readonly pii: PiiCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly uploadDir: string,
  ) {
    this.apps = db.getRepository(BusinessApplication);
    this.events = db.getRepository(BusinessApplicationEvent);
    this.files = db.getRepository(BusinessAttachment);
  }

  /** Called after every status change (subscription messages hang here). */
  onStatusChange(fn: StatusListener): void {
    this.listeners.push(fn);
  }

  // ── documents ────────────────────────────────────────────────────────────────

  async storeAttachment(session: Session, upload: ReceivedUpload): Promise<UploadedAttachment> {
    try {
      const item = businessItem(upload.fields.itemId ?? '');
      if (!item) throw new AppError('BUSINESS_ITEM_UNKNOWN');
      const slot = item.attachments.find((a) => a.slot === upload.fields.slot);
      if (!slot) throw new AppError('ATTACHMENT_INVALID', { reason: 'unknown slot', slots: item.attachments.map((a) => a.slot) });
      const type = sniffType(upload.head);
      if (!type || !slot.accept.includes(type)) throw new AppError('ATTACHMENT_TYPE_REFUSED', { accept: slot.accept });
      if (upload.size > slot.maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes: slot.maxBytes });

      const now = this.clock.now();
      const id = newId(now);
      const dir = join(this.uploadDir, 'attachments', new Date(now).toISOString().slice(0, 7));
      await mkdir(dir, { recursive: true });
      const storagePath = join(dir, id);
      await rename(upload.tmpPath, storagePath);
      const row = this.files.create({ id, ownerUserId: session.userId, itemId: item.id, slot: slot.slot, type, sizeBytes: upload.size, sm3: upload.sm3, storagePath, applicationId: null, uploadedAt: new Date(now) });
      try {
        await this.files.insert(row);
      } catch (err) {
        await rm(storagePath, { force: true });
        throw err;
      }
      return attachmentView(row);
    } finally {
      await rm(upload.tmpPath, { force: true });
    }
  }

  async deleteAttachment(session: Session, id: string): Promise<void> {
    const row = await this.files.findOneBy({ id, ownerUserId: session.userId });
    if (!row || row.applicationId) throw new AppError('ATTACHMENT_INVALID', { reason: 'not found or already part of an application' });
    const r = await this.files.delete({ id, ownerUserId: session.userId, applicationId: IsNull() });
    if (r.affected) await rm(row.storagePath, { force: true });
  }

  /** Documents uploaded but never submitted are deleted after a day (they may hold personal data). */
  async purgeUnattached(olderThanMs = 24 * 3600_000, limit = 200): Promise<number> {
    const stale = await this.files.find({ where: { applicationId: IsNull(), uploadedAt: LessThan(new Date(this.clock.now() - olderThanMs)) }, take: limit });
    let n = 0;
    for (const d of stale) {
      const r = await this.files.delete({ id: d.id, applicationId: IsNull() });
      if (r.affected) {
        await rm(d.storagePath, { force: true });
        n += 1;
      }
    }
    return n;
  }

  // ── applications ─────────────────────────────────────────────────────────────

  async submit(session: Session, subject: RecordsSubject, input: SubmitInput, requestId?: string): Promise<ApplicationDetail> {
    const item = businessItem(input.itemId);
    if (!item) throw new AppError('BUSINESS_ITEM_UNKNOWN');
    const requestHash = hashRequest(item.id, subject.residentRef, input.form, input.attachmentIds);

    // A retry is answered with the first application before anything else is checked again.
    const earlier = await this.apps.findOneBy({ createdByUserId: session.userId, clientId: input.clientId });
    if (earlier) return this.answerRetry(earlier, requestHash);

    const check = validateForm(item, input.form, new Date(this.clock.now()));
    if (!check.ok) {
      throw new AppError('FORM_INVALID', {
        fields: check.problems.map((p) => ({ path: `form.${p.field}`, problem: p.problem, message: formProblemMessage(p.problem) })),
      });
    }
    let docs: BusinessAttachment[];
    try {
      docs = await this.checkAttachments(session, item, input.attachmentIds);
    } catch (err) {
      // The same submission sent twice at once: its twin may have claimed the documents after
      // our first look, so they now seem taken. Answer it like a retry, not as a refusal.
      const twin = await this.apps.findOneBy({ createdByUserId: session.userId, clientId: input.clientId });
      if (twin) return this.answerRetry(twin, requestHash);
      throw err;
    }

    const now = this.clock.now();
    const app = this.apps.create({
      id: newId(now), applicationNo: applicationNo(now), clientId: input.clientId, createdByUserId: session.userId,
      residentRef: subject.residentRef, applicantIdEnc: this.pii.encrypt(subject.idNumber), itemId: item.id, category: item.category,
      status: 'submitted', reason: null, formEnc: this.pii.encrypt(JSON.stringify(check.values)), requestHash,
      hrssVersion: 0, hrssAcceptNo: null, forwardedAt: null, submittedAt: new Date(now), updatedAt: new Date(now),
    });
    try {
      await inTransaction(this.db, async (em) => {
        await em.getRepository(BusinessApplication).insert(app);
        await em.getRepository(BusinessApplicationEvent).insert({ id: newId(now), applicationId: app.id, version: 0, status: 'submitted', by: 'user', note: null, at: new Date(now) });
        if (docs.length) {
          // Claims the documents only if no other application took them meanwhile.
          const claimed = await em
            .createQueryBuilder()
            .update(BusinessAttachment)
            .set({ applicationId: app.id })
            .where({ id: In(docs.map((d) => d.id)), ownerUserId: session.userId, applicationId: IsNull() })
            .execute();
          if ((claimed.affected ?? 0) !== docs.length) throw new AppError('ATTACHMENT_INVALID', { reason: 'a document is already part of another application' });
        }
      });
    } catch (err) {
      if (isUniqueViolation(err) || (err instanceof AppError && err.code === 'ATTACHMENT_INVALID')) {
        const first = await this.apps.findOneBy({ createdByUserId: session.userId, clientId: input.clientId });
        if (first) return this.answerRetry(first, requestHash);
      }
      throw err;
    }
    await this.audit.record({
      action: 'business.submit', result: 'ok', actorUserId: session.userId, subjectResidentId: subject.residentRef, channel: session.channel,
      requestId, detail: { itemId: item.id, applicationNo: app.applicationNo, attachments: docs.length, ward: subject.relation === 'ward' },
    });
    await this.forward(app).catch((err) => this.logger.warn({ err, applicationNo: app.applicationNo }, 'application not yet forwarded to HRSS; the forwarder retries'));
    return this.detail(app.id);
  }

  async list(subject: RecordsSubject, q: { status?: ApplicationStatus; page: number; pageSize: number }) {
    const where = { residentRef: subject.residentRef, ...(q.status ? { status: q.status } : {}) };
    const [rows, total] = await this.apps.findAndCount({ where, order: { submittedAt: 'DESC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
    return { items: rows.map(summaryOf), page: q.page, pageSize: q.pageSize, total };
  }

  /** Someone else's application answers exactly like a missing one. */
  async detailFor(subject: RecordsSubject, id: string): Promise<ApplicationDetail> {
    const app = await this.apps.findOneBy({ id, residentRef: subject.residentRef });
    if (!app) throw new AppError('APPLICATION_NOT_FOUND');
    return this.detail(app.id);
  }

  async withdraw(session: Session, subject: RecordsSubject, id: string, reason: string | undefined, requestId?: string): Promise<ApplicationDetail> {
    const app = await this.apps.findOneBy({ id, residentRef: subject.residentRef });
    if (!app) throw new AppError('APPLICATION_NOT_FOUND');
    if (app.status === 'withdrawn') return this.detail(app.id);
    if (!canTransition(app.status, 'withdrawn', 'user')) throw new AppError('APPLICATION_NOT_WITHDRAWABLE', { status: app.status });
    // HRSS is the system of record: it must know the application before it can be withdrawn there.
    if (!app.forwardedAt) await this.forward(app);
    let state;
    try {
      state = await this.hrss.withdrawApplication(app.applicationNo, reason ?? null);
    } catch (err) {
      if (err instanceof HrssBusinessError && err.code === HRSS_CODE.STATE_CONFLICT) {
        await this.refreshFromHrss(app);
        throw new AppError('APPLICATION_NOT_WITHDRAWABLE', undefined, { cause: err });
      }
      throw err;
    }
    await this.applyStatus({ applicationNo: app.applicationNo, status: 'withdrawn', version: state.version, by: 'user', note: reason ?? null, reason: reason ?? null, acceptNo: null, at: this.clock.now() });
    await this.audit.record({ action: 'business.withdraw', result: 'ok', actorUserId: session.userId, subjectResidentId: subject.residentRef, channel: session.channel, requestId, detail: { applicationNo: app.applicationNo } });
    return this.detail(app.id);
  }

  // ── HRSS side ────────────────────────────────────────────────────────────────

  /** Hands an application to HRSS (idempotent there on the application number) and marks it forwarded. */
  async forward(app: BusinessApplication): Promise<void> {
    const item = businessItem(app.itemId)!;
    const docs = await this.files.find({ where: { applicationId: app.id }, order: { uploadedAt: 'ASC' } });
    await this.hrss.submitApplication({
      applicationNo: app.applicationNo,
      itemCode: item.hrssItemCode,
      aac002: this.pii.decrypt(app.applicantIdEnc),
      submittedAt: app.submittedAt.toISOString(),
      form: JSON.parse(this.pii.decrypt(app.formEnc)) as FormValues,
      attachments: docs.map((d) => ({ slot: d.slot, type: d.type, sizeBytes: d.sizeBytes, sm3: d.sm3 })),
    });
    await this.apps.createQueryBuilder().update().set({ forwardedAt: new Date(this.clock.now()) }).where({ id: app.id, forwardedAt: IsNull() }).execute();
  }

  /** The forwarder's sweep: applications HRSS has not acknowledged yet, oldest first. */
  async forwardPending(limit = 20): Promise<number> {
    const pending = await this.apps.find({ where: { forwardedAt: IsNull(), status: 'submitted' }, order: { submittedAt: 'ASC' }, take: limit });
    let done = 0;
    for (const app of pending) {
      try {
        await this.forward(app);
        done += 1;
      } catch (err) {
        this.logger.warn({ err, applicationNo: app.applicationNo }, 'forwarding an application to HRSS failed; will retry');
      }
    }
    return done;
  }

  /**
   * Moves an application to `status` if `version` is newer than the last applied one and the
   * state machine allows reaching it from where it is: one conditional UPDATE, so concurrent,
   * duplicate or late callbacks can never move it backwards. A late event still lands in the
   * timeline. Runs in the caller's transaction when given one.
   */
  async applyStatus(
    e: { applicationNo: string; status: ApplicationStatus; version: number; by: 'user' | 'hrss'; note: string | null; reason: string | null; acceptNo: string | null; at: number },
    em?: EntityManager,
  ): Promise<'applied' | 'stale' | 'unknown'> {
    const run = async (m: EntityManager) => {
      const apps = m.getRepository(BusinessApplication);
      const app = await apps.findOneBy({ applicationNo: e.applicationNo });
      if (!app) return 'unknown' as const;
      const from = APPLICATION_STATUSES.filter((s) => reachableFrom(s).has(e.status));
      const patch: Partial<BusinessApplication> = { status: e.status, hrssVersion: e.version, updatedAt: new Date(this.clock.now()) };
      if (e.status === 'rejected' || e.status === 'withdrawn') patch.reason = e.reason;
      if (e.acceptNo) patch.hrssAcceptNo = e.acceptNo;
      const r = from.length
        ? await apps
            .createQueryBuilder()
            .update()
            .set(patch)
            .where('id = :id AND hrss_version < :version AND status IN (:...from)', { id: app.id, version: e.version, from })
            .execute()
        : { affected: 0 };
      const applied = (r.affected ?? 0) > 0;
      if (!applied && e.version > app.hrssVersion && app.status !== e.status) {
        this.logger.error({ applicationNo: e.applicationNo, from: app.status, to: e.status, version: e.version }, 'HRSS status change not allowed by the state machine; kept as history only');
      }
      await this.addTimeline(m, app.id, e);
      return applied ? ('applied' as const) : ('stale' as const);
    };
    return em ? run(em) : inTransaction(this.db, run);
  }

  async notifyListeners(applicationNo: string): Promise<void> {
    const app = await this.apps.findOneBy({ applicationNo });
    if (!app) return;
    for (const fn of this.listeners) {
      await Promise.resolve(fn({ applicationId: app.id, residentRef: app.residentRef, itemId: app.itemId, status: app.status, reason: app.reason })).catch((err) =>
        this.logger.warn({ err, applicationNo }, 'status listener failed'),
      );
    }
  }

  // ── helpers ──────────────────────────────────────────────────────────────────

  private async answerRetry(app: BusinessApplication, requestHash: string): Promise<ApplicationDetail> {
    if (app.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_CONFLICT', { applicationId: app.id });
    if (!app.forwardedAt && app.status === 'submitted') {
      await this.forward(app).catch((err) => this.logger.warn({ err, applicationNo: app.applicationNo }, 'application still not forwarded to HRSS'));
    }
    return this.detail(app.id);
  }

  private async checkAttachments(session: Session, item: BusinessItem, ids: string[]): Promise<BusinessAttachment[]> {
    const unique = [...new Set(ids)];
    const docs = unique.length ? await this.files.findBy({ id: In(unique), ownerUserId: session.userId }) : [];
    for (const id of unique) {
      const d = docs.find((x) => x.id === id);
      if (!d || d.applicationId) throw new AppError('ATTACHMENT_INVALID', { attachmentId: id, reason: d ? 'already part of an application' : 'not found' });
      if (d.itemId !== item.id || !item.attachments.some((a) => a.slot === d.slot)) throw new AppError('ATTACHMENT_INVALID', { attachmentId: id, reason: 'uploaded for another item' });
    }
    for (const spec of item.attachments) {
      const n = docs.filter((d) => d.slot === spec.slot).length;
      if (spec.required && n === 0) throw new AppError('ATTACHMENT_REQUIRED', { slot: spec.slot, label: spec.label });
      if (n > spec.maxCount) throw new AppError('ATTACHMENT_INVALID', { slot: spec.slot, reason: `at most ${spec.maxCount}` });
    }
    return docs;
  }

  private async addTimeline(m: EntityManager, applicationId: string, e: { status: ApplicationStatus; version: number; by: 'user' | 'hrss'; note: string | null; at: number }): Promise<void> {
    const timeline = m.getRepository(BusinessApplicationEvent);
    if (await timeline.exists({ where: { applicationId, version: e.version } })) return;
    try {
      await timeline.insert({ id: newId(this.clock.now()), applicationId, version: e.version, status: e.status, by: e.by, note: e.note, at: new Date(e.at) });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  private async refreshFromHrss(app: BusinessApplication): Promise<void> {
    try {
      const s = await this.hrss.application(app.applicationNo);
      await this.applyStatus({ applicationNo: app.applicationNo, status: s.status as ApplicationStatus, version: s.version, by: 'hrss', note: null, reason: s.reason, acceptNo: s.acceptNo, at: this.clock.now() });
    } catch (err) {
      this.logger.warn({ err, applicationNo: app.applicationNo }, 'could not refresh an application from HRSS');
    }
  }

  private async detail(id: string): Promise<ApplicationDetail> {
    const app = await this.apps.findOneByOrFail({ id });
    const item = businessItem(app.itemId)!;
    const [docs, timeline] = await Promise.all([
      this.files.find({ where: { applicationId: app.id }, order: { uploadedAt: 'ASC' } }),
      this.events.find({ where: { applicationId: app.id }, order: { version: 'ASC', at: 'ASC' } }),
    ]);
    const values = JSON.parse(this.pii.decrypt(app.formEnc)) as FormValues;
    return {
      ...summaryOf(app),
      form: maskFormValues(item, values),
      attachments: docs.map((d) => {
        const { itemId: _i, ...rest } = attachmentView(d);
        return rest;
      }),
      timeline: timeline.map((t) => ({ status: t.status, at: t.at.toISOString(), by: t.by, note: t.note })),
      withdrawable: canTransition(app.status, 'withdrawn', 'user'),
    };
  }
}

function summaryOf(a: BusinessApplication): ApplicationSummary {
  return {
    id: a.id, applicationNo: a.applicationNo, itemId: a.itemId, category: a.category, status: a.status, reason: a.reason,
    submittedAt: a.submittedAt.toISOString(), updatedAt: a.updatedAt.toISOString(), forwarded: a.forwardedAt !== null,
  };
}

function attachmentView(d: BusinessAttachment): UploadedAttachment {
  return { id: d.id, itemId: d.itemId, slot: d.slot, type: d.type, sizeBytes: d.sizeBytes, sm3: d.sm3, uploadedAt: d.uploadedAt.toISOString() };
}

/** `QDYW` + date (China time) + 10 random digits: what residents read out on the phone. */
function applicationNo(now: number): string {
  const day = new Date(now + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const bytes = createHash('sha256').update(newId(now)).digest();
  const digits = [...bytes.subarray(0, 10)].map((b) => APPLICATION_NO_ALPHABET[b % 10]).join('');
  return `QDYW${day}${digits}`;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

function hashRequest(itemId: string, residentRef: string, form: unknown, attachmentIds: string[]): string {
  return createHash('sha256').update(JSON.stringify([itemId, residentRef, canonical(form), [...new Set(attachmentIds)].sort()])).digest('hex');
}
