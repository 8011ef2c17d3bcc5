import Router from '@koa/router';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type Koa from 'koa';
import { isValidOutTradeNo } from '@qdssc/shared';
import { formatTradeBill, type TradeBillRow } from '../../src/adapters/wechat-pay/trade-bill';
import {
  cstDate,
  nonceStr,
  parseAuthorization,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
  toCstRfc3339,
  verifyPaySign,
  WECHATPAY_SKEW_SECONDS,
} from '../../src/adapters/wechat-pay/wechat-pay.crypto';
import type { TradeState, WxRefund, WxRefundStatus, WxTransaction } from '../../src/adapters/wechat-pay/wechat-pay.types';
import { sleep } from '../faults';
import type { SandboxContext } from '../sandbox-context';
import { Notifier, type Notice, type NoticeVariant, type NotifyFault } from './wechat-pay.notifier';

export interface WechatPayCredentials {
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPrivateKey: string;
  merchantPublicKey: string;
  platformSerial: string;
  platformPrivateKey: string;
  platformPublicKey: string;
  apiV3Key: string;
}

interface TwinTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  totalFen: number;
  openid: string;
  notifyUrl: string;
  attach: string;
  timeExpire: number | null;
  prepayId: string;
  prepayAt: number;
  /** The prepay's content, to tell a retry (same prepay_id) from a reuse of the number (OUT_TRADE_NO_USED). */
  fingerprint: string;
  state: TradeState;
  transactionId: string | null;
  successTime: number | null;
  refundedFen: number;
}

interface TwinRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl: string | null;
  status: WxRefundStatus;
  createTime: number;
  successTime: number | null;
}

export interface WechatPayTwinSettings {
  /** Divides the notification retry schedule (1 = real time; 3600 = a day of retries in 24 s). */
  notifyTimeScale: number;
  /** How long a refund stays PROCESSING before it settles (real ms). */
  refundDelayMs: number;
  /** What a refund settles to. */
  refundOutcome: 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  /** Whether paying (or settling a refund) posts a notification by itself. */
  autoNotify: boolean;
}

function defaults(): WechatPayTwinSettings {
  return {
    notifyTimeScale: Number(process.env.SANDBOX_WECHATPAY_TIME_SCALE ?? 1) || 1,
    refundDelayMs: Number(process.env.SANDBOX_WECHATPAY_REFUND_DELAY_MS ?? 1000),
    refundOutcome: 'SUCCESS',
    autoNotify: true,
  };
}

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const compactCst = (ms: number) => toCstRfc3339(ms).slice(0, 19).replace(/[-T:]/g, '');

/**
 * WeChat Pay API v3 twin (direct merchant): JSAPI prepay, query, close, refund, refund query,
 * trade bill and its download, with the real paths, signatures both ways, error codes and
 * notification behaviour (signed, sealed, retried on the real schedule). Control endpoints
 * under `/sandbox/wechatpay` stand in for the payer's phone (the payment sheet) and let tests
 * spoil, hold, drop or duplicate notifications.
 *
 * Differences from the real service, on purpose: notify_url may be plain http (it is localhost
 * here); the bill of the current day is refused like the real one (only past days), but there is
 * no 10:00 cut-over for yesterday's bill.
 */
