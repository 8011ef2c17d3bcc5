import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Clock } from '../../lib/clock';
import { httpRequest, parseJson, retryTransient, UpstreamError, withRetry, type HttpResponse } from '../http-client';
import {
  buildAuthorization,
  decryptResource,
  nonceStr,
  paySign,
  responseMessage,
  rsaVerify,
  toCstRfc3339,
  WECHATPAY_SKEW_SECONDS,
} from './wechat-pay.crypto';
import type {
  JsapiPrepayRequest,
  NotificationEnvelope,
  RefundCreateRequest,
  TradeBillAnswer,
  WxErrorBody,
  WxRefund,
  WxTransaction,
} from './wechat-pay.types';

const SYSTEM = 'wechatpay';

export interface WechatPayConfig {
  /** `https://api.mch.weixin.qq.com`, or `${SANDBOX_URL}/wechatpay`. */
  apiBase: string;
  mchid: string;
  appid: string;
  /** Serial number of the merchant API certificate whose private key signs our requests. */
  merchantSerial: string;
  merchantPrivateKey: string;
  /** 微信支付公钥 mode: the platform public key and its id (`PUB_KEY_ID_…`), which answers carry in Wechatpay-Serial. */
  platformSerial: string;
  platformPublicKey: string;
  apiV3Key: string;
  /** Where WeChat Pay posts notifications; unset in sandbox mode = derived from the request origin. */
  notifyUrl?: string;
  timeoutMs: number;
}

/**
 * A refusal by WeChat Pay itself (4xx with `{code, message}`), as opposed to not reaching it.
 * `wxCode` is WeChat's code (ORDERPAID, ORDER_CLOSED, NOT_ENOUGH …) for the service to map.
 */
export class WechatPayApiError extends UpstreamError {
  constructor(readonly httpStatus: number, readonly wxCode: string, readonly wxMessage: string) {
    super(SYSTEM, httpStatus >= 500 ? 'http' : 'protocol', `HTTP ${httpStatus} ${wxCode} ${wxMessage}`);
  }
}

export type NotificationProblem = 'MISSING_HEADERS' | 'UNKNOWN_SERIAL' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE' | 'MALFORMED' | 'DECRYPT_FAILED';

export type VerifiedNotification =
  | { ok: true; id: string; eventType: string; createTime: string; originalType: string; data: Record<string, unknown> }
  | { ok: false; problem: NotificationProblem };

export interface NotificationHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  serial?: string;
}

export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/**
 * WeChat Pay API v3 client for a direct merchant. Every request is signed with the merchant
 * key; every answer's signature is checked with the platform public key before its body is
 * used (an answer that fails is treated as not having reached WeChat Pay). Calls that WeChat Pay
 * makes idempotent by their keys (prepay by out_trade_no with the same content, close, refund by
 * out_refund_no, queries) are retried once on timeouts and 5xx.
 */
export class WechatPayClient {
  private readonly merchantKey: KeyObject;
  private readonly platformKey: KeyObject;

  constructor(readonly cfg: WechatPayConfig, private readonly clock: Clock) {
    this.merchantKey = createPrivateKey(cfg.merchantPrivateKey);
    this.platformKey = createPublicKey(cfg.platformPublicKey);
  }

  get mchid(): string {
    return this.cfg.mchid;
  }

  get appid(): string {
    return this.cfg.appid;
  }

  private nowSeconds(): string {
    return String(Math.floor(this.clock.now() / 1000));
  }

