import Router from '@koa/router';
import type { SandboxContext } from '../sandbox-context';
import { sleep } from '../faults';
import { OneTimeCodes } from '../one-time-codes';

/**
 * WeChat server API twin: `GET /wechat/sns/jscode2session` with the real parameters and error
 * codes (40013 invalid appid, 40125 invalid secret, 40029 invalid code, 40163 code used,
 * 45011 rate limit, 40226 risky user, -1 busy). Codes come from
 * `POST /sandbox/wechat/login-codes {openid}`, standing in for wx.login.
 */
export function wechatTwin(sc: SandboxContext) {
  const r = new Router({ prefix: '/wechat' });
  const codes = new OneTimeCodes<string>(5 * 60_000, sc.now);
  const used = new Set<string>();
  /** openids WeChat flags as risky (tests put one here through the fault book's 'busy' twin). */
  const risky = new Set<string>();

  r.get('/sns/jscode2session', async (ctx) => {
    const { appid, secret, js_code: code, grant_type: grant } = ctx.query as Record<string, string>;
    const fault = sc.faults.take('wechat', 'jscode2session');
    if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
    if (fault?.mode === 'http500') {
      ctx.status = 500;
      ctx.body = '<html>502 Bad Gateway</html>';
      return;
    }
    if (fault?.mode === 'busy') {
      ctx.body = { errcode: -1, errmsg: 'system error' };
      return;
    }
    if (appid !== sc.credentials.wechat.appid) {
      ctx.body = { errcode: 40013, errmsg: 'invalid appid' };
      return;
    }
    if (secret !== sc.credentials.wechat.secret) {
      ctx.body = { errcode: 40125, errmsg: 'invalid appsecret' };
      return;
    }
    if (grant !== 'authorization_code' || !code) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
      return;
    }
    if (used.has(code)) {
      ctx.body = { errcode: 40163, errmsg: 'code been used' };
      return;
    }
    const openid = codes.redeem(code);
    if (!openid) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
      return;
    }
    used.add(code);
    if (risky.has(openid)) {
      ctx.body = { errcode: 40226, errmsg: 'high risk user' };
      return;
    }
    ctx.body = { openid, session_key: Buffer.from(openid).toString('base64').slice(0, 24), unionid: `u-${openid}` };
  });

  const control = new Router({ prefix: '/sandbox/wechat' });
  control.post('/login-codes', async (ctx) => {
    const { openid } = (ctx.request.body ?? {}) as { openid?: string };
    if (!openid) {
      ctx.status = 400;
      ctx.body = { error: 'openid required' };
      return;
    }
    ctx.body = { code: codes.mint(openid) };
  });
  control.post('/risky-users', async (ctx) => {
    const { openid } = (ctx.request.body ?? {}) as { openid?: string };
    if (openid) risky.add(openid);
    ctx.body = { ok: true };
  });

  return [r, control];
}
