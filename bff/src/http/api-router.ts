import Router from '@koa/router';
import type { z } from 'zod';
import type { BodyOf, Endpoint, ParamsOf, QueryOf, ResponseOf } from '@qdssc/shared';
import { AppError } from './app-error';
import type { AppContext, AppMiddleware, RequestState } from './context';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<E extends Endpoint> {
  body: E extends Endpoint<infer B, any, any, any> ? Parsed<B> : never;
  query: E extends Endpoint<any, infer Q, any, any> ? Parsed<Q> : never;
  params: E extends Endpoint<any, any, infer P, any> ? Parsed<P> : never;
  ctx: AppContext;
}

export type Handler<E extends Endpoint> = (input: HandlerInput<E>) => Promise<ResponseOf<E>>;

export interface MountOptions {
  /** Extra middleware run after authentication, before validation (rate limits, uploads). */
  before?: AppMiddleware[];
  /** The handler writes ctx.body itself (files, PDFs); its return value is ignored. */
  raw?: boolean;
}

/** Guards named by an endpoint's `auth`; a feature that adds terminals supplies 'terminal'. */
export type Guards = Partial<Record<'session' | 'terminal', AppMiddleware>>;

export function validationDetails(error: z.ZodError) {
  return { fields: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('VALIDATION_FAILED', validationDetails(r.error));
  return r.data;
}

/**
 * Mounts shared contracts on a Koa router: authenticates as the contract says, validates body,
 * query and path parameters with its schemas, and wraps the handler's result as
 * `{code: "OK", data}` after checking it against the response schema (which also strips any
 * field the contract does not name, so nothing unlisted can leak). Every mounted contract is
 * remembered for /openapi.json.
 */
export class ApiRouter {
  readonly router = new Router<RequestState>();
  readonly endpoints: Endpoint[] = [];

  constructor(private readonly guards: Guards) {}

  mount<E extends Endpoint>(e: E, handler: Handler<E>, opts: MountOptions = {}): this {
    const chain: AppMiddleware[] = [];
    if (e.auth !== 'public') {
      const guard = this.guards[e.auth];
      if (!guard) throw new Error(`no guard for auth '${e.auth}' (mounting ${e.method.toUpperCase()} ${e.path})`);
      chain.push(guard);
    }
    chain.push(...(opts.before ?? []));
    chain.push(async (ctx) => {
      const input = {
        body: e.body ? parseOrThrow(e.body, ctx.request.body ?? {}) : undefined,
        query: e.query ? parseOrThrow(e.query, ctx.query) : undefined,
        params: e.params ? parseOrThrow(e.params, (ctx as unknown as { params: unknown }).params) : undefined,
        ctx: ctx as AppContext,
      } as HandlerInput<E>;
      const result = await handler(input);
      if (opts.raw) return;
      const checked = e.response.safeParse(result);
      if (!checked.success) {
        throw new Error(`response of ${e.method.toUpperCase()} ${e.path} does not match its contract: ${checked.error.message}`);
      }
      ctx.body = { code: 'OK', data: checked.data };
    });
    this.router.register(e.path, [e.method.toUpperCase()], chain as never[]);
    this.endpoints.push(e);
    return this;
  }
}

export type { BodyOf, ParamsOf, QueryOf };
