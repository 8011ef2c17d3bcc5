import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import Router from '@koa/router';
import { fenToYuanString, parseYuanToFen } from '@qdssc/shared';
import { formatAlipayTradeBill, zipAlipayTradeBill, type AlipayBillRow } from '../../src/adapters/alipay/alipay-trade-bill';
import type { SandboxContext } from '../sandbox-context';
import { businessFailed, invalidArguments } from './alipay-gateway';
import type { AlipayApiHandler } from './alipay.twin';

/**
 * The Alipay trade twin: `alipay.trade.create` (for my.tradePay), query, close, refund,
 * `alipay.trade.fastpay.refund.query`, and the asynchronous notification (`trade_status_sync`)
 * posted as a form to the request's `notify_url`, signed RSA2 with Alipay's key over the
 * sorted `k=v` pairs without `sign` and `sign_type`. Anything but the text `success` is
 * retried on Alipay's schedule (4m, 10m, 10m, 1h, 2h, 6h, 15h), divided by `notifyTimeScale`.
 */

export const ALIPAY_NOTIFY_SCHEDULE_SECONDS = [240, 600, 600, 3600, 7200, 21600, 54000];


export type AlipayNoticeVariant = 'valid' | 'forged' | 'tampered' | 'wrong-app' | 'wrong-seller' | 'unsigned';

interface Trade {
  tradeNo: string;
  outTradeNo: string;
  totalFen: number;
  subject: string;
  buyerId: string;
  appId: string;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED' | 'TRADE_FINISHED';
  notifyUrl: string | null;
  createdAt: number;
  paidAt: number | null;
  refundedFen: number;
  refunds: Map<string, { amountFen: number; at: number }>;
}

interface NotifyFault {
  mode: 'duplicate' | 'drop' | 'hold' | AlipayNoticeVariant;
  copies?: number;
  holdMs?: number;
  times: number;
}

export interface AlipayTradeState {
  trades: Map<string, Trade>;
  byTradeNo: Map<string, string>;
  faults: NotifyFault[];
  deliveries: { outTradeNo: string; variant: AlipayNoticeVariant; status: number; answer: string; attempt: number }[];
  config: { notifyTimeScale: number; autoNotify: boolean };
  /** Bill zips handed out by `alipay.data.dataservice.bill.downloadurl.query`, by token. */
  billFiles: Map<string, { data: Buffer; name: string; expiresAt: number }>;
}

const states = new WeakMap<SandboxContext, AlipayTradeState>();
export function alipayTradeState(sc: SandboxContext): AlipayTradeState {
  let s = states.get(sc);
  if (!s) {
    const scale = Number(process.env.SANDBOX_ALIPAY_TIME_SCALE ?? process.env.SANDBOX_WECHATPAY_TIME_SCALE ?? 1);
    states.set(sc, (s = { trades: new Map(), byTradeNo: new Map(), faults: [], deliveries: [], billFiles: new Map(), config: { notifyTimeScale: scale > 0 ? scale : 1, autoNotify: true } }));
  }
  return s;
}

const cst = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

function findTrade(sc: SandboxContext, biz: Record<string, unknown>): Trade | undefined {
  const st = alipayTradeState(sc);
  const out = typeof biz.out_trade_no === 'string' ? biz.out_trade_no : typeof biz.trade_no === 'string' ? st.byTradeNo.get(biz.trade_no) : undefined;
  return out ? st.trades.get(out) : undefined;
}

const notExist = () => ({ error: businessFailed('ACQ.TRADE_NOT_EXIST', '交易不存在') });

