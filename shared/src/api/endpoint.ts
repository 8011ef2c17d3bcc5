import { z } from 'zod';

/**
 * An API contract: one object names the route, its inputs and its answer. The BFF mounts it
 * (validating with these schemas and adding it to /openapi.json) and the mini-program calls it
 * through the same object, so the two sides cannot drift apart.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: a resident's session, a registered terminal (signed), or anyone. */
export type EndpointAuth = 'session' | 'terminal' | 'public';

export interface Endpoint<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Koa-style path (`/api/v1/cards/:id`); OpenAPI gets `{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: EndpointAuth;
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  /** Error codes this endpoint may answer with besides the common ones (documentation). */
  errors?: readonly string[];
}

export function endpoint<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(e: Endpoint<B, Q, P, R>): Endpoint<B, Q, P, R> {
  return e;
}

export type BodyOf<E> = E extends Endpoint<infer B, any, any, any> ? (B extends z.ZodType ? z.input<B> : undefined) : never;
export type QueryOf<E> = E extends Endpoint<any, infer Q, any, any> ? (Q extends z.ZodType ? z.input<Q> : undefined) : never;
export type ParamsOf<E> = E extends Endpoint<any, any, infer P, any> ? (P extends z.ZodType ? z.input<P> : undefined) : never;
export type ResponseOf<E> = E extends Endpoint<any, any, any, infer R> ? z.output<R> : never;

/** Every success answer is `{code: "OK", data}`; every failure `{code, message, details?}`. */
export const ErrorBody = z.object({
  code: z.string().describe('Stable UPPER_SNAKE error code'),
  message: z.string().describe('Short message for the resident, in the request language'),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export function okEnvelope<R extends z.ZodType>(data: R) {
  return z.object({ code: z.literal('OK'), data });
}

/** Replaces `:name` with encoded values; throws if one is missing so a bug shows early. */
export function fillPath(path: string, params?: Record<string, string | number>): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
}