export function wechatPayTwin(sc: SandboxContext) {
  const creds = sc.credentials.wechatPay as WechatPayCredentials;
  const merchantKey: KeyObject = createPublicKey(creds.merchantPublicKey);
  const platformKey: KeyObject = createPrivateKey(creds.platformPrivateKey);
  const settings: WechatPayTwinSettings = defaults();
  const txns = new Map<string, TwinTransaction>();
  const byPrepay = new Map<string, string>();
  const refunds = new Map<string, TwinRefund>();
  const billFiles = new Map<string, { data: Buffer; expiresAt: number }>();
  const notifier = new Notifier({
    platformKey,
    platformSerial: creds.platformSerial,
    apiV3Key: creds.apiV3Key,
    now: sc.now,
    timeScale: () => settings.notifyTimeScale,
  });

  const r = new Router({ prefix: '/wechatpay' });

  /** Every answer is signed with the platform key, like the real one (204s included). */
  const answer = (ctx: Koa.Context, status: number, body?: unknown, opts: { key?: KeyObject; at?: number } = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const ts = String(Math.floor((opts.at ?? sc.now()) / 1000));
    const nonce = nonceStr();
    ctx.status = status;
    ctx.set('Request-ID', `sbx-${randomBytes(8).toString('hex')}`);
    ctx.set('Wechatpay-Timestamp', ts);
    ctx.set('Wechatpay-Nonce', nonce);
    ctx.set('Wechatpay-Serial', creds.platformSerial);
    ctx.set('Wechatpay-Signature', rsaSign(opts.key ?? platformKey, responseMessage(ts, nonce, text)));
    if (body === undefined) {
      ctx.body = null;
      ctx.status = status;
    } else {
      ctx.type = 'application/json';
      ctx.body = text;
    }
  };
  const error = (ctx: Koa.Context, status: number, code: string, message: string) => answer(ctx, status, { code, message });

  /** Checks the merchant's Authorization header exactly as the real gateway does; false after answering. */
  const authorized = (ctx: Koa.Context): boolean => {
    const auth = parseAuthorization(ctx.get('authorization'));
    if (!auth) {
      error(ctx, 401, 'SIGN_ERROR', 'Authorization 头缺失或格式错误');
      return false;
    }
    if (auth.mchid !== creds.mchid) {
      error(ctx, 400, 'MCH_NOT_EXISTS', '商户号不存在');
      return false;
    }
    if (auth.serial_no.toUpperCase() !== creds.merchantSerial.toUpperCase()) {
      error(ctx, 401, 'SIGN_ERROR', '商户证书序列号有误');
      return false;
    }
    if (Math.abs(Number(auth.timestamp) - sc.now() / 1000) > WECHATPAY_SKEW_SECONDS) {
      error(ctx, 401, 'SIGN_ERROR', '请求时间戳已过期');
      return false;
    }
    const raw = (ctx.state.rawBody as Buffer | undefined)?.toString('utf8') ?? '';
    if (!rsaVerify(merchantKey, requestMessage(ctx.method, ctx.originalUrl, auth.timestamp, auth.nonce_str, raw), auth.signature)) {
      error(ctx, 401, 'SIGN_ERROR', '签名错误');
      return false;
    }
    return true;
  };

  /** Consumes a FaultBook entry for `wechatpay:<api>`; true when the fault already answered. */
  const faulted = async (ctx: Koa.Context, api: string): Promise<{ done: boolean; key?: KeyObject; at?: number }> => {
    const f = sc.faults.take('wechatpay', api);
    if (!f) return { done: false };
    if (f.mode === 'timeout') await sleep(f.delayMs ?? 30_000);
    if (f.mode === 'http500') {
      ctx.status = 502;
      ctx.type = 'text/html';
      ctx.body = '<html><body>502 Bad Gateway</body></html>';
      return { done: true };
    }
    if (f.mode === 'busy') {
      error(ctx, 500, 'SYSTEM_ERROR', '系统错误');
      return { done: true };
    }
    if (f.mode === 'bad-signature') return { done: false, key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey };
    if (f.mode === 'stale-timestamp') return { done: false, at: sc.now() - 10 * 60_000 };
    return { done: false };
  };

  const view = (t: TwinTransaction): WxTransaction => ({
    appid: t.appid,
    mchid: t.mchid,
    out_trade_no: t.outTradeNo,
    ...(t.transactionId ? { transaction_id: t.transactionId } : {}),
    trade_type: 'JSAPI',
    trade_state: t.state,
    trade_state_desc: { SUCCESS: '支付成功', REFUND: '转入退款', NOTPAY: '未支付', CLOSED: '已关闭', REVOKED: '已撤销', USERPAYING: '用户支付中', PAYERROR: '支付失败' }[t.state],
    ...(t.transactionId ? { bank_type: 'OTHERS' } : {}),
    attach: t.attach,
    ...(t.successTime ? { success_time: toCstRfc3339(t.successTime) } : {}),
    payer: { openid: t.openid },
    amount: t.transactionId ? { total: t.totalFen, payer_total: t.totalFen, currency: 'CNY', payer_currency: 'CNY' } : { total: t.totalFen, currency: 'CNY' },
  });

  const refundView = (f: TwinRefund): WxRefund => ({
    refund_id: f.refundId,
    out_refund_no: f.outRefundNo,
    transaction_id: f.transactionId,
    out_trade_no: f.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(f.successTime ? { success_time: toCstRfc3339(f.successTime) } : {}),
    create_time: toCstRfc3339(f.createTime),
    status: f.status,
    funds_account: 'AVAILABLE',
    amount: { total: f.totalFen, refund: f.refundFen, payer_total: f.totalFen, payer_refund: f.refundFen, settlement_refund: f.refundFen, settlement_total: f.totalFen, discount_refund: 0, currency: 'CNY' },
  });

  const paymentNotice = (t: TwinTransaction): Notice => ({
    url: t.notifyUrl,
    eventType: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    originalType: 'transaction',
    resource: view({ ...t, state: 'SUCCESS' }) as unknown as Record<string, unknown>,
  });

  const refundNotice = (f: TwinRefund): Notice => ({
    url: f.notifyUrl ?? '',
    eventType: `REFUND.${f.status}`,
    summary: { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭', PROCESSING: '退款处理中' }[f.status],
    originalType: 'refund',
    resource: {
      mchid: creds.mchid,
      out_trade_no: f.outTradeNo,
      transaction_id: f.transactionId,
      out_refund_no: f.outRefundNo,
      refund_id: f.refundId,
      refund_status: f.status,
      ...(f.successTime ? { success_time: toCstRfc3339(f.successTime) } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: f.totalFen, refund: f.refundFen, payer_total: f.totalFen, payer_refund: f.refundFen },
    },
  });

  /** An unpaid order past its time_expire is closed by WeChat Pay itself. */
  const expire = (t: TwinTransaction) => {
    if (t.state === 'NOTPAY' && t.timeExpire !== null && sc.now() > t.timeExpire) t.state = 'CLOSED';
  };

  r.post('/v3/pay/transactions/jsapi', async (ctx) => {
    const f = await faulted(ctx, 'jsapi');
    if (f.done || !authorized(ctx)) return;
    const b = (ctx.request.body ?? {}) as Record<string, any>;
    if (b.mchid !== creds.mchid) return error(ctx, 400, 'PARAM_ERROR', 'mchid 与请求头不一致');
    if (b.appid !== creds.appid) return error(ctx, 400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (typeof b.description !== 'string' || b.description.length < 1 || Buffer.byteLength(b.description) > 127) return error(ctx, 400, 'PARAM_ERROR', 'description 长度不合法');
    if (typeof b.out_trade_no !== 'string' || !isValidOutTradeNo(b.out_trade_no)) return error(ctx, 400, 'PARAM_ERROR', 'out_trade_no 格式不合法，应为6-32位数字、字母或_-|*');
    if (!Number.isSafeInteger(b.amount?.total) || b.amount.total < 1) return error(ctx, 400, 'PARAM_ERROR', 'amount.total 必须为正整数（分）');
    if ((b.amount.currency ?? 'CNY') !== 'CNY') return error(ctx, 400, 'PARAM_ERROR', '仅支持 CNY');
    if (typeof b.payer?.openid !== 'string' || !b.payer.openid) return error(ctx, 400, 'PARAM_ERROR', 'payer.openid 缺失');
    if (typeof b.notify_url !== 'string' || !/^https?:\/\/[^\s?#]+$/.test(b.notify_url)) return error(ctx, 400, 'PARAM_ERROR', 'notify_url 不合法（不能带参数）');
    const timeExpire = b.time_expire ? Date.parse(b.time_expire) : null;
    if (b.time_expire && Number.isNaN(timeExpire)) return error(ctx, 400, 'PARAM_ERROR', 'time_expire 格式不合法');
    const fingerprint = JSON.stringify([b.description, b.amount.total, b.payer.openid, b.attach ?? '']);
    const key = `${b.mchid}:${b.out_trade_no}`;
    const existing = txns.get(key);
    if (existing) {
      expire(existing);
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return error(ctx, 403, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return error(ctx, 400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.fingerprint !== fingerprint) return error(ctx, 403, 'OUT_TRADE_NO_USED', '商户订单号重复');
      return answer(ctx, 200, { prepay_id: existing.prepayId }, f);
    }
    const prepayId = `wx${compactCst(sc.now())}${randomBytes(10).toString('hex')}`;
    txns.set(key, {
      appid: b.appid, mchid: b.mchid, outTradeNo: b.out_trade_no, description: b.description, totalFen: b.amount.total, openid: b.payer.openid,
      notifyUrl: b.notify_url, attach: b.attach ?? '', timeExpire, prepayId, prepayAt: sc.now(), fingerprint, state: 'NOTPAY',
      transactionId: null, successTime: null, refundedFen: 0,
    });
    byPrepay.set(prepayId, key);
    answer(ctx, 200, { prepay_id: prepayId }, f);
  });

  r.get('/v3/pay/transactions/out-trade-no/:no', async (ctx) => {
    const f = await faulted(ctx, 'query');
    if (f.done || !authorized(ctx)) return;
    if (ctx.query.mchid !== creds.mchid) return error(ctx, 400, 'PARAM_ERROR', 'mchid 不合法');
    const t = txns.get(`${creds.mchid}:${ctx.params.no}`);
    if (!t) return error(ctx, 404, 'ORDER_NOT_EXIST', '订单不存在');
    expire(t);
    answer(ctx, 200, view(t), f);
  });

  r.post('/v3/pay/transactions/out-trade-no/:no/close', async (ctx) => {
    const f = await faulted(ctx, 'close');
    if (f.done || !authorized(ctx)) return;
    const b = (ctx.request.body ?? {}) as Record<string, any>;
    if (b.mchid !== creds.mchid) return error(ctx, 400, 'PARAM_ERROR', 'mchid 不合法');
    const t = txns.get(`${creds.mchid}:${ctx.params.no}`);
    // The real API answers 204 for unknown and already closed orders alike.
    if (t) {
      if (t.state === 'SUCCESS' || t.state === 'REFUND') return error(ctx, 400, 'ORDERPAID', '订单已支付，不能关闭');
      t.state = 'CLOSED';
    }
    answer(ctx, 204, undefined, f);
  });

  const settleRefund = (f: TwinRefund) => {
    if (f.status !== 'PROCESSING') return;
    f.status = settings.refundOutcome;
    const t = txns.get(`${creds.mchid}:${f.outTradeNo}`);
    if (f.status === 'SUCCESS') f.successTime = sc.now();
    else if (t && f.status === 'CLOSED') t.refundedFen -= f.refundFen; // a closed refund gives its amount back; an abnormal one is still owed to the payer
    if (settings.autoNotify && f.notifyUrl) notifier.schedule(refundNotice(f));
  };

  r.post('/v3/refund/domestic/refunds', async (ctx) => {
    const fault = await faulted(ctx, 'refund');
    if (fault.done || !authorized(ctx)) return;
    const b = (ctx.request.body ?? {}) as Record<string, any>;
    if (typeof b.out_refund_no !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(b.out_refund_no)) return error(ctx, 400, 'PARAM_ERROR', 'out_refund_no 不合法');
    const t = b.out_trade_no ? txns.get(`${creds.mchid}:${b.out_trade_no}`) : [...txns.values()].find((x) => x.transactionId === b.transaction_id);
    if (!t) return error(ctx, 404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const existing = refunds.get(b.out_refund_no);
    if (existing) {
      if (existing.outTradeNo !== t.outTradeNo || existing.refundFen !== b.amount?.refund) return error(ctx, 400, 'INVALID_REQUEST', '商户退款单号已用于其他退款');
      return answer(ctx, 200, refundView(existing), fault);
    }
    if (t.state !== 'SUCCESS' && t.state !== 'REFUND') return error(ctx, 400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (!Number.isSafeInteger(b.amount?.refund) || b.amount.refund < 1) return error(ctx, 400, 'PARAM_ERROR', 'amount.refund 必须为正整数（分）');
    if (b.amount.total !== t.totalFen) return error(ctx, 400, 'PARAM_ERROR', 'amount.total 与原订单金额不一致');
    if (t.refundedFen + b.amount.refund > t.totalFen) return error(ctx, 400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    if (sc.now() - (t.successTime ?? 0) > 365 * 24 * 3600_000) return error(ctx, 400, 'INVALID_REQUEST', '订单已超过退款期限');
    const f: TwinRefund = {
      refundId: `50${digits(8)}${compactCst(sc.now()).slice(0, 8)}${digits(11)}`,
      outRefundNo: b.out_refund_no, outTradeNo: t.outTradeNo, transactionId: t.transactionId ?? '', refundFen: b.amount.refund, totalFen: t.totalFen,
      reason: b.reason ?? '', notifyUrl: typeof b.notify_url === 'string' ? b.notify_url : t.notifyUrl, status: 'PROCESSING', createTime: sc.now(), successTime: null,
    };
    refunds.set(f.outRefundNo, f);
    t.refundedFen += f.refundFen;
    t.state = 'REFUND';
    setTimeout(() => settleRefund(f), settings.refundDelayMs).unref();
    answer(ctx, 200, refundView(f), fault);
  });

  r.get('/v3/refund/domestic/refunds/:no', async (ctx) => {
    const fault = await faulted(ctx, 'refund-query');
    if (fault.done || !authorized(ctx)) return;
    const f = refunds.get(ctx.params.no);
    if (!f) return error(ctx, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    answer(ctx, 200, refundView(f), fault);
  });

  /** The bill of a China calendar day: payments that succeeded and refunds that settled that day. */
  const billRows = (date: string): TradeBillRow[] => {
    const rows: TradeBillRow[] = [];
    const at = (ms: number) => toCstRfc3339(ms).slice(0, 19).replace('T', ' ');
    for (const t of txns.values()) {
      if (t.successTime === null || cstDate(t.successTime) !== date) continue;
      rows.push({
        tradeTime: at(t.successTime), appid: t.appid, mchid: t.mchid, transactionId: t.transactionId ?? '', outTradeNo: t.outTradeNo, openid: t.openid,
        tradeType: 'JSAPI', tradeState: 'SUCCESS', bankType: 'OTHERS', settlementFen: t.totalFen, refundId: '', outRefundNo: '', refundFen: 0,
        refundStatus: '', description: t.description, attach: t.attach, orderFen: t.totalFen, requestedRefundFen: 0,
      });
    }
    for (const f of refunds.values()) {
      if (f.status !== 'SUCCESS' || f.successTime === null || cstDate(f.successTime) !== date) continue;
      const t = txns.get(`${creds.mchid}:${f.outTradeNo}`)!;
      rows.push({
        tradeTime: at(f.successTime), appid: t.appid, mchid: t.mchid, transactionId: f.transactionId, outTradeNo: f.outTradeNo, openid: t.openid,
        tradeType: 'JSAPI', tradeState: 'REFUND', bankType: 'OTHERS', settlementFen: 0, refundId: f.refundId, outRefundNo: f.outRefundNo, refundFen: f.refundFen,
        refundStatus: 'SUCCESS', description: t.description, attach: t.attach, orderFen: 0, requestedRefundFen: f.refundFen,
      });
    }
    return rows.sort((a, b) => a.tradeTime.localeCompare(b.tradeTime));
  };

  r.get('/v3/bill/tradebill', async (ctx) => {
    const fault = await faulted(ctx, 'tradebill');
    if (fault.done || !authorized(ctx)) return;
    const date = String(ctx.query.bill_date ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return error(ctx, 400, 'PARAM_ERROR', 'bill_date 格式应为 yyyy-MM-dd');
    if (date >= cstDate(sc.now())) return error(ctx, 400, 'INVALID_REQUEST', '账单日期不合法：只能下载今天以前的账单');
    const rows = billRows(date);
    if (!rows.length) return error(ctx, 400, 'NO_STATEMENT_EXIST', '账单文件不存在');
    const text = Buffer.from(formatTradeBill(rows), 'utf8');
    const data = ctx.query.tar_type === 'GZIP' ? gzipSync(text) : text;
    const token = randomBytes(24).toString('base64url');
    billFiles.set(token, { data, expiresAt: sc.now() + 5 * 60_000 });
    answer(ctx, 200, { hash_type: 'SHA1', hash_value: createHash('sha1').update(data).digest('hex'), download_url: `${ctx.protocol}://${ctx.host}/wechatpay/v3/billdownload/file?token=${token}` }, fault);
  });

  r.get('/v3/billdownload/file', async (ctx) => {
    if (!authorized(ctx)) return;
    const file = billFiles.get(String(ctx.query.token ?? ''));
    if (!file || file.expiresAt < sc.now()) return error(ctx, 400, 'INVALID_REQUEST', '下载链接已失效');
    // The file stream is not signed; the client checks the SHA1 the bill API announced.
    ctx.type = 'application/octet-stream';
    ctx.body = file.data;
  });

  const control = new Router({ prefix: '/sandbox/wechatpay' });

  /**
   * The payer's phone: `wx.requestPayment` with the parameters the merchant signed. The
   * WeChat client checks paySign with the merchant's key and the prepay, then the payer confirms
   * (`pay`) or closes the sheet (`cancel`).
   */
  control.post('/request-payment', async (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, any>;
    const reply = (status: number, body: unknown) => {
      ctx.status = status;
      ctx.body = body;
    };
    if (b.appId !== creds.appid || b.signType !== 'RSA' || typeof b.package !== 'string') return reply(400, { errMsg: 'requestPayment:fail invalid params' });
    if (!verifyPaySign(merchantKey, b as never)) return reply(400, { errMsg: 'requestPayment:fail 签名错误' });
    const key = byPrepay.get(String(b.package).replace(/^prepay_id=/, ''));
    const t = key ? txns.get(key) : undefined;
    if (!t) return reply(400, { errMsg: 'requestPayment:fail prepay_id 无效' });
    if (sc.now() - t.prepayAt > 2 * 3600_000) return reply(400, { errMsg: 'requestPayment:fail prepay_id 已过期' });
    expire(t);
    if (b.action === 'cancel') return reply(200, { errMsg: 'requestPayment:fail cancel', result: 'cancelled' });
    if (t.state === 'CLOSED') return reply(409, { errMsg: 'requestPayment:fail 订单已关闭', code: 'ORDER_CLOSED' });
    if (t.state === 'SUCCESS' || t.state === 'REFUND') return reply(409, { errMsg: 'requestPayment:fail 订单已支付', code: 'ORDERPAID' });
    t.state = 'SUCCESS';
    t.transactionId = `420000${digits(4)}${compactCst(sc.now()).slice(0, 8)}${digits(10)}`;
    t.successTime = sc.now();
    if (settings.autoNotify && b.notify !== false) notifier.schedule(paymentNotice(t));
    reply(200, { errMsg: 'requestPayment:ok', result: 'paid', out_trade_no: t.outTradeNo, transaction_id: t.transactionId });
  });

  control.get('/transactions/:no', (ctx) => {
    const t = txns.get(`${creds.mchid}:${ctx.params.no}`);
    if (!t) {
      ctx.status = 404;
      ctx.body = { error: 'no such transaction' };
      return;
    }
    expire(t);
    ctx.body = { ...view(t), refunded_fen: t.refundedFen, prepay_id: t.prepayId, refunds: [...refunds.values()].filter((f) => f.outTradeNo === t.outTradeNo).map(refundView) };
  });

  /** Sends a notification for a transaction or refund right now, `copies` at once, without retries. */
  control.post('/notifications/send', async (ctx) => {
    const b = (ctx.request.body ?? {}) as { out_trade_no?: string; out_refund_no?: string; copies?: number; variant?: NoticeVariant };
    let notice: Notice | undefined;
    if (b.out_refund_no) {
      const f = refunds.get(b.out_refund_no);
      if (f && f.status !== 'PROCESSING') notice = refundNotice(f);
    } else if (b.out_trade_no) {
      const t = txns.get(`${creds.mchid}:${b.out_trade_no}`);
      if (t?.transactionId) notice = paymentNotice(t);
    }
    if (!notice) {
      ctx.status = 404;
      ctx.body = { error: 'nothing to notify (unknown, unpaid or still processing)' };
      return;
    }
    const n = notice;
    const copies = Math.min(Math.max(1, b.copies ?? 1), 1000);
    ctx.body = { statuses: await Promise.all(Array.from({ length: copies }, () => notifier.deliverOnce(n, b.variant ?? 'valid'))) };
  });

  /** The signed request a real notification would be, without sending it (tests post it themselves). */
  control.post('/notifications/build', (ctx) => {
    const b = (ctx.request.body ?? {}) as { out_trade_no?: string; out_refund_no?: string; variant?: NoticeVariant };
    const f = b.out_refund_no ? refunds.get(b.out_refund_no) : undefined;
    const t = b.out_trade_no ? txns.get(`${creds.mchid}:${b.out_trade_no}`) : undefined;
    const notice = f && f.status !== 'PROCESSING' ? refundNotice(f) : t?.transactionId ? paymentNotice(t) : undefined;
    if (!notice) {
      ctx.status = 404;
      ctx.body = { error: 'nothing to notify' };
      return;
    }
    ctx.body = { url: notice.url, ...notifier.build(notice, b.variant ?? 'valid') };
  });

  control.post('/notify-faults', (ctx) => {
    const f = ctx.request.body as NotifyFault;
    if (!f?.mode || !f?.event) {
      ctx.status = 400;
      ctx.body = { error: 'event and mode required' };
      return;
    }
    notifier.addFault({ ...f, times: f.times ?? 1 });
    ctx.body = { ok: true };
  });
  control.delete('/notify-faults', (ctx) => {
    notifier.clearFaults();
    ctx.body = { ok: true };
  });

  control.get('/deliveries', (ctx) => {
    const key = ctx.query.key ? String(ctx.query.key) : undefined;
    ctx.body = { deliveries: notifier.deliveries.filter((d) => !key || d.key === key) };
  });

  control.post('/config', (ctx) => {
    const b = (ctx.request.body ?? {}) as Partial<WechatPayTwinSettings>;
    if (b.notifyTimeScale !== undefined) settings.notifyTimeScale = Math.max(1e-6, Number(b.notifyTimeScale));
    if (b.refundDelayMs !== undefined) settings.refundDelayMs = Math.max(0, Number(b.refundDelayMs));
    if (b.refundOutcome) settings.refundOutcome = b.refundOutcome;
    if (b.autoNotify !== undefined) settings.autoNotify = Boolean(b.autoNotify);
    ctx.body = settings;
  });
  control.delete('/config', (ctx) => {
    Object.assign(settings, defaults());
    ctx.body = settings;
  });

  return [r, control];
}
