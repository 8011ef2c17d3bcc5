import { join } from 'node:path';
import { API, BUSINESS_CATEGORIES, CATEGORY_TITLES, itemsOf } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import { AppError } from '../../http/app-error';
import type { AppContext } from '../../http/context';
import type { KvStore } from '../../kv/kv-store';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { RecordsSubjectResolver } from '../records/records-subject';
import { receiveUpload } from './attachment-upload';
import type { BusinessService } from './business.service';

export interface BusinessRouteDeps {
  business: BusinessService;
  subjects: RecordsSubjectResolver;
  kv: KvStore;
  uploadDir: string;
  uploadLimitBytes: number;
}

const CATALOGUE = BUSINESS_CATEGORIES.map((category) => ({
  category,
  title: CATEGORY_TITLES[category],
  items: itemsOf(category).map((i) => ({ id: i.id, title: i.title, summary: i.summary, timeLimitDays: i.timeLimitDays, attachmentSlots: i.attachments.length })),
}));

export function mountBusinessRoutes(r: ApiRouter, deps: BusinessRouteDeps): void {
  const subject = (ctx: AppContext, wardId?: string) => deps.subjects.resolve(ctx.state.session!, wardId);

  r.mount(API.business.catalogue, async () => CATALOGUE);

  r.mount(API.business.uploadAttachment, async ({ ctx }) => {
    if (!ctx.is('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    // Uploading is for residents who may apply; the documents are theirs, not yet any application's.
    await subject(ctx, typeof ctx.query.for === 'string' ? ctx.query.for : undefined);
    await enforceRateLimit(deps.kv, `upload:${ctx.state.session!.userId}`, 60, 3600_000);
    const upload = await receiveUpload(ctx.req, ctx.req.headers, { limitBytes: deps.uploadLimitBytes, tmpDir: join(deps.uploadDir, 'tmp') });
    return deps.business.storeAttachment(ctx.state.session!, upload);
  });

  r.mount(API.business.deleteAttachment, async ({ params, ctx }) => {
    await deps.business.deleteAttachment(ctx.state.session!, params.id);
    return { deleted: true as const };
  });

  r.mount(API.business.submit, async ({ body, ctx }) => {
    const s = await subject(ctx, body.for);
    return deps.business.submit(ctx.state.session!, s, { ...body, attachmentIds: body.attachmentIds ?? [] }, ctx.state.requestId);
  });

  r.mount(API.business.list, async ({ query, ctx }) => deps.business.list(await subject(ctx, query.for), query));

  r.mount(API.business.detail, async ({ params, query, ctx }) => deps.business.detailFor(await subject(ctx, query.for), params.id));

  r.mount(API.business.withdraw, async ({ params, query, body, ctx }) =>
    deps.business.withdraw(ctx.state.session!, await subject(ctx, query.for), params.id, body.reason, ctx.state.requestId),
  );
}
