import { createHash } from 'node:crypto';
import { AppError } from '../../http/app-error';
import { httpRequest, parseJson, UpstreamError } from '../http-client';

const SYSTEM = 'wechat';

export interface WechatConfig {
  apiBase: string;
  appid: string;
  secret: string;
}

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/**
 * WeChat server APIs. `jscode2session` turns the `wx.login` code into the openid; the
 * session_key it also returns is not kept (nothing here decrypts user data with it).
 */
export class WechatClient {
  constructor(private readonly cfg: WechatConfig, private readonly timeoutMs = 5000) {}

  async code2Session(code: string): Promise<{ openid: string; unionid: string | null }> {
    const q = new URLSearchParams({ appid: this.cfg.appid, secret: this.cfg.secret, js_code: code, grant_type: 'authorization_code' });
    const res = await httpRequest(SYSTEM, `${this.cfg.apiBase}/sns/jscode2session?${q}`, { timeoutMs: this.timeoutMs });
    if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `HTTP ${res.status}`);
    const body = parseJson<Code2SessionReply>(SYSTEM, res.text);
    if (body.errcode && body.errcode !== 0) throw mapWechatError(body.errcode, body.errmsg ?? '');
    if (!body.openid) throw new UpstreamError(SYSTEM, 'protocol', 'jscode2session answered without openid');
    return { openid: body.openid, unionid: body.unionid ?? null };
  }

  private token?: { value: string; expiresAt: number };
  private tokenInFlight?: Promise<string>;

  /**
   * The app's access token from `/cgi-bin/stable_token`, cached until 5 minutes before it
   * expires. stable_token answers every BFF process the same token, so each may cache its own.
   */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.tokenInFlight ??= (async () => {
      try {
        const res = await httpRequest(SYSTEM, `${this.cfg.apiBase}/cgi-bin/stable_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'client_credential', appid: this.cfg.appid, secret: this.cfg.secret, force_refresh: forceRefresh }),
          timeoutMs: this.timeoutMs,
        });
        if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `stable_token: HTTP ${res.status}`);
        const body = parseJson<{ access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }>(SYSTEM, res.text);
        if (!body.access_token) throw new UpstreamError(SYSTEM, body.errcode === -1 ? 'busy' : 'protocol', `stable_token: ${body.errcode} ${body.errmsg}`);
        this.token = { value: body.access_token, expiresAt: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
        return body.access_token;
      } finally {
        this.tokenInFlight = undefined;
      }
    })();
    return this.tokenInFlight;
  }

  /** POST to an API taking `?access_token=`; an expired or revoked token is refreshed once. */
  private async postWithToken<T extends { errcode?: number; errmsg?: string }>(path: string, payload: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const res = await httpRequest(SYSTEM, `${this.cfg.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        timeoutMs: this.timeoutMs,
      });
      if (res.status >= 500) throw new UpstreamError(SYSTEM, 'http', `${path}: HTTP ${res.status}`);
      const body = parseJson<T>(SYSTEM, res.text);
      if ((body.errcode === 40001 || body.errcode === 42001 || body.errcode === 40014) && attempt === 0) continue;
      return body;
    }
  }

  /**
   * 订阅消息 `subscribeMessage.send`. A refusal the resident caused (43101 not subscribed / no grant
   * left, 40003 bad openid) or a template mismatch (47003, 40037) is an outcome, not an error: it will
   * not get better by retrying. Busy and HTTP trouble throw (UpstreamError) so the caller retries;
   * an expired token (42001/40001) is refreshed once inside `postWithToken`.
   */
  async sendSubscribeMessage(input: { touser: string; templateId: string; page?: string | null; data: Record<string, { value: string }>; state: 'formal' | 'trial' | 'developer' }): Promise<SubscribeSendOutcome> {
    const body = await this.postWithToken<{ errcode?: number; errmsg?: string }>('/cgi-bin/message/subscribe/send', {
      touser: input.touser,
      template_id: input.templateId,
      ...(input.page ? { page: input.page } : {}),
      data: input.data,
      miniprogram_state: input.state,
      lang: 'zh_CN',
    });
    const code = body.errcode ?? 0;
    if (code === 0) return { result: 'sent' };
    if (code === 43101) return { result: 'refused', errcode: code };
    if (code === 40003) return { result: 'invalid_user', errcode: code };
    if (code === 47003 || code === 40037) return { result: 'invalid_data', errcode: code };
    if (code === -1 || code === 45009) throw new UpstreamError(SYSTEM, 'busy', `subscribe.send: ${code} ${body.errmsg ?? ''}`);
    throw new UpstreamError(SYSTEM, 'protocol', `subscribe.send: ${code} ${body.errmsg ?? ''}`);
  }

  /** 人脸核身 step 1: a verify id for wx.requestFacialVerify, bound to this openid and identity. */
  async getVerifyId(input: FaceCertInfo & { outSeqNo: string; openid: string }): Promise<{ verifyId: string; expiresIn: number }> {
    const body = await this.postWithToken<{ errcode?: number; errmsg?: string; verify_id?: string; expires_in?: number }>('/cityservice/face/identify/getverifyid', {
      out_seq_no: input.outSeqNo,
      cert_info: { cert_type: input.certType, cert_name: input.certName, cert_no: input.certNo },
      openid: input.openid,
    });
    if (body.errcode || !body.verify_id) throw mapWechatError(body.errcode ?? -2, body.errmsg ?? 'no verify_id');
    return { verifyId: body.verify_id, expiresIn: body.expires_in ?? 3600 };
  }

  /**
   * 人脸核身 step 3: the real result of the device step. WeChat checks that openid, out_seq_no and
   * the hash of the identity match those of getverifyid, so a result cannot be moved to another
   * person. Passed means errcode 0 and verify_ret 10000.
   */
  async queryVerifyInfo(input: FaceCertInfo & { verifyId: string; outSeqNo: string; openid: string }): Promise<{ passed: boolean; verifyRet: number | null }> {
    const body = await this.postWithToken<{ errcode?: number; errmsg?: string; verify_ret?: number }>('/cityservice/face/identify/queryverifyinfo', {
      verify_id: input.verifyId,
      out_seq_no: input.outSeqNo,
      cert_hash: certHash(input),
      openid: input.openid,
    });
    if (body.errcode) throw mapWechatError(body.errcode, body.errmsg ?? '');
    return { passed: body.verify_ret === 10000, verifyRet: body.verify_ret ?? null };
  }
}

