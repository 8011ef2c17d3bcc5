import Taro from '@tarojs/taro';

type Answer = { status?: number; data?: unknown; code?: string; message?: string; details?: unknown } | ((req: { body: unknown; query: string; headers: Record<string, string> }) => unknown);

/**
 * Answers `Taro.request` by `METHOD /path` (query ignored for matching). An answer object gives
 * `{code: 'OK', data}`, or an error body when it has `code`; a function returns the data itself.
 * Every request is recorded in `calls`.
 */
export function mockApi(routes: Record<string, Answer>) {
  const calls: Array<{ method: string; path: string; body: unknown; headers: Record<string, string> }> = [];
  (Taro.request as unknown as jest.Mock).mockImplementation(async (opts: { url: string; method: string; data?: unknown; header?: Record<string, string> }) => {
    const url = new URL(opts.url, 'http://bff.test');
    const key = `${opts.method} ${url.pathname}`;
    calls.push({ method: opts.method, path: url.pathname + url.search, body: opts.data, headers: opts.header ?? {} });
    const answer = routes[key];
    if (answer === undefined) return { statusCode: 404, data: { code: 'ROUTE_NOT_FOUND', message: 'not mocked: ' + key } };
    if (typeof answer === 'function') {
      const data = answer({ body: opts.data, query: url.search, headers: opts.header ?? {} });
      return { statusCode: 200, data: { code: 'OK', data } };
    }
    if (answer.code && answer.code !== 'OK') return { statusCode: answer.status ?? 400, data: { code: answer.code, message: answer.message ?? answer.code, requestId: 'req-test-1', details: answer.details } };
    return { statusCode: answer.status ?? 200, data: { code: 'OK', data: answer.data } };
  });
  return calls;
}
