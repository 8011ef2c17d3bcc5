import Router from '@koa/router';
import Koa from 'koa';
import getRawBody from 'raw-body';
import { FaultBook, type Fault } from './faults';
import { h5IdentityTwin } from './h5-identity/h5-identity.twin';
import { hotlineTwin } from './hotline/hotline.twin';
import { hrssTwin } from './hrss/hrss.twin';
import { medicalInsuranceTwin } from './medical-insurance/medical-insurance.twin';
import { nationalPlatformTwin } from './national-platform/national-platform.twin';
import { loadRoster, type Roster } from './roster';
import type { SandboxContext, SandboxCredentialsFile } from './sandbox-context';
import { wechatTwin } from './wechat/wechat.twin';
import { wechatPayTwin } from './wechat-pay/wechat-pay.twin';
import credentialsFile from './credentials.json';
import { wechatFaceTwin } from './wechat/wechat-face.twin';
import { alipayTwin } from './alipay/alipay.twin';
import { wechatSubscribeTwin } from './wechat/wechat-subscribe.twin';

export interface SandboxOptions {
  bffBaseUrl?: string;
  now?: () => number;
  roster?: Roster;
}

/** JSON and form bodies, as the real systems send them; the raw bytes are kept for signatures. */
async function body(ctx: Koa.Context, next: Koa.Next) {
  if (ctx.method === 'POST' || ctx.method === 'PUT' || ctx.method === 'PATCH' || ctx.method === 'DELETE') {
    const raw = await getRawBody(ctx.req, { limit: '2mb' });
    ctx.state.rawBody = raw;
    const text = raw.toString('utf8');
    if (ctx.is('application/json')) {
      try {
        ctx.request.body = text ? JSON.parse(text) : {};
      } catch {
        ctx.status = 400;
        ctx.body = { error: 'invalid JSON' };
        return;
      }
    } else if (ctx.is('application/x-www-form-urlencoded')) {
      ctx.request.body = Object.fromEntries(new URLSearchParams(text));
    }
  }
  await next();
}

/**
 * One Koa process hosting every outside system's twin under its own prefix, plus
 * `/sandbox/...` control endpoints (roster, login-code minting, fault injection).
 */
export function createSandboxApp(opts: SandboxOptions = {}) {
  const sc: SandboxContext = {
    roster: opts.roster ?? loadRoster(),
    faults: new FaultBook(),
    credentials: credentialsFile as unknown as SandboxCredentialsFile,
    now: opts.now ?? Date.now,
    bffBaseUrl: opts.bffBaseUrl ?? 'http://127.0.0.1:8080',
  };
  const app = new Koa();
  app.silent = true;
  app.use(body);

  const control = new Router({ prefix: '/sandbox' });
  control.get('/roster', (ctx) => {
    ctx.body = {
      personas: sc.roster.personas.map(({ id, label, description, wechatOpenid, alipayUserId, h5Subject }) => ({
        id, label, description, wechatOpenid, alipayUserId, h5Subject,
      })),
      terminals: sc.roster.terminals.map(({ id, kind, name }) => ({ id, kind, name })),
    };
  });
  control.post('/faults', (ctx) => {
    const f = ctx.request.body as Fault;
    if (!f?.target || !f?.mode) {
      ctx.status = 400;
      ctx.body = { error: 'target and mode required' };
      return;
    }
    sc.faults.add({ ...f, times: f.times ?? 1 });
    ctx.body = { ok: true };
  });
  control.delete('/faults', (ctx) => {
    sc.faults.clear();
    ctx.body = { ok: true };
  });
  control.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  const routers = [
    control,
    ...wechatTwin(sc),
    ...h5IdentityTwin(sc),
    ...nationalPlatformTwin(sc),
    ...hotlineTwin(sc),
    ...wechatPayTwin(sc),
    ...hrssTwin(sc),
    ...medicalInsuranceTwin(sc),
    ...wechatFaceTwin(sc),
    ...wechatSubscribeTwin(sc),
    ...alipayTwin(sc),
  ];
  for (const r of routers) app.use(r.routes()).use(r.allowedMethods());
  return Object.assign(app, { sandbox: sc });
}

export type SandboxApp = ReturnType<typeof createSandboxApp>;