/** What became of one subscription message (shared by the WeChat and Alipay senders). */
export type SubscribeSendOutcome =
  | { result: 'sent' }
  | { result: 'refused' | 'invalid_user' | 'invalid_data'; errcode: number | string };

export interface FaceCertInfo {
  /** IDENTITY_CARD, … */
  certType: string;
  certName: string;
  certNo: string;
}

/**
 * cert_hash of queryverifyinfo: each of cert_type, cert_name, cert_no in standard base64, joined
 * as `cert_type=…&cert_name=…&cert_no=…`, SHA-256, lower-case hex.
 */
export function certHash(c: FaceCertInfo): string {
  const b = (v: string) => Buffer.from(v, 'utf8').toString('base64');
  return createHash('sha256').update(`cert_type=${b(c.certType)}&cert_name=${b(c.certName)}&cert_no=${b(c.certNo)}`).digest('hex');
}

/** WeChat error codes a resident can cause or meet, mapped to ours; the rest are our problem. */
export function mapWechatError(errcode: number, errmsg: string): AppError {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code been used
      return new AppError('LOGIN_CODE_INVALID', undefined, { cause: new Error(`wechat ${errcode} ${errmsg}`) });
    case 45011: // api minute-quota reach limit
      return new AppError('LOGIN_RATE_LIMITED', undefined, { cause: new Error(`wechat ${errcode} ${errmsg}`) });
    case 40226: // high risk user
      return new AppError('LOGIN_RISKY_USER', undefined, { cause: new Error(`wechat ${errcode} ${errmsg}`) });
    case -1: // system busy
      return new UpstreamError(SYSTEM, 'busy', `${errcode} ${errmsg}`);
    default:
      return new UpstreamError(SYSTEM, 'protocol', `errcode ${errcode} ${errmsg}`);
  }
}
