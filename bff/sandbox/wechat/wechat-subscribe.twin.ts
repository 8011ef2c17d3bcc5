import Router from '@koa/router';
import { KEYWORD_LIMITS, TEMPLATE_LAYOUTS } from '../../src/modules/notifications/templates';
import type { NotificationTopic } from '../../src/modules/notifications/notifier.port';
import { sleep } from '../faults';
import type { SandboxContext } from '../sandbox-context';
import { wechatTokens } from './wechat-face.twin';

export interface WechatSubscribeMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogramState: string | null;
  receivedAt: number;
}

/**
 * WeChat subscription messages (订阅消息): `POST /wechat/cgi-bin/message/subscribe/send?access_token=`
 * with the real body and error codes — 40001 unknown token, 42001 expired token, 40003 bad openid,
 * 40037 unknown template, 47003 template data invalid, 43101 user has not subscribed (or refused).
 * Control: `GET /sandbox/wechat/subscribe-messages[?touser=]` lists what arrived, `DELETE` clears it;
 * `POST /sandbox/wechat/subscribe-errors {errcode, times, touser?}` answers the next sends with that
 * code; `POST /sandbox/wechat/age-tokens` lets every live token expire (→ 42001). The fault book's
 * `wechat:subscribe.send` gives http500/busy/timeout.
 */
export function wechatSubscribeTwin(sc: SandboxContext) {
  const r = new Router({ prefix: '/wechat' });
  const tokens = wechatTokens(sc);
  const received: WechatSubscribeMessage[] = [];
  const forced: Array<{ errcode: number; times: number; touser?: string }> = [];
  const aged = new Set<string>();

  r.post('/cgi-bin/message/subscribe/send', async (ctx) => {
    const fault = sc.faults.take('wechat', 'subscribe.send');
    if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
    if (fault?.mode === 'http500') {
      ctx.status = 502;
      ctx.body = '<html>502 Bad Gateway</html>';
      return;
    }
    if (fault?.mode === 'busy') return void (ctx.body = { errcode: -1, errmsg: 'system error' });
    const token = String(ctx.query.access_token ?? '');
    if (aged.has(token)) return void (ctx.body = { errcode: 42001, errmsg: 'access_token expired' });
    if (!((tokens.get(token) ?? 0) > sc.now())) return void (ctx.body = { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    const b = (ctx.request.body ?? {}) as { touser?: string; template_id?: string; page?: string; data?: Record<string, { value?: unknown }>; miniprogram_state?: string };
    if (!b.touser || !/^[A-Za-z0-9_-]{6,64}$/.test(b.touser)) return void (ctx.body = { errcode: 40003, errmsg: 'invalid openid' });
    const topic = /^sbxWx_(.+)_tmpl$/.exec(b.template_id ?? '')?.[1] as NotificationTopic | undefined;
    const layout = topic ? TEMPLATE_LAYOUTS[topic] : undefined;
    if (!layout) return void (ctx.body = { errcode: 40037, errmsg: 'invalid template_id' });
    const i = forced.findIndex((f) => !f.touser || f.touser === b.touser);
    if (i >= 0) {
      const f = forced[i];
      if (--f.times <= 0) forced.splice(i, 1);
      return void (ctx.body = { errcode: f.errcode, errmsg: f.errcode === 43101 ? 'user refuse to accept the msg' : 'forced by the sandbox' });
    }
    const data = b.data ?? {};
    for (const [key, v] of Object.entries(data)) {
      const kw = layout.find((k) => k.keyword === key);
      if (!kw || typeof v?.value !== 'string' || !v.value || [...v.value].length > KEYWORD_LIMITS[kw.kind]) {
        return void (ctx.body = { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` });
      }
    }
    received.push({ touser: b.touser, templateId: b.template_id!, page: b.page ?? null, data: data as Record<string, { value: string }>, miniprogramState: b.miniprogram_state ?? null, receivedAt: sc.now() });
    ctx.body = { errcode: 0, errmsg: 'ok', msgid: received.length };
  });

  const control = new Router({ prefix: '/sandbox/wechat' });
  control.get('/subscribe-messages', (ctx) => {
    const touser = typeof ctx.query.touser === 'string' ? ctx.query.touser : undefined;
    ctx.body = { messages: received.filter((m) => !touser || m.touser === touser) };
  });
  control.delete('/subscribe-messages', (ctx) => {
    received.length = 0;
    ctx.body = { ok: true };
  });
  control.post('/subscribe-errors', (ctx) => {
    const { errcode, times, touser } = (ctx.request.body ?? {}) as { errcode?: number; times?: number; touser?: string };
    if (typeof errcode !== 'number') return void ((ctx.status = 400), (ctx.body = { error: 'errcode required' }));
    forced.push({ errcode, times: Math.max(1, times ?? 1), touser });
    ctx.body = { ok: true };
  });
  control.post('/age-tokens', (ctx) => {
    for (const t of tokens.keys()) aged.add(t);
    tokens.clear();
    ctx.body = { ok: true };
  });
  return [r, control];
}