const tradeCreate: AlipayApiHandler = ({ params, biz }, sc) => {
  const st = alipayTradeState(sc);
  const out = String(biz.out_trade_no ?? '');
  const fen = parseYuanToFen(String(biz.total_amount ?? ''));
  const buyer = String(biz.buyer_id ?? biz.buyer_open_id ?? '');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(out) || !biz.subject || !buyer) return { error: invalidArguments('isv.missing-required-arguments', '缺少必选参数') };
  if (fen === null || fen <= 0) return { error: invalidArguments('isv.invalid-parameter', 'total_amount 格式错误') };
  const prior = st.trades.get(out);
  if (prior) {
    if (prior.status === 'TRADE_SUCCESS' || prior.status === 'TRADE_FINISHED') return { error: businessFailed('ACQ.TRADE_HAS_SUCCESS', '交易已被支付') };
    if (prior.status === 'TRADE_CLOSED') return { error: businessFailed('ACQ.TRADE_HAS_CLOSE', '交易已经关闭') };
    if (prior.totalFen !== fen || prior.buyerId !== buyer) return { error: businessFailed('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改') };
    return { ok: { out_trade_no: out, trade_no: prior.tradeNo } };
  }
  const now = sc.now();
  const tradeNo = `${cst(now).slice(0, 10).replace(/-/g, '')}22001${randomBytes(8).readBigUInt64BE().toString().padStart(20, '0').slice(0, 18)}`;
  st.trades.set(out, { tradeNo, outTradeNo: out, totalFen: fen, subject: String(biz.subject), buyerId: buyer, appId: params.app_id, status: 'WAIT_BUYER_PAY', notifyUrl: params.notify_url || null, createdAt: now, paidAt: null, refundedFen: 0, refunds: new Map() });
  st.byTradeNo.set(tradeNo, out);
  return { ok: { out_trade_no: out, trade_no: tradeNo } };
};

const tradeQuery: AlipayApiHandler = ({ biz }, sc) => {
  const t = findTrade(sc, biz);
  if (!t) return notExist();
  return {
    ok: {
      trade_no: t.tradeNo,
      out_trade_no: t.outTradeNo,
      buyer_user_id: t.buyerId,
      trade_status: t.status,
      total_amount: fenToYuanString(t.totalFen),
      ...(t.paidAt ? { send_pay_date: cst(t.paidAt), receipt_amount: fenToYuanString(t.totalFen), buyer_pay_amount: fenToYuanString(t.totalFen) } : {}),
    },
  };
};

