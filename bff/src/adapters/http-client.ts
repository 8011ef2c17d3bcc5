import { AppError } from '../http/app-error';

/**
 * The one way adapters reach outside systems: fetch with a hard timeout, failures turned into
 * UPSTREAM_TIMEOUT / UPSTREAM_UNAVAILABLE carrying the system's name for the logs. Retrying is
 * the adapter's decision (only idempotent calls), via `withRetry`.
 */
export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
}

export class UpstreamError extends AppError {
  constructor(
    readonly system: string,
    readonly kind: 'timeout' | 'network' | 'http' | 'protocol' | 'busy',
    info: string,
    cause?: unknown,
  ) {
    super(kind === 'timeout' ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE', undefined, { cause: cause ?? new Error(`${system}: ${kind}: ${info}`) });
    this.message = `${system}: ${kind}: ${info}`;
  }
}

export async function httpRequest(system: string, url: string, req: HttpRequest): Promise<HttpResponse> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: typeof req.body === 'string' || req.body === undefined ? req.body : new Uint8Array(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new UpstreamError(system, 'timeout', `no answer within ${req.timeoutMs} ms`, err);
    throw new UpstreamError(system, 'network', (err as Error)?.message ?? 'fetch failed', err);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    const name = (err as Error)?.name;
    throw new UpstreamError(system, name === 'TimeoutError' ? 'timeout' : 'network', 'body read failed', err);
  }
  return { status: res.status, headers: res.headers, text };
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** Whether this failure is worth another try (timeouts, 5xx, "busy"). */
  retryable: (err: unknown) => boolean;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      last = err;
      if (attempt === policy.attempts || !policy.retryable(err)) throw err;
      const jitter = Math.random() * policy.baseDelayMs;
      await new Promise((r) => setTimeout(r, policy.baseDelayMs * 2 ** (attempt - 1) + jitter));
    }
  }
  throw last;
}

export const retryTransient = (err: unknown) => err instanceof UpstreamError && (err.kind === 'timeout' || err.kind === 'network' || err.kind === 'http' || err.kind === 'busy');

export function parseJson<T>(system: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new UpstreamError(system, 'protocol', 'answer is not JSON', err);
  }
}