  private async send(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown, opts: { verify?: boolean; absoluteUrl?: string } = {}): Promise<HttpResponse> {
    const url = opts.absoluteUrl ?? `${this.cfg.apiBase}${pathWithQuery}`;
    const u = new URL(url);
    const text = body === undefined ? '' : JSON.stringify(body);
    const authorization = buildAuthorization({
      mchid: this.cfg.mchid,
      serialNo: this.cfg.merchantSerial,
      key: this.merchantKey,
      method,
      url: u.pathname + u.search,
      body: text,
      timestamp: this.nowSeconds(),
      nonce: nonceStr(),
    });
    const headers: Record<string, string> = { accept: 'application/json', authorization, 'user-agent': 'qdssc-bff/0.1 (wechatpay-v3)' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await httpRequest(SYSTEM, url, { method, headers, body: body === undefined ? undefined : text, timeoutMs: this.cfg.timeoutMs });
    if (opts.verify !== false) this.verifyAnswer(res);
    return res;
  }

  /**
   * An answer without a valid platform signature did not come from WeChat Pay (a proxy's error
   * page, an attacker in the path). 5xx pages of a proxy carry no signature: those are "not
   * reached", like a timeout.
   */
  private verifyAnswer(res: HttpResponse): void {
    const ts = res.headers.get('wechatpay-timestamp');
    const nonce = res.headers.get('wechatpay-nonce');
    const sig = res.headers.get('wechatpay-signature');
    const serial = res.headers.get('wechatpay-serial');
    if (!ts || !nonce || !sig || !serial) {
      throw new UpstreamError(SYSTEM, res.status >= 500 ? 'http' : 'protocol', `unsigned answer (HTTP ${res.status})`);
    }
    if (serial !== this.cfg.platformSerial) throw new UpstreamError(SYSTEM, 'protocol', `answer signed with unknown key ${serial}`);
    if (Math.abs(Number(ts) - this.clock.now() / 1000) > WECHATPAY_SKEW_SECONDS) throw new UpstreamError(SYSTEM, 'protocol', 'answer timestamp outside ±5 min');
    if (!rsaVerify(this.platformKey, responseMessage(ts, nonce, res.text), sig)) throw new UpstreamError(SYSTEM, 'protocol', 'answer signature invalid');
  }

  private fail(res: HttpResponse): never {
    let body: Partial<WxErrorBody> = {};
    try {
      body = JSON.parse(res.text) as WxErrorBody;
    } catch {
      /* not JSON */
    }
    throw new WechatPayApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? '');
  }

  private retry<T>(fn: () => Promise<T>): Promise<T> {
    return withRetry(fn, { attempts: 2, baseDelayMs: 200, retryable: (e) => retryTransient(e) && !(e instanceof WechatPayApiError && e.httpStatus < 500) });
  }

  /** JSAPI / mini-program prepay: returns the prepay_id (valid two hours at WeChat Pay). */
  async jsapiPrepay(p: { outTradeNo: string; description: string; amountFen: number; openid: string; expiresAt: number; notifyUrl: string; attach?: string }): Promise<string> {
    const req: JsapiPrepayRequest = {
      appid: this.cfg.appid,
      mchid: this.cfg.mchid,
      description: p.description,
      out_trade_no: p.outTradeNo,
      time_expire: toCstRfc3339(p.expiresAt),
      notify_url: p.notifyUrl,
      amount: { total: p.amountFen, currency: 'CNY' },
      payer: { openid: p.openid },
      ...(p.attach ? { attach: p.attach } : {}),
    };
    return this.retry(async () => {
      const res = await this.send('POST', '/v3/pay/transactions/jsapi', req);
      if (res.status !== 200) this.fail(res);
      const body = parseJson<{ prepay_id?: string }>(SYSTEM, res.text);
      if (!body.prepay_id) throw new UpstreamError(SYSTEM, 'protocol', 'prepay answered without prepay_id');
      return body.prepay_id;
    });
  }

  /** The parameters `wx.requestPayment` takes, signed with the merchant key. */
  requestPaymentParams(prepayId: string): RequestPaymentParams {
    const timeStamp = this.nowSeconds();
    const nonce = nonceStr();
    const pkg = `prepay_id=${prepayId}`;
    return { appId: this.cfg.appid, timeStamp, nonceStr: nonce, package: pkg, signType: 'RSA', paySign: paySign(this.merchantKey, this.cfg.appid, timeStamp, nonce, pkg) };
  }