const tradeClose: AlipayApiHandler = ({ biz }, sc) => {
  const t = findTrade(sc, biz);
  if (!t) return notExist();
  if (t.status === 'TRADE_SUCCESS' || t.status === 'TRADE_FINISHED') return { error: businessFailed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法') };
  t.status = 'TRADE_CLOSED';
  return { ok: { trade_no: t.tradeNo, out_trade_no: t.outTradeNo } };
};

const tradeRefund: AlipayApiHandler = ({ biz }, sc) => {
  const t = findTrade(sc, biz);
  if (!t) return notExist();
  const fen = parseYuanToFen(String(biz.refund_amount ?? ''));
  const reqNo = String(biz.out_request_no ?? t.outTradeNo);
  if (fen === null || fen <= 0) return { error: invalidArguments('isv.invalid-parameter', 'refund_amount 格式错误') };
  const prior = t.refunds.get(reqNo);
  const base = { trade_no: t.tradeNo, out_trade_no: t.outTradeNo, buyer_user_id: t.buyerId, gmt_refund_pay: cst(sc.now()) };
  if (prior) {
    if (prior.amountFen !== fen) return { error: businessFailed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额与原请求不一致') };
    return { ok: { ...base, refund_fee: fenToYuanString(t.refundedFen), fund_change: 'N' } };
  }
  if (t.status !== 'TRADE_SUCCESS') return { error: businessFailed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法') };
  if (t.refundedFen + fen > t.totalFen) return { error: businessFailed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限') };
  t.refunds.set(reqNo, { amountFen: fen, at: sc.now() });
  t.refundedFen += fen;
  if (t.refundedFen === t.totalFen) t.status = 'TRADE_CLOSED';
  return { ok: { ...base, refund_fee: fenToYuanString(t.refundedFen), fund_change: 'Y' } };
};

const refundQuery: AlipayApiHandler = ({ biz }, sc) => {
  const t = findTrade(sc, biz);
  if (!t) return notExist();
  const r = t.refunds.get(String(biz.out_request_no ?? ''));
  // Alipay answers 10000 without refund fields for a refund it never received.
  if (!r) return { ok: { trade_no: t.tradeNo, out_trade_no: t.outTradeNo } };
  return { ok: { trade_no: t.tradeNo, out_trade_no: t.outTradeNo, out_request_no: biz.out_request_no, refund_amount: fenToYuanString(r.amountFen), total_amount: fenToYuanString(t.totalFen), refund_status: 'REFUND_SUCCESS', gmt_refund_pay: cst(r.at) } };
};

/** The day's trade bill rows: payments by the day they were paid, refunds by the day they went back. */
function billRows(sc: SandboxContext, billDate: string): AlipayBillRow[] {
  const rows: AlipayBillRow[] = [];
  for (const t of alipayTradeState(sc).trades.values()) {
    const base = { tradeNo: t.tradeNo, outTradeNo: t.outTradeNo, subject: t.subject, createdAt: cst(t.createdAt), orderFen: t.totalFen };
    if (t.paidAt && cst(t.paidAt).slice(0, 10) === billDate) rows.push({ ...base, kind: '交易', finishedAt: cst(t.paidAt), receivedFen: t.totalFen, outRequestNo: '' });
    for (const [reqNo, f] of t.refunds) {
      if (cst(f.at).slice(0, 10) === billDate) rows.push({ ...base, kind: '退款', finishedAt: cst(f.at), receivedFen: -f.amountFen, outRequestNo: reqNo });
    }
  }
  return rows.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
}

/**
 * alipay.data.dataservice.bill.downloadurl.query (bill_type `trade`, a past day): a download URL
 * valid for 30 s, as Alipay's; a day without trades has no bill (`isp.bill_not_exist`).
 */
const billDownloadUrlQuery: AlipayApiHandler = async ({ biz, baseUrl }, sc) => {
  const date = String(biz.bill_date ?? '');
  if (biz.bill_type !== 'trade' && biz.bill_type !== 'signcustomer') return { error: invalidArguments('isv.invalid-parameter', 'bill_type 参数不合法') };
  if (biz.bill_type !== 'trade') return { error: businessFailed('isp.bill_not_exist', '账单不存在') };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return { error: invalidArguments('isv.invalid-parameter', 'bill_date 格式应为 yyyy-MM-dd') };
  if (date >= cst(sc.now()).slice(0, 10)) return { error: invalidArguments('isv.invalid-parameter', '参数不合法：只能下载今天以前的账单') };
  const rows = billRows(sc, date);
  if (!rows.length) return { error: businessFailed('isp.bill_not_exist', '账单不存在') };
  const account = (sc.credentials.alipay as { sellerId: string }).sellerId;
  const detail = formatAlipayTradeBill(rows, { account: `${account}0156`, billDate: date, exportedAt: cst(sc.now()).replace(/^(\d{4})-(\d{2})-(\d{2})/, '$1年$2月$3日') });
  const data = await zipAlipayTradeBill(detail, { account: `${account}0156`, billDate: date });
  const token = randomBytes(16).toString('hex');
  const name = `${account}0156_${date.replace(/-/g, '')}.csv.zip`;
  alipayTradeState(sc).billFiles.set(token, { data, name, expiresAt: sc.now() + 30_000 });
  const q = new URLSearchParams({ bizType: 'trade', userId: `${account}0156`, fileType: 'csv.zip', bizDates: date.replace(/-/g, ''), downloadFileName: name, timestamp: String(sc.now()), token });
  return { ok: { bill_download_url: `${baseUrl}/alipay/downloadBillFile.resource?${q}` } };
};

/** The bill file host (dwbillcenter.alipay.com in production): unsigned, the URL's token is the key. */
export function alipayBillFiles(sc: SandboxContext): Router {
  const r = new Router({ prefix: '/alipay' });
  r.get('/downloadBillFile.resource', (ctx) => {
    const file = alipayTradeState(sc).billFiles.get(String(ctx.query.token ?? ''));
    if (!file || file.expiresAt < sc.now()) {
      ctx.status = 200;
      ctx.type = 'text/html;charset=utf-8';
      ctx.body = '<html><body>下载超时，请重新下载</body></html>';
      return;
    }
    ctx.type = 'application/zip';
    ctx.set('content-disposition', `attachment; filename="${encodeURIComponent(file.name)}"`);
    ctx.body = file.data;
  });
  return r;
}

export const alipayTradeApis: Record<string, AlipayApiHandler> = {
  'alipay.data.dataservice.bill.downloadurl.query': billDownloadUrlQuery,
  'alipay.trade.create': tradeCreate,
  'alipay.trade.query': tradeQuery,
  'alipay.trade.close': tradeClose,
  'alipay.trade.refund': tradeRefund,
  'alipay.trade.fastpay.refund.query': refundQuery,
};

let strayKey: string | undefined;
function wrongKey(): string {
  strayKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return strayKey;
}

/** What Alipay signs in a notification: every parameter but sign and sign_type, sorted, raw values. */
export function notifySignContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'sign_type' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/** The form of one notification about `t`, spoiled as `variant` says. */
export function buildAlipayNotice(sc: SandboxContext, t: Trade, variant: AlipayNoticeVariant = 'valid'): Record<string, string> {
  const creds = sc.credentials.alipay as { alipayPrivateKey: string; sellerId: string };
  const now = sc.now();
  const p: Record<string, string> = {
    notify_time: cst(now),
    notify_type: 'trade_status_sync',
    notify_id: randomBytes(16).toString('hex'),
    charset: 'utf-8',
    version: '1.0',
    sign_type: 'RSA2',
    auth_app_id: t.appId,
    app_id: variant === 'wrong-app' ? '2021000000000000' : t.appId,
    trade_no: t.tradeNo,
    out_trade_no: t.outTradeNo,
    buyer_id: t.buyerId,
    seller_id: variant === 'wrong-seller' ? '2088000000000000' : creds.sellerId,
    trade_status: t.status === 'WAIT_BUYER_PAY' ? 'WAIT_BUYER_PAY' : t.paidAt ? 'TRADE_SUCCESS' : t.status,
    total_amount: fenToYuanString(t.totalFen),
    receipt_amount: fenToYuanString(t.totalFen),
    buyer_pay_amount: fenToYuanString(t.totalFen),
    subject: t.subject,
    gmt_create: cst(t.createdAt),
    ...(t.paidAt ? { gmt_payment: cst(t.paidAt) } : {}),
  };
  if (variant !== 'unsigned') p.sign = createSign('RSA-SHA256').update(notifySignContent(p), 'utf8').sign(variant === 'forged' ? wrongKey() : creds.alipayPrivateKey, 'base64');
  if (variant === 'tampered') {
    p.total_amount = '0.01';
    p.receipt_amount = '0.01';
  }
  return p;
}

async function deliverOnce(sc: SandboxContext, t: Trade, variant: AlipayNoticeVariant, attempt: number): Promise<boolean> {
  const st = alipayTradeState(sc);
  if (!t.notifyUrl) return true;
  let status = 0;
  let answer = '';
  try {
    const res = await fetch(t.notifyUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(buildAlipayNotice(sc, t, variant)).toString(), signal: AbortSignal.timeout(5000) });
    answer = (await res.text()).trim();
    status = res.status;
  } catch {
    status = 0;
  }
  st.deliveries.push({ outTradeNo: t.outTradeNo, variant, status, answer: answer.slice(0, 40), attempt });
  if (st.deliveries.length > 20_000) st.deliveries.splice(0, 10_000);
  return status === 200 && answer === 'success';
}

/** Delivers until the merchant answers `success`; a queued fault may spoil, hold, drop or duplicate the first try. */
export function scheduleAlipayNotice(sc: SandboxContext, t: Trade): void {
  const st = alipayTradeState(sc);
  const fault = st.faults.shift();
  if (fault && fault.times > 1) st.faults.unshift({ ...fault, times: fault.times - 1 });
  if (fault?.mode === 'drop') return;
  const first: AlipayNoticeVariant = fault && fault.mode !== 'duplicate' && fault.mode !== 'hold' ? fault.mode : 'valid';
  const copies = fault?.mode === 'duplicate' ? Math.max(2, fault.copies ?? 2) : 1;
  const run = async (attempt: number) => {
    const ok = await Promise.all(Array.from({ length: attempt === 0 ? copies : 1 }, () => deliverOnce(sc, t, attempt === 0 ? first : 'valid', attempt)));
    if (ok.some(Boolean) || attempt >= ALIPAY_NOTIFY_SCHEDULE_SECONDS.length) return;
    setTimeout(() => void run(attempt + 1), (ALIPAY_NOTIFY_SCHEDULE_SECONDS[attempt] * 1000) / st.config.notifyTimeScale).unref();
  };
  const hold = fault?.mode === 'hold' ? (fault.holdMs ?? 1000) : 0;
  if (hold) setTimeout(() => void run(0), hold).unref();
  else setImmediate(() => void run(0));
}

/**
 * Control API under /sandbox/alipay: `trade-pay` plays my.tradePay on the phone (pay or cancel);
 * `notify-faults` spoils/holds/drops/duplicates the next notifications; `notifications/build`
 * returns one notification form (valid or spoiled) for a test to post itself.
 */
export function alipayTradeControl(sc: SandboxContext): Router {
  const control = new Router({ prefix: '/sandbox/alipay' });
  const st = () => alipayTradeState(sc);
  control.post('/trade-pay', async (ctx) => {
    const b = (ctx.request.body ?? {}) as { tradeNo?: string; action?: 'pay' | 'cancel'; notify?: boolean };
    const out = b.tradeNo ? st().byTradeNo.get(b.tradeNo) : undefined;
    const t = out ? st().trades.get(out) : undefined;
    if (!t) {
      ctx.status = 400;
      ctx.body = { resultCode: '4000', memo: '订单不存在' };
      return;
    }
    if (b.action === 'cancel') {
      ctx.body = { resultCode: '6001', memo: '用户中途取消' };
      return;
    }
    if (t.status === 'TRADE_CLOSED') {
      ctx.status = 409;
      ctx.body = { resultCode: '4000', memo: '交易已关闭', code: 'ORDER_CLOSED' };
      return;
    }
    if (t.status === 'WAIT_BUYER_PAY') {
      t.status = 'TRADE_SUCCESS';
      t.paidAt = sc.now();
      if (b.notify !== false && st().config.autoNotify) scheduleAlipayNotice(sc, t);
    }
    ctx.body = { resultCode: '9000', memo: '', tradeNo: t.tradeNo };
  });
  control.get('/trades/:out', (ctx) => {
    const t = st().trades.get(ctx.params.out);
    if (!t) {
      ctx.status = 404;
      return;
    }
    ctx.body = { tradeNo: t.tradeNo, status: t.status, totalFen: t.totalFen, refundedFen: t.refundedFen };
  });
  control.post('/notifications/build', (ctx) => {
    const b = (ctx.request.body ?? {}) as { out_trade_no?: string; variant?: AlipayNoticeVariant };
    const t = b.out_trade_no ? st().trades.get(b.out_trade_no) : undefined;
    if (!t) {
      ctx.status = 404;
      ctx.body = { error: 'unknown out_trade_no' };
      return;
    }
    ctx.body = { form: buildAlipayNotice(sc, t, b.variant ?? 'valid') };
  });
  control.post('/notifications/send', (ctx) => {
    const b = (ctx.request.body ?? {}) as { out_trade_no?: string };
    const t = b.out_trade_no ? st().trades.get(b.out_trade_no) : undefined;
    if (!t) {
      ctx.status = 404;
      return;
    }
    scheduleAlipayNotice(sc, t);
    ctx.body = { ok: true };
  });
  control.post('/notify-faults', (ctx) => {
    const f = (ctx.request.body ?? {}) as NotifyFault;
    st().faults.push({ ...f, times: Math.max(1, f.times ?? 1) });
    ctx.body = { ok: true };
  });
  control.delete('/notify-faults', (ctx) => {
    st().faults = [];
    ctx.body = { ok: true };
  });
  control.get('/deliveries', (ctx) => {
    ctx.body = st().deliveries;
  });
  control.post('/config', (ctx) => {
    Object.assign(st().config, ctx.request.body ?? {});
    ctx.body = st().config;
  });
  return control;
}
