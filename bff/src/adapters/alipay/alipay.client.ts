import { AlipayRequestError, AlipaySdk } from 'alipay-sdk';
import { fenToYuanString, parseYuanToFen } from '@qdssc/shared';
import type { Config } from '../../config';
import { AlipayBillFormatError, parseAlipayTradeBill, unzipAlipayTradeBill, type AlipayBillRow } from './alipay-trade-bill';
import { AppError } from '../../http/app-error';
import { retryTransient, UpstreamError, withRetry } from '../http-client';
import type { SubscribeSendOutcome } from '../wechat/wechat.client';

const SYSTEM = 'alipay';

export type AlipayConfig = Config['alipay'];

interface GatewayResult {
  code?: string;
  msg?: string;
  subCode?: string;
  subMsg?: string;
  [k: string]: unknown;
}

/**
 * Alipay OpenAPI through the official `alipay-sdk` (v4, `exec`, RSA2). Every answer's signature
 * is verified with Alipay's public key (`validateSign`) before anything in it is believed.
 * Login (`alipay.system.oauth.token`) and the face check (`alipay.user.certify.open.*`).
 */
/** The label of a PKCS#1 key's PEM armour (only a format test; no key material lives here). */
const PKCS1_PEM_LABEL = 'RSA PRIVATE KEY';

export class AlipayClient {
  private readonly sdk: AlipaySdk;

  get appId(): string {
    return this.cfg.appId;
  }

  get sellerId(): string {
    return this.cfg.sellerId;
  }

  constructor(private readonly cfg: AlipayConfig) {
    this.sdk = new AlipaySdk({
      appId: cfg.appId,
      privateKey: cfg.privateKey,
      alipayPublicKey: cfg.alipayPublicKey,
      gateway: cfg.gateway,
      timeout: cfg.timeoutMs,
      // A PKCS#1 PEM is labelled "RSA PRIVATE KEY"; PKCS#8 (and a bare base64 body) is not.
      keyType: cfg.privateKey.includes(PKCS1_PEM_LABEL) ? 'PKCS1' : 'PKCS8',
      signType: 'RSA2',
      camelcase: true,
    });
  }

  /** Calls a gateway method; transport and signature trouble become UpstreamError. */
  async exec(method: string, params: Record<string, unknown>): Promise<GatewayResult> {
    let r: GatewayResult;
    try {
      r = (await this.sdk.exec(method, params, { validateSign: true })) as GatewayResult;
    } catch (err) {
      if (err instanceof AlipayRequestError) {
        const timeout = /timeout/i.test(String((err.cause as Error)?.name ?? '') + err.message);
        const kind = timeout ? 'timeout' : /验签失败/.test(err.message) ? 'protocol' : 'http';
        throw new UpstreamError(SYSTEM, kind, `${method}: ${err.message.slice(0, 120)}`, err);
      }
      throw new UpstreamError(SYSTEM, 'protocol', `${method}: ${(err as Error)?.message ?? err}`, err);
    }
    if (r.code === '20000') throw new UpstreamError(SYSTEM, 'busy', `${method}: ${r.subCode ?? ''} ${r.subMsg ?? r.msg ?? ''}`);
    return r;
  }

  /** my.getAuthCode's code → the resident's Alipay user_id. Codes are single use. */
  async oauthToken(code: string): Promise<{ userId: string }> {
    const r = await this.exec('alipay.system.oauth.token', { grantType: 'authorization_code', code });
    if (r.code && r.code !== '10000') {
      if (r.subCode === 'isv.code-invalid' || r.subCode === 'isv.code-used' || r.subCode === 'isv.code-expired') {
        throw new AppError('LOGIN_CODE_INVALID', undefined, { cause: new Error(`alipay ${r.subCode} ${r.subMsg}`) });
      }
      throw new UpstreamError(SYSTEM, 'protocol', `oauth.token: ${r.code} ${r.subCode} ${r.subMsg}`);
    }
    const userId = (r.userId ?? r.openId) as string | undefined;
    if (!userId) throw new UpstreamError(SYSTEM, 'protocol', 'oauth.token answered without user_id');
    return { userId };
  }

  /** Face check step 1: a certify_id for the identity (the device step is my.startAPVerify). */
  async certifyInitialize(input: { outerOrderNo: string; certType: string; certName: string; certNo: string; returnUrl: string }): Promise<{ certifyId: string; certifyUrl: string }> {
    const r = await this.exec('alipay.user.certify.open.initialize', {
      bizContent: {
        outer_order_no: input.outerOrderNo,
        biz_code: 'FACE',
        identity_param: { identity_type: 'CERT_INFO', cert_type: input.certType, cert_name: input.certName, cert_no: input.certNo },
        merchant_config: { return_url: input.returnUrl },
      },
    });
    if (r.code !== '10000' || typeof r.certifyId !== 'string') throw new UpstreamError(SYSTEM, 'protocol', `certify.initialize: ${r.code} ${r.subCode} ${r.subMsg}`);
    // The certify page is a signed GET URL the device opens; building it calls nothing.
    const certifyUrl = this.sdk.pageExecute('alipay.user.certify.open.certify', 'GET', { bizContent: { certify_id: r.certifyId } });
    return { certifyId: r.certifyId, certifyUrl };
  }

