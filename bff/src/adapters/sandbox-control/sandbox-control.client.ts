import { httpRequest, parseJson, UpstreamError } from '../http-client';

const SYSTEM = 'sandbox';

export interface SandboxPersonaSummary {
  id: string;
  label: string;
  description: string;
  wechatOpenid: string | null;
  alipayUserId: string | null;
  h5Subject: string | null;
}

/**
 * Only in sandbox deployments: reads the roster and asks a twin to mint a login code for a
 * persona, standing in for the device SDK (wx.login, my.getAuthCode, the H5 login page).
 */
export class SandboxControlClient {
  constructor(private readonly base: string, private readonly timeoutMs = 3000) {}

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await httpRequest(SYSTEM, `${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: this.timeoutMs,
    });
    if (res.status !== 200) throw new UpstreamError(SYSTEM, 'http', `${path}: HTTP ${res.status}`);
    return parseJson<T>(SYSTEM, res.text);
  }

  async personas(): Promise<SandboxPersonaSummary[]> {
    const res = await httpRequest(SYSTEM, `${this.base}/sandbox/roster`, { timeoutMs: this.timeoutMs });
    if (res.status !== 200) throw new UpstreamError(SYSTEM, 'http', `roster: HTTP ${res.status}`);
    return parseJson<{ personas: SandboxPersonaSummary[] }>(SYSTEM, res.text).personas;
  }

  async mintWechatCode(openid: string): Promise<string> {
    return (await this.post<{ code: string }>('/sandbox/wechat/login-codes', { openid })).code;
  }

  async mintAlipayAuthCode(userId: string): Promise<string> {
    return (await this.post<{ authCode: string }>('/sandbox/alipay/auth-codes', { userId })).authCode;
  }

  async mintH5Code(subject: string): Promise<string> {
    return (await this.post<{ code: string }>('/sandbox/h5-identity/login-codes', { subject })).code;
  }

  /** Stands in for the device face SDK (wx.requestFacialVerify / my.startAPVerify). */
  async completeFaceCheck(provider: 'wechat' | 'alipay', externalId: string, passed: boolean): Promise<void> {
    if (provider === 'wechat') await this.post('/sandbox/wechat/face-results', { verifyId: externalId, passed });
    else await this.post('/sandbox/alipay/certify-results', { certifyId: externalId, passed });
  }
}
