import Router from '@koa/router';
import type Koa from 'koa';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@qdssc/shared';
import { checkHrssRequest, HRSS_CODE, HRSS_HEADER, replyHeaders, type HrssEventEnvelope } from '../../src/adapters/hrss/hrss-wire';
import { sleep } from '../faults';
import type { SandboxContext } from '../sandbox-context';
import { fail, type HrssAnswer, type HrssApi } from './hrss-api-registry';
import { hrssApis } from './hrss-apis';
import { advanceApplication } from './business.hrss-api';
import { mountCardControl } from './card.hrss-api';
import { defaultTwinSettings, HrssTwinState, type HrssTwinSettings } from './hrss-twin-state';
import type { Forgery } from './hrss-notifier';

const SIGNATURE_CODES: Record<string, [string, string]> = {
  MISSING_HEADERS: [HRSS_CODE.MISSING_HEADERS, '缺少签名请求头'],
  CHANNEL_UNKNOWN: [HRSS_CODE.CHANNEL_UNKNOWN, '渠道编号未登记'],
  BAD_SIGNATURE: [HRSS_CODE.SIGNATURE_INVALID, '签名校验失败'],
  STALE_TIMESTAMP: [HRSS_CODE.TIMESTAMP_EXPIRED, '请求时间戳超出允许范围'],
  BAD_NONCE: [HRSS_CODE.MISSING_HEADERS, '随机串格式错误'],
};

/**
 * Twin of the Qingdao HRSS card & records system under `/hrss`. Checks what the real system
 * checks, in its order — channel, timestamp window, signature, nonce once — then runs the API
 * from the registry, and signs its reply bound to the request's nonce. Faults
 * (`hrss:<api name>`): timeout, http500, busy, bad-signature, stale-timestamp.
 *
 * Control (`/sandbox/hrss`): settings (latency, advance step, retry schedule), an application's
 * state, moving it on, sending a crafted (or forged) callback, and the delivery log.
 */
