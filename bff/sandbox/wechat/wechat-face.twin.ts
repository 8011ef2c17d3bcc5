import { randomBytes } from 'node:crypto';
import Router, { type RouterContext } from '@koa/router';
import { certHash } from '../../src/adapters/wechat/wechat.client';
import { sleep } from '../faults';
import type { SandboxContext } from '../sandbox-context';

const tokenTables = new WeakMap<SandboxContext, Map<string, number>>();

/** Access tokens the twin issued (token → expiry), shared by every WeChat API twin of one sandbox. */
export function wechatTokens(sc: SandboxContext): Map<string, number> {
  let t = tokenTables.get(sc);
  if (!t) tokenTables.set(sc, (t = new Map()));
  return t;
}

interface VerifySession {
  outSeqNo: string;
  openid: string;
  certHash: string;
  expiresAt: number;
  /** Set by the device step: 10000 passed, 10004 face did not match; absent until done. */
  verifyRet?: number;
}

/**
 * WeChat server APIs for the face check (人脸核身), with the real paths, bodies and error codes:
 * `POST /wechat/cgi-bin/stable_token`, `POST /wechat/cityservice/face/identify/getverifyid` and
 * `.../queryverifyinfo` (both `?access_token=`). The device step (wx.requestFacialVerify) is
 * `POST /sandbox/wechat/face-results {verifyId, passed}`; `POST /sandbox/wechat/expire-tokens`
 * revokes every token, as a secret reset would.
 */
export function wechatFaceTwin(sc: SandboxContext) {
  const r = new Router({ prefix: '/wechat' });
  const tokens = wechatTokens(sc);
  const sessions = new Map<string, VerifySession>();

  const tokenOk = (t: unknown) => typeof t === 'string' && (tokens.get(t) ?? 0) > sc.now();

  r.post('/cgi-bin/stable_token', async (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (b.grant_type !== 'client_credential') return void (ctx.body = { errcode: 40002, errmsg: 'invalid grant_type' });
    if (b.appid !== sc.credentials.wechat.appid) return void (ctx.body = { errcode: 40013, errmsg: 'invalid appid' });
    if (b.secret !== sc.credentials.wechat.secret) return void (ctx.body = { errcode: 40125, errmsg: 'invalid appsecret' });
    // Normal mode answers the live token while it lasts, as stable_token does.
    const live = [...tokens.entries()].find(([, exp]) => exp > sc.now() + 300_000);
    if (live && b.force_refresh !== true) return void (ctx.body = { access_token: live[0], expires_in: Math.floor((live[1] - sc.now()) / 1000) });
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, sc.now() + 7200_000);
    ctx.body = { access_token: token, expires_in: 7200 };
  });

  const faulted = async (ctx: RouterContext, api: string) => {
    const fault = sc.faults.take('wechat', api);
    if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
    if (fault?.mode === 'http500') {
      ctx.status = 502;
      ctx.body = '<html>502 Bad Gateway</html>';
      return true;
    }
    if (fault?.mode === 'busy') {
      ctx.body = { errcode: -1, errmsg: 'system error' };
      return true;
    }
    return false;
  };

  r.post('/cityservice/face/identify/getverifyid', async (ctx) => {
    if (await faulted(ctx, 'getverifyid')) return;
    if (!tokenOk(ctx.query.access_token)) return void (ctx.body = { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    const b = (ctx.request.body ?? {}) as { out_seq_no?: string; openid?: string; cert_info?: { cert_type?: string; cert_name?: string; cert_no?: string } };
    const c = b.cert_info;
    if (!b.out_seq_no || !b.openid || !c?.cert_type || !c.cert_name || !c.cert_no) return void (ctx.body = { errcode: 47001, errmsg: 'data format error' });
    const verifyId = randomBytes(24).toString('base64url');
    sessions.set(verifyId, {
      outSeqNo: b.out_seq_no,
      openid: b.openid,
      certHash: certHash({ certType: c.cert_type, certName: c.cert_name, certNo: c.cert_no }),
      expiresAt: sc.now() + 3600_000,
    });
    ctx.body = { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: 3600 };
  });

  r.post('/cityservice/face/identify/queryverifyinfo', async (ctx) => {
    if (await faulted(ctx, 'queryverifyinfo')) return;
    if (!tokenOk(ctx.query.access_token)) return void (ctx.body = { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    const b = (ctx.request.body ?? {}) as { verify_id?: string; out_seq_no?: string; cert_hash?: string; openid?: string };
    const s = b.verify_id ? sessions.get(b.verify_id) : undefined;
    if (!s || s.expiresAt <= sc.now()) return void (ctx.body = { errcode: 47001, errmsg: 'verify_id not exist or expired' });
    // WeChat compares what getverifyid was given: another person's result cannot be claimed.
    if (s.openid !== b.openid || s.outSeqNo !== b.out_seq_no || s.certHash !== b.cert_hash) return void (ctx.body = { errcode: 40003, errmsg: 'cert_hash, openid or out_seq_no mismatch' });
    ctx.body = { errcode: 0, errmsg: 'ok', verify_ret: s.verifyRet ?? 90002 };
  });

  const control = new Router({ prefix: '/sandbox/wechat' });
  control.post('/face-results', async (ctx) => {
    const { verifyId, passed } = (ctx.request.body ?? {}) as { verifyId?: string; passed?: boolean };
    const s = verifyId ? sessions.get(verifyId) : undefined;
    if (!s) {
      ctx.status = 404;
      ctx.body = { error: 'unknown verifyId' };
      return;
    }
    s.verifyRet = passed === false ? 10004 : 10000;
    ctx.body = { ok: true };
  });
  control.post('/expire-tokens', async (ctx) => {
    tokens.clear();
    ctx.body = { ok: true };
  });

  return [r, control];
}