  /** Face check step 3: passed only when Alipay says `T`. A read, retried when Alipay is busy. */
  async certifyQuery(certifyId: string): Promise<{ passed: boolean }> {
    const r = await withRetry(() => this.exec('alipay.user.certify.open.query', { bizContent: { certify_id: certifyId } }), {
      attempts: 2,
      baseDelayMs: 100,
      retryable: retryTransient,
    });
    if (r.code !== '10000') throw new UpstreamError(SYSTEM, 'protocol', `certify.query: ${r.code} ${r.subCode} ${r.subMsg}`);
    return { passed: r.passed === 'T' };
  }

  /**
   * One subscription message (`alipay.open.app.mini.templatemessage.send`, granted by
   * my.requestSubscribeMessage). Business failures (40004: not subscribed, grant used up, template
   * not taken) and argument errors (40002) are outcomes and not retried; busy (20000) and transport
   * trouble throw so the caller retries later.
   */
  async sendTemplateMessage(input: { toUserId: string; userTemplateId: string; page?: string | null; data: Record<string, { value: string }> }): Promise<SubscribeSendOutcome> {
    const r = await this.exec('alipay.open.app.mini.templatemessage.send', {
      bizContent: {
        to_user_id: input.toUserId,
        user_template_id: input.userTemplateId,
        ...(input.page ? { page: input.page } : {}),
        data: JSON.stringify(input.data),
      },
    });
    if (r.code === '10000') return { result: 'sent' };
    const sub = String(r.subCode ?? r.code ?? '');
    if (r.code === '40004') return { result: /TEMPLATE/.test(sub) ? 'invalid_data' : 'refused', errcode: sub };
    if (r.code === '40002') return { result: /to-user/.test(sub) ? 'invalid_user' : 'invalid_data', errcode: sub };
    throw new UpstreamError(SYSTEM, 'protocol', `templatemessage.send: ${r.code} ${sub} ${r.subMsg ?? ''}`);
  }
  // ── trade (小程序支付: alipay.trade.create → my.tradePay) ──────────────────

  /** Creates the trade my.tradePay pays; the same out_trade_no again returns the same trade_no. */
  async tradeCreate(input: { outTradeNo: string; amountFen: number; subject: string; buyerId: string; expiresAt: number; notifyUrl: string }): Promise<{ tradeNo: string }> {
    const r = await this.exec('alipay.trade.create', {
      notifyUrl: input.notifyUrl,
      bizContent: {
        out_trade_no: input.outTradeNo,
        total_amount: fenToYuanString(input.amountFen),
        subject: input.subject,
        buyer_id: input.buyerId,
        product_code: 'JSAPI_PAY',
        op_app_id: this.cfg.appId,
        time_expire: cstDateTime(input.expiresAt),
      },
    });
    if (r.code !== '10000' || typeof r.tradeNo !== 'string') throw new AlipayTradeError('alipay.trade.create', r);
    return { tradeNo: r.tradeNo };
  }

  /** null when Alipay never saw the trade. */
  async tradeQuery(outTradeNo: string): Promise<AlipayTrade | null> {
    const r = await withRetry(() => this.exec('alipay.trade.query', { bizContent: { out_trade_no: outTradeNo } }), { attempts: 2, baseDelayMs: 100, retryable: retryTransient });
    if (r.code !== '10000') {
      if (r.subCode === 'ACQ.TRADE_NOT_EXIST') return null;
      throw new AlipayTradeError('alipay.trade.query', r);
    }
    const fen = parseYuanToFen(String(r.totalAmount ?? ''));
    return {
      tradeNo: String(r.tradeNo ?? ''),
      status: String(r.tradeStatus ?? '') as AlipayTrade['status'],
      totalFen: fen ?? -1,
      paidAt: typeof r.sendPayDate === 'string' ? parseCst(r.sendPayDate) : null,
    };
  }

  /** Closes an unpaid trade; 'paid' when it was paid meanwhile. */
  async tradeClose(outTradeNo: string): Promise<'closed' | 'paid' | 'unknown'> {
    const r = await this.exec('alipay.trade.close', { bizContent: { out_trade_no: outTradeNo } });
    if (r.code === '10000') return 'closed';
    if (r.subCode === 'ACQ.TRADE_NOT_EXIST') return 'unknown';
    if (r.subCode === 'ACQ.TRADE_STATUS_ERROR') {
      const t = await this.tradeQuery(outTradeNo);
      return t && (t.status === 'TRADE_SUCCESS' || t.status === 'TRADE_FINISHED') ? 'paid' : 'closed';
    }
    throw new AlipayTradeError('alipay.trade.close', r);
  }