export function hrssTwin(sc: SandboxContext, settings: Partial<HrssTwinSettings> = {}, apis: HrssApi[] = hrssApis) {
  const state = new HrssTwinState(sc, { ...defaultTwinSettings(), ...settings });
  const creds = sc.credentials.hrss;
  if (!creds) throw new Error('bff/sandbox/credentials.json has no "hrss" section');
  const r = new Router({ prefix: '/hrss' });

  for (const api of apis) {
    const route = async (ctx: Koa.Context) => {
      const nonce = ctx.get(HRSS_HEADER.nonce);
      const reply = (a: HrssAnswer, opts: { key?: string; at?: number } = {}) => {
        const text = JSON.stringify(a);
        ctx.set(replyHeaders(opts.key ?? creds.secret, ctx.originalUrl, nonce, text, opts.at ?? sc.now()));
        ctx.type = 'application/json';
        ctx.body = text;
      };

      const fault = sc.faults.take('hrss', api.name);
      if (state.settings.latencyMs > 0) await sleep(state.settings.latencyMs);
      if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
      if (fault?.mode === 'http500') {
        ctx.status = 502;
        ctx.type = 'text/html';
        ctx.body = '<html><body>502 Bad Gateway</body></html>';
        return;
      }

      const problem = checkHrssRequest(creds.secret, creds.channelNo, {
        method: ctx.method,
        pathWithQuery: ctx.originalUrl,
        header: (n) => ctx.get(n) || undefined,
        body: (ctx.state.rawBody as Buffer | undefined) ?? '',
      }, sc.now());
      if (problem) return reply(fail(...SIGNATURE_CODES[problem]));
      if (!state.useNonce(nonce)) return reply(fail(HRSS_CODE.NONCE_REUSED, '请求随机串重复（疑似重放）'));
      if (fault?.mode === 'busy') return reply(fail(HRSS_CODE.BUSY, '系统繁忙，请稍后再试'));

      const body = (ctx.request as { body?: unknown }).body;
      const answer = await api.handler(
        { body: body && typeof body === 'object' ? (body as Record<string, unknown>) : {}, params: (ctx as unknown as { params: Record<string, string> }).params, query: ctx.query as Record<string, string> },
        state,
        sc,
      );
      if (fault?.mode === 'bad-signature') return reply(answer, { key: 'not-the-shared-hrss-secret' });
      if (fault?.mode === 'stale-timestamp') return reply(answer, { at: sc.now() - 10 * 60_000 });
      reply(answer);
    };
    if (api.method === 'GET') r.get(api.path, route);
    else r.post(api.path, route);
  }

  const control = new Router({ prefix: '/sandbox/hrss' });
  const bodyOf = (ctx: Koa.Context) => ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;

  control.get('/settings', (ctx) => {
    ctx.body = state.settings;
  });
  control.post('/settings', (ctx) => {
    const b = bodyOf(ctx);
    const next = { ...state.settings };
    if (typeof b.latencyMs === 'number') next.latencyMs = b.latencyMs;
    if (typeof b.advanceStepMs === 'number') next.advanceStepMs = b.advanceStepMs;
    if (Array.isArray(b.notifyScheduleMs) && b.notifyScheduleMs.every((n) => typeof n === 'number')) next.notifyScheduleMs = b.notifyScheduleMs as number[];
    if (b.autoOutcome === 'approved' || b.autoOutcome === 'rejected') next.autoOutcome = b.autoOutcome;
    state.settings = next;
    ctx.body = next;
  });

  control.get('/applications/:no', (ctx) => {
    const app = state.applications.get(ctx.params.no);
    if (!app) {
      ctx.status = 404;
      ctx.body = { error: 'no such application' };
      return;
    }
    const { aac002: _id, ...rest } = app;
    ctx.body = rest;
  });

  control.post('/applications/:no/advance', (ctx) => {
    const app = state.applications.get(ctx.params.no);
    const b = bodyOf(ctx);
    if (!app || !APPLICATION_STATUSES.includes(b.to as ApplicationStatus)) {
      ctx.status = app ? 400 : 404;
      ctx.body = { error: app ? 'to must be an application status' : 'no such application' };
      return;
    }
    const moved = advanceApplication(state, app, b.to as ApplicationStatus, typeof b.reason === 'string' ? b.reason : null);
    ctx.status = moved ? 200 : 409;
    ctx.body = { moved, status: app.status, version: app.version };
  });

  /** Sends one crafted callback now and answers what the BFF replied (forged ones included). */
  control.post('/events', async (ctx) => {
    const b = bodyOf(ctx);
    if (typeof b.type !== 'string' || typeof b.aggregate !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'type and aggregate required' };
      return;
    }
    const event: HrssEventEnvelope = {
      eventId: typeof b.eventId === 'string' ? b.eventId : `EV${sc.now()}${Math.random().toString(36).slice(2, 10)}`,
      type: b.type,
      version: typeof b.version === 'number' ? b.version : state.nextVersion(b.aggregate),
      occurredAt: typeof b.occurredAt === 'string' ? b.occurredAt : new Date(sc.now()).toISOString(),
      subject: (b.subject as HrssEventEnvelope['subject']) ?? {},
      payload: b.payload ?? {},
    };
    const forge = (['bad-signature', 'stale-timestamp', 'tampered', 'replayed'] as Forgery[]).find((f) => f === b.forge) ?? null;
    const res = await state.notifier.post(event, forge);
    ctx.body = { event, reply: res };
  });

  /** A bill as HRSS holds it (tests and the demo check it was marked paid). */
  control.get('/bills/:no', (ctx) => {
    const b = state.bills.get(ctx.params.no);
    if (!b) {
      ctx.status = 404;
      ctx.body = { error: 'no such bill' };
      return;
    }
    const { aac002: _id, ...rest } = b;
    ctx.body = { ...rest, payCalls: state.billPayCalls };
  });
  mountCardControl(control, state, sc);

  control.get('/deliveries', (ctx) => {
    ctx.body = { pending: state.notifier.pending(), log: state.notifier.log };
  });

  return [r, control];
}
