import type { Stack } from './stack';

/** Talks to the twins' `/sandbox/...` control endpoints of a test stack. */
export async function sandboxPost<T = any>(s: Stack, path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.sandboxUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

export async function sandboxGet<T = any>(s: Stack, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.sandboxUrl}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * Polls until `done` holds (callbacks arrive asynchronously) and returns the last value; gives up
 * after `timeoutMs`, returning what it saw so the assertion that follows shows the difference.
 */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  let v = await read();
  while (!done(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, everyMs));
    v = await read();
  }
  return v;
}

/** Compressed callback retry schedule and no automatic advancing: tests move applications themselves. */
export async function quickHrss(s: Stack, extra: Record<string, unknown> = {}): Promise<void> {
  await sandboxPost(s, '/sandbox/hrss/settings', { advanceStepMs: 0, notifyScheduleMs: [30, 60, 120, 240], latencyMs: 0, ...extra });
}