  /** Alipay refunds synchronously: 10000 means the money went back (idempotent on out_request_no). */
  async tradeRefund(input: { outTradeNo: string; outRequestNo: string; amountFen: number; reason: string }): Promise<{ tradeNo: string; refundedAt: number }> {
    const r = await this.exec('alipay.trade.refund', {
      bizContent: { out_trade_no: input.outTradeNo, out_request_no: input.outRequestNo, refund_amount: fenToYuanString(input.amountFen), refund_reason: input.reason },
    });
    if (r.code !== '10000') throw new AlipayTradeError('alipay.trade.refund', r);
    return { tradeNo: String(r.tradeNo ?? ''), refundedAt: (typeof r.gmtRefundPay === 'string' ? parseCst(r.gmtRefundPay) : null) ?? Date.now() };
  }

  /** null when Alipay has no such refund (the request never reached it). */
  async refundQuery(outTradeNo: string, outRequestNo: string): Promise<{ amountFen: number; at: number | null } | null> {
    const r = await this.exec('alipay.trade.fastpay.refund.query', { bizContent: { out_trade_no: outTradeNo, out_request_no: outRequestNo } });
    if (r.code !== '10000') throw new AlipayTradeError('alipay.trade.fastpay.refund.query', r);
    if (r.refundStatus !== 'REFUND_SUCCESS') return null;
    return { amountFen: parseYuanToFen(String(r.refundAmount ?? '')) ?? -1, at: typeof r.gmtRefundPay === 'string' ? parseCst(r.gmtRefundPay) : null };
  }

  /**
   * The trade bill (业务明细) of a past China day: `alipay.data.dataservice.bill.downloadurl.query`
   * (bill_type `trade`) gives a URL valid for 30 s; the zip behind it holds GBK CSVs. null when
   * Alipay has no bill for that day (no trades). The file itself is not signed; the URL came in a
   * signed answer.
   */
  async tradeBill(billDate: string): Promise<AlipayBillRow[] | null> {
    const r = await withRetry(() => this.exec('alipay.data.dataservice.bill.downloadurl.query', { bizContent: { bill_type: 'trade', bill_date: billDate } }), {
      attempts: 2,
      baseDelayMs: 100,
      retryable: retryTransient,
    });
    if (r.code !== '10000') {
      if (r.subCode === 'isp.bill_not_exist') return null;
      throw new UpstreamError(SYSTEM, 'protocol', `bill.downloadurl.query: ${r.code} ${r.subCode ?? ''} ${r.subMsg ?? ''}`);
    }
    const url = typeof r.billDownloadUrl === 'string' ? r.billDownloadUrl : '';
    if (!url) throw new UpstreamError(SYSTEM, 'protocol', 'bill.downloadurl.query answered without bill_download_url');
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.cfg.timeoutMs * 4) });
    } catch (err) {
      throw new UpstreamError(SYSTEM, (err as Error)?.name === 'TimeoutError' ? 'timeout' : 'network', 'bill download failed', err);
    }
    const data = Buffer.from(await res.arrayBuffer());
    // An expired link answers 200 with an HTML page ("下载超时"), not a zip.
    if (res.status !== 200 || data.subarray(0, 2).toString('latin1') !== 'PK') throw new UpstreamError(SYSTEM, 'http', `bill download: HTTP ${res.status}, not a zip`);
    try {
      return parseAlipayTradeBill(await unzipAlipayTradeBill(data));
    } catch (err) {
      if (err instanceof AlipayBillFormatError) throw new UpstreamError(SYSTEM, 'protocol', err.message, err);
      throw err;
    }
  }

  /**
   * An asynchronous notification's RSA2 signature (Alipay's key, over the sorted parameters
   * without sign/sign_type, values as received): the SDK's checkNotifySignV2.
   */
  verifyNotify(params: Record<string, string>): boolean {
    try {
      return this.sdk.checkNotifySignV2(params);
    } catch {
      return false;
    }
  }
}

export interface AlipayTrade {
  tradeNo: string;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED' | 'TRADE_FINISHED';
  totalFen: number;
  paidAt: number | null;
}

/** A business answer of a trade method that is not success (code 40004 …). */
export class AlipayTradeError extends Error {
  readonly subCode: string;
  constructor(method: string, r: GatewayResult) {
    super(`${method}: ${r.code} ${r.subCode ?? ''} ${r.subMsg ?? r.msg ?? ''}`);
    this.name = 'AlipayTradeError';
    this.subCode = String(r.subCode ?? r.code ?? 'UNKNOWN');
  }
}

/** Alipay writes times as `yyyy-MM-dd HH:mm:ss` China time. */
export function parseCst(s: string): number | null {
  const t = Date.parse(`${s.replace(' ', 'T')}+08:00`);
  return Number.isFinite(t) ? t : null;
}

function cstDateTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}
