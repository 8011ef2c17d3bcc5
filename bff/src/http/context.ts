import type { Context, Middleware, ParameterizedContext } from 'koa';
import type { Lang } from '@qdssc/shared';
import type { Logger } from '../lib/logger';

/** What every request carries once the first middleware ran. */
export interface RequestState {
  requestId: string;
  log: Logger;
  lang: Lang;
  /** Raw request bytes, kept for signature checks (terminals, callbacks). */
  rawBody?: Buffer;
  session?: import('../modules/auth/session.store').Session;
  terminal?: { id: string; kind: string };
  [key: string]: unknown;
}

export type AppContext = ParameterizedContext<RequestState> & Context;
export type AppMiddleware = Middleware<RequestState>;
