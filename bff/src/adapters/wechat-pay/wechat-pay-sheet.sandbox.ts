import { httpRequest, parseJson, UpstreamError } from '../http-client';

export interface SheetParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/**
 * Sandbox only: plays the payer's phone for the H5 demo. `wx.requestPayment` would show
 * WeChat's payment sheet; here the twin receives the same signed parameters and the payer's
 * choice (pay or cancel), checks paySign like the WeChat client does, and — when paid — sends
 * the payment notification to the BFF like WeChat Pay does.
 */
export class WechatPaySheetSandbox {
  constructor(private readonly sandboxUrl: string, private readonly timeoutMs = 5000) {}

  async requestPayment(params: SheetParams, action: 'pay' | 'cancel'): Promise<{ result: 'paid' | 'cancelled' } | { refused: string }> {
    const res = await httpRequest('sandbox', `${this.sandboxUrl}/sandbox/wechatpay/request-payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, action }),
      timeoutMs: this.timeoutMs,
    });
    const body = parseJson<{ result?: 'paid' | 'cancelled'; code?: string; errMsg?: string }>('sandbox', res.text);
    if (res.status === 200 && body.result) return { result: body.result };
    if (res.status === 409 || res.status === 400) return { refused: body.code ?? body.errMsg ?? 'refused' };
    throw new UpstreamError('sandbox', 'http', `request-payment: HTTP ${res.status}`);
  }
}
