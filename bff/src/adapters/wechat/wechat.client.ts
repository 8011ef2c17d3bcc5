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
