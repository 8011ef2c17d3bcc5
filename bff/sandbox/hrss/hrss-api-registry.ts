import { HRSS_CODE } from '../../src/adapters/hrss/hrss-wire';
import type { SandboxContext } from '../sandbox-context';
import type { HrssTwinState } from './hrss-twin-state';

/**
 * The HRSS twin's APIs, one file per area (records, business; card operations and bills are
 * added by their features): each entry names a route under `/hrss` and answers
 * `{code, message, data}`. Signatures, replay checks, faults, latency and reply signing are done
 * once by hrss.twin.ts, so an area file only holds business logic.
 */

export interface HrssAnswer {
  code: string;
  message: string;
  data?: unknown;
}

export interface HrssApiRequest {
  body: Record<string, unknown>;
  params: Record<string, string>;
  query: Record<string, string>;
}

export interface HrssApi {
  /** Name used by the FaultBook: `hrss:<name>` (e.g. `hrss:records.query`). */
  name: string;
  method: 'GET' | 'POST';
  /** Koa-style path below `/hrss`, e.g. `/api/v1/records/:kind/query`. */
  path: string;
  handler: (req: HrssApiRequest, state: HrssTwinState, sc: SandboxContext) => HrssAnswer | Promise<HrssAnswer>;
}

export const ok = (data?: unknown): HrssAnswer => ({ code: HRSS_CODE.OK, message: '成功', data });
export const fail = (code: string, message: string): HrssAnswer => ({ code, message });

export const personUnknown = () => fail(HRSS_CODE.PERSON_UNKNOWN, '查无此人：该人员在本市无参保登记信息');
export const paramInvalid = (what: string) => fail(HRSS_CODE.PARAM_INVALID, `参数错误：${what}`);

/** Page and size from a query body: page ≥ 1, 1 ≤ size ≤ 100 (the system's own limit). */
export function paging(body: Record<string, unknown>): { page: number; pageSize: number } | null {
  const page = body.page === undefined ? 1 : Number(body.page);
  const pageSize = body.pageSize === undefined ? 20 : Number(body.pageSize);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return null;
  return { page, pageSize };
}

export function pageOf<T>(all: T[], p: { page: number; pageSize: number }) {
  return { items: all.slice((p.page - 1) * p.pageSize, p.page * p.pageSize), page: p.page, pageSize: p.pageSize, total: all.length };
}
