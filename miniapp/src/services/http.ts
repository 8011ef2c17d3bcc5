import Taro from '@tarojs/taro';
import { ERRORS, fillPath, isErrorCode, type Endpoint, type ResponseOf } from '@qdssc/shared';
import type { z } from 'zod';
import { getSettings } from '../state/settings';
import { clearSession, getSession } from '../state/session';

/** A failure the UI can show: a stable code, the message in the UI language, and the request id. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallInput {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  params?: Record<string, string | number>;
}

function localMessage(code: string, fallback?: string): string {
  const lang = getSettings().lang;
  if (isErrorCode(code)) return ERRORS[code][lang];
  return fallback ?? ERRORS.INTERNAL[lang];
}

function queryString(q?: CallInput['query']): string {
  if (!q) return '';
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Calls a shared contract. The body is validated with the same schema the BFF uses before
 * anything is sent, so a typo is caught on the phone; the answer's error code is turned into
 * the message of the UI's language from the shared table.
 */
export async function call<E extends Endpoint>(e: E, input: CallInput = {}): Promise<ResponseOf<E>> {
  if (e.body) {
    const checked = (e.body as z.ZodType).safeParse(input.body ?? {});
    if (!checked.success) {
      throw new ApiError('VALIDATION_FAILED', localMessage('VALIDATION_FAILED'), 400, undefined, {
        fields: checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
  }
  const session = getSession();
  const header: Record<string, string> = { 'X-Lang': getSettings().lang };
  if (input.body !== undefined) header['Content-Type'] = 'application/json';
  if (session && e.auth === 'session') header.Authorization = `Bearer ${session.token}`;
  let res: Taro.request.SuccessCallbackResult<any>;
  try {
    res = await Taro.request({
      url: `${API_BASE}${fillPath(e.path, input.params)}${queryString(input.query)}`,
      method: e.method.toUpperCase() as 'GET',
      data: input.body as never,
      header,
      dataType: 'json',
      timeout: 15000,
    });
  } catch (err) {
    throw new ApiError('NETWORK_UNREACHABLE', localMessage('NETWORK_UNREACHABLE'), 0, undefined, { cause: String((err as Error)?.message ?? err) });
  }
  let data = res.data as { code?: string; data?: unknown; message?: string; requestId?: string; details?: unknown } | string;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      data = {};
    }
  }
  const body = data as { code?: string; data?: unknown; message?: string; requestId?: string; details?: unknown };
  if (res.statusCode === 200 && body.code === 'OK') return body.data as ResponseOf<E>;
  const code = body.code ?? 'INTERNAL';
  if (code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED') clearSession();
  throw new ApiError(code, localMessage(code, body.message), res.statusCode, body.requestId, body.details);
}
