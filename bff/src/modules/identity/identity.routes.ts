import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { FaceCheckService } from './face-check.service';
import type { IdentityService } from './identity.service';

export function mountIdentityRoutes(r: ApiRouter, { identity, faces }: { identity: IdentityService; faces: FaceCheckService }): void {
  r.mount(API.identity.startFaceCheck, async ({ body, ctx }) => identity.startFaceCheck(ctx.state.session!, body));

  r.mount(API.identity.bind, async ({ body, ctx }) =>
    identity.bind(ctx.state.session!, ctx.state.sessionToken as string, body.faceCheckId, ctx.state.requestId),
  );

  r.mount(API.identity.sandboxCompleteFaceCheck, async ({ params, body, ctx }) => {
    await faces.completeInSandbox(ctx.state.session!, params.id, body.passed);
    return { completed: true as const };
  });
}
