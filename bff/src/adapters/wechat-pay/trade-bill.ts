import { fenToYuanString, parseYuanToFen } from '@qdssc/shared';

/**
 * The WeChat Pay trade bill (交易账单, bill_type=ALL) as the download URL serves it: a CSV
 * whose header row names 27 columns, one row per payment or refund with every field prefixed by
 * a backtick (so spreadsheet programs keep long numbers as text), then a summary header and a
 * summary row. Amounts are yuan with two decimals; times are China Standard Time.
 */

export const TRADE_BILL_HEADER = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态',
  '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态',
  '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
] as const;

export const TRADE_BILL_SUMMARY_HEADER = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'] as const;

export interface TradeBillRow {
  /** `YYYY-MM-DD HH:mm:ss` China time: the payment's success time, or the refund's for REFUND rows. */
  tradeTime: string;
  appid: string;
  mchid: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeType: string;
  /** SUCCESS for a payment row, REFUND for a refund row. */
  tradeState: 'SUCCESS' | 'REFUND' | string;
  bankType: string;
  /** 应结订单金额 of a payment row (fen). */
  settlementFen: number;
  refundId: string;
  outRefundNo: string;
  /** 退款金额 of a refund row (fen). */
  refundFen: number;
  refundStatus: string;
  description: string;
  attach: string;
  /** 订单金额 (fen). */
  orderFen: number;
  /** 申请退款金额 (fen). */
  requestedRefundFen: number;
}

const FEE_RATE = 0.006;

function yuan(fen: number): string {
  return fenToYuanString(fen);
}

function cell(v: string): string {
  // Commas would break the columns; the real bill has none in its fields either.
  return '`' + v.replace(/[,\r\n]/g, ' ');
}

/** What the twin serves: the same layout and summary as the real bill. */
export function formatTradeBill(rows: TradeBillRow[]): string {
  const lines = [TRADE_BILL_HEADER.join(',')];
  let settlement = 0;
  let refunds = 0;
  let fees = 0;
  let orders = 0;
  let requested = 0;
  for (const r of rows) {
    const isRefund = r.tradeState === 'REFUND';
    const fee = Math.round((isRefund ? -r.refundFen : r.settlementFen) * FEE_RATE * 1000) / 1000; // fen, to 1/1000
    settlement += r.settlementFen;
    refunds += r.refundFen;
    fees += fee;
    orders += r.orderFen;
    requested += r.requestedRefundFen;
    lines.push(
      [
        r.tradeTime, r.appid, r.mchid, '0', '', r.transactionId, r.outTradeNo, r.openid, r.tradeType, r.tradeState,
        r.bankType, 'CNY', yuan(r.settlementFen), '0.00', r.refundId || '0', r.outRefundNo || '0', yuan(r.refundFen), '0.00',
        isRefund ? 'ORIGINAL' : '', r.refundStatus, r.description, r.attach, (fee / 100).toFixed(5), '0.60%', yuan(r.orderFen),
        yuan(r.requestedRefundFen), '',
      ]
        .map(cell)
        .join(','),
    );
  }
  lines.push(TRADE_BILL_SUMMARY_HEADER.join(','));
  lines.push([String(rows.length), yuan(settlement), yuan(refunds), '0.00', (fees / 100).toFixed(5), yuan(orders), yuan(requested)].map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

export class TradeBillFormatError extends Error {}

function fen(v: string, field: string): number {
  const f = parseYuanToFen(v.replace(/^-/, ''));
  if (f === null) throw new TradeBillFormatError(`bad amount in ${field}: ${v}`);
  return v.startsWith('-') ? -f : f;
}

/**
 * Reads the bill back. Refuses a file whose header is not the trade bill's, whose rows do not
 * have the header's columns, or whose summary count disagrees with the rows: a truncated or
 * foreign file must never reconcile as "no differences".
 */
export function parseTradeBill(text: string): { rows: TradeBillRow[]; summary: { count: number; settlementFen: number; refundFen: number } } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0] !== TRADE_BILL_HEADER.join(',')) throw new TradeBillFormatError('not a WeChat Pay trade bill (header differs)');
  const sumAt = lines.findIndex((l) => l.startsWith(TRADE_BILL_SUMMARY_HEADER[0]));
  if (sumAt < 0 || sumAt + 1 >= lines.length) throw new TradeBillFormatError('trade bill without summary');
  const rows: TradeBillRow[] = [];
  for (const line of lines.slice(1, sumAt)) {
    const c = line.split(',').map((v) => v.replace(/^`/, ''));
    if (c.length !== TRADE_BILL_HEADER.length) throw new TradeBillFormatError(`row with ${c.length} columns`);
    rows.push({
      tradeTime: c[0], appid: c[1], mchid: c[2], transactionId: c[5], outTradeNo: c[6], openid: c[7], tradeType: c[8], tradeState: c[9],
      bankType: c[10], settlementFen: fen(c[12], '应结订单金额'), refundId: c[14] === '0' ? '' : c[14], outRefundNo: c[15] === '0' ? '' : c[15],
      refundFen: fen(c[16], '退款金额'), refundStatus: c[19], description: c[20], attach: c[21], orderFen: fen(c[24], '订单金额'),
      requestedRefundFen: fen(c[25], '申请退款金额'),
    });
  }
  const s = lines[sumAt + 1].split(',').map((v) => v.replace(/^`/, ''));
  const summary = { count: Number(s[0]), settlementFen: fen(s[1], '应结订单总金额'), refundFen: fen(s[2], '退款总金额') };
  if (summary.count !== rows.length) throw new TradeBillFormatError(`summary says ${summary.count} rows, file has ${rows.length}`);
  return { rows, summary };
}
