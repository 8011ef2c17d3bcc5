import { AppError } from '../../http/app-error';
import type { AppMiddleware } from '../../http/context';
import type { SessionStore } from './session.store';

/** `Authorization: Bearer <token>` → ctx.state.session, or 401 with a code the client acts on. */
export function sessionGuard(sessions: SessionStore): AppMiddleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED');
    const session = await sessions.get(m[1]);
    if (!session) throw new AppError('SESSION_EXPIRED');
    ctx.state.session = await sessions.touch(m[1], session);
    ctx.state.sessionToken = m[1];
    await next();
  };
}