  /** The transaction as WeChat Pay sees it, or null when it has no such order (ORDER_NOT_EXIST). */
  async queryByOutTradeNo(outTradeNo: string): Promise<WxTransaction | null> {
    return this.retry(async () => {
      const res = await this.send('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.cfg.mchid)}`);
      if (res.status === 404) return null;
      if (res.status !== 200) this.fail(res);
      return parseJson<WxTransaction>(SYSTEM, res.text);
    });
  }

  /** Closes an unpaid order so it can no longer be paid (204; closing twice is fine). */
  async close(outTradeNo: string): Promise<void> {
    return this.retry(async () => {
      const res = await this.send('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.cfg.mchid });
      if (res.status !== 204 && res.status !== 200) this.fail(res);
    });
  }

  async refund(p: { outTradeNo: string; outRefundNo: string; reason: string; refundFen: number; totalFen: number; notifyUrl?: string }): Promise<WxRefund> {
    const req: RefundCreateRequest = {
      out_trade_no: p.outTradeNo,
      out_refund_no: p.outRefundNo,
      reason: p.reason,
      amount: { refund: p.refundFen, total: p.totalFen, currency: 'CNY' },
      ...(p.notifyUrl ? { notify_url: p.notifyUrl } : {}),
    };
    return this.retry(async () => {
      const res = await this.send('POST', '/v3/refund/domestic/refunds', req);
      if (res.status !== 200) this.fail(res);
      return parseJson<WxRefund>(SYSTEM, res.text);
    });
  }

  async queryRefund(outRefundNo: string): Promise<WxRefund | null> {
    return this.retry(async () => {
      const res = await this.send('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      if (res.status === 404) return null;
      if (res.status !== 200) this.fail(res);
      return parseJson<WxRefund>(SYSTEM, res.text);
    });
  }

  /**
   * The trade bill of a China calendar day as CSV text, or null when WeChat Pay has none
   * (NO_STATEMENT_EXIST: no trades that day). The file's SHA1 must match the announced hash.
   */
  async tradeBill(billDate: string): Promise<string | null> {
    const answer = await this.retry(async () => {
      const res = await this.send('GET', `/v3/bill/tradebill?bill_date=${encodeURIComponent(billDate)}&bill_type=ALL&tar_type=GZIP`);
      if (res.status === 400 || res.status === 404) {
        const body = parseJson<Partial<WxErrorBody>>(SYSTEM, res.text || '{}');
        if (body.code === 'NO_STATEMENT_EXIST') return null;
      }
      if (res.status !== 200) this.fail(res);
      return parseJson<TradeBillAnswer>(SYSTEM, res.text);
    });
    if (!answer) return null;
    // The download is signed like any request; the file itself is not signed but hashed.
    const file = await this.retry(async () => {
      const u = new URL(answer.download_url);
      const r = await this.download(u);
      return r;
    });
    const hash = createHash('sha1').update(file).digest('hex');
    if (hash !== answer.hash_value.toLowerCase()) throw new UpstreamError(SYSTEM, 'protocol', 'trade bill hash mismatch');
    return gunzipSync(file).toString('utf8');
  }

  private async download(u: URL): Promise<Buffer> {
    const authorization = buildAuthorization({
      mchid: this.cfg.mchid, serialNo: this.cfg.merchantSerial, key: this.merchantKey, method: 'GET', url: u.pathname + u.search, body: '', timestamp: this.nowSeconds(), nonce: nonceStr(),
    });
    let res: Response;
    try {
      res = await fetch(u, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(this.cfg.timeoutMs * 4) });
    } catch (err) {
      throw new UpstreamError(SYSTEM, (err as Error)?.name === 'TimeoutError' ? 'timeout' : 'network', 'bill download failed', err);
    }
    const buf = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new WechatPayApiError(res.status, 'BILL_DOWNLOAD_FAILED', buf.toString('utf8').slice(0, 200));
    return buf;
  }

  /**
   * Checks a notification before anything in it is trusted: the platform key's serial, the
   * timestamp window, the signature over `timestamp\nnonce\nbody\n`, then decrypts `resource`
   * with the APIv3 key (AES-256-GCM authenticates it too).
   */
  verifyNotification(h: NotificationHeaders, rawBody: string): VerifiedNotification {
    if (!h.timestamp || !h.nonce || !h.signature || !h.serial) return { ok: false, problem: 'MISSING_HEADERS' };
    if (h.serial !== this.cfg.platformSerial) return { ok: false, problem: 'UNKNOWN_SERIAL' };
    if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(Number(h.timestamp) - this.clock.now() / 1000) > WECHATPAY_SKEW_SECONDS) {
      return { ok: false, problem: 'STALE_TIMESTAMP' };
    }
    if (!rsaVerify(this.platformKey, responseMessage(h.timestamp, h.nonce, rawBody), h.signature)) return { ok: false, problem: 'BAD_SIGNATURE' };
    let env: NotificationEnvelope;
    try {
      env = JSON.parse(rawBody) as NotificationEnvelope;
    } catch {
      return { ok: false, problem: 'MALFORMED' };
    }
    const r = env?.resource;
    if (!r || r.algorithm !== 'AEAD_AES_256_GCM' || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') return { ok: false, problem: 'MALFORMED' };
    let plain: string;
    try {
      plain = decryptResource(this.cfg.apiV3Key, r);
    } catch {
      return { ok: false, problem: 'DECRYPT_FAILED' };
    }
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(plain) as Record<string, unknown>;
    } catch {
      return { ok: false, problem: 'MALFORMED' };
    }
    return { ok: true, id: String(env.id ?? ''), eventType: String(env.event_type ?? ''), createTime: String(env.create_time ?? ''), originalType: r.original_type, data };
  }
}
