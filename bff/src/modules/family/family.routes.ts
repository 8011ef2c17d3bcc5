import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { FamilyService } from './family.service';
import type { UploadService } from './upload.service';

export function mountFamilyRoutes(r: ApiRouter, { family, uploads, kv }: { family: FamilyService; uploads: UploadService; kv: KvStore }): void {
  r.mount(API.family.upload, async ({ ctx }) => {
    await enforceRateLimit(kv, `upload:${ctx.state.session!.userId}`, 20, 3600_000);
    return uploads.receive(ctx, ctx.state.session!.userId, 'guardian_proof');
  });

  r.mount(API.family.list, async ({ ctx }) => family.list(ctx.state.session!));

  r.mount(API.family.add, async ({ body, ctx }) => {
    await enforceRateLimit(kv, `family-add:${ctx.state.session!.userId}`, 20, 3600_000);
    return family.add(ctx.state.session!, body, ctx.state.requestId);
  });

  r.mount(API.family.remove, async ({ params, ctx }) => {
    await family.remove(ctx.state.session!, params.id, ctx.state.requestId);
    return { removed: true as const };
  });
}
