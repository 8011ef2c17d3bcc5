import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { HotlineService } from './hotline.service';

export function mountHotlineRoutes(r: ApiRouter, { hotline }: { hotline: HotlineService }): void {
  r.mount(API.hotline.createHandoff, async ({ body, ctx }) => {
    try {
      return await hotline.handOff(ctx.state.session!, body, { requestId: ctx.state.requestId, log: ctx.state.log });
    } catch (err) {
      const retry = (err as { code?: string; details?: { retryAfterSeconds?: number } })?.details?.retryAfterSeconds;
      if (typeof retry === 'number') ctx.set('Retry-After', String(retry));
      throw err;
    }
  });
}
