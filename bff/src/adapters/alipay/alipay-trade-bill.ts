import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { fenToYuanString, parseYuanToFen } from '@qdssc/shared';

/**
 * Alipay's daily trade bill (`bill_type=trade`, 业务明细), shared by the adapter (parse) and the
 * twin (format): a zip holding two GBK CSV files, `<pid>_<yyyyMMdd>_业务明细.csv` and
 * `…_业务明细(汇总).csv`. The detail file has `#` comment lines around one table whose header is
 * 支付宝交易号,商户订单号,业务类型,…; every value is followed by a tab (so spreadsheets keep the
 * long numbers as text). A 交易 row is a payment, a 退款 row one refund: its 退款批次号/请求号 is our
 * out_request_no and its 商家实收（元） the refunded amount, negative.
 */

export const ALIPAY_BILL_COLUMNS = [
  '支付宝交易号', '商户订单号', '业务类型', '商品名称', '创建时间', '完成时间', '门店编号', '门店名称', '操作员', '终端号', '对方账户',
  '订单金额（元）', '商家实收（元）', '支付宝红包（元）', '集分宝（元）', '支付宝优惠（元）', '商家优惠（元）', '券核销金额（元）', '券名称',
  '商家红包消费金额（元）', '卡消费金额（元）', '退款批次号/请求号', '服务费（元）', '分润（元）', '备注',
] as const;

export interface AlipayBillRow {
  tradeNo: string;
  outTradeNo: string;
  kind: '交易' | '退款';
  subject: string;
  createdAt: string;
  finishedAt: string;
  /** 订单金额: the trade's total (also on refund rows). */
  orderFen: number;
  /** 商家实收: what the merchant got; negative on refund rows. */
  receivedFen: number;
  /** 退款批次号/请求号: out_request_no on refund rows, empty on payments. */
  outRequestNo: string;
}

const SEPARATOR = '-----------------------------------------';

/** The detail CSV text (before GBK encoding). */
export function formatAlipayTradeBill(rows: AlipayBillRow[], meta: { account: string; billDate: string; exportedAt: string }): string {
  const d = meta.billDate.replace(/-/g, '');
  const cn = (ymd: string) => `${ymd.slice(0, 4)}年${ymd.slice(4, 6)}月${ymd.slice(6, 8)}日`;
  const next = new Date(Date.parse(`${meta.billDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  // The file format has no quoting: a comma inside a value would shift the columns.
  const cell = (v: string) => `${v.replace(/[,\r\n]/g, '，')}\t`;
  const yuan = (fen: number) => (fen < 0 ? `-${fenToYuanString(-fen)}` : fenToYuanString(fen));
  const lines = [
    '#支付宝业务明细查询',
    `#账号：[${meta.account}]`,
    `#起始日期：[${cn(d)} 00:00:00]   终止日期：[${cn(next)} 00:00:00]`,
    `#${SEPARATOR}业务明细列表${SEPARATOR}`,
    ALIPAY_BILL_COLUMNS.join(','),
    ...rows.map((r) =>
      [r.tradeNo, r.outTradeNo, r.kind, r.subject, r.createdAt, r.finishedAt, '', '', '', '', '', yuan(r.orderFen), yuan(r.receivedFen), '0.00', '0.00', '0.00', '0.00', '0.00', '', '0.00', '0.00', r.outRequestNo, '0.00', '0.00', '']
        .map(cell)
        .join(','),
    ),
    `#${SEPARATOR}业务明细列表结束${SEPARATOR}`,
    `#交易合计：${rows.filter((r) => r.kind === '交易').length}笔，退款合计：${rows.filter((r) => r.kind === '退款').length}笔`,
    `#导出时间：[${meta.exportedAt}]`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export class AlipayBillFormatError extends Error {}

/** Parses the detail CSV; columns are found by their header names, not their positions. */
export function parseAlipayTradeBill(text: string): AlipayBillRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const h = lines.findIndex((l) => l.startsWith('支付宝交易号'));
  if (h < 0) throw new AlipayBillFormatError('no 支付宝交易号 header in the Alipay bill');
  const header = lines[h].split(',').map((c) => c.trim());
  const col = (name: (typeof ALIPAY_BILL_COLUMNS)[number]) => {
    const i = header.indexOf(name);
    if (i < 0) throw new AlipayBillFormatError(`column ${name} missing from the Alipay bill`);
    return i;
  };
  const at = {
    tradeNo: col('支付宝交易号'), outTradeNo: col('商户订单号'), kind: col('业务类型'), subject: col('商品名称'), createdAt: col('创建时间'), finishedAt: col('完成时间'),
    orderFen: col('订单金额（元）'), receivedFen: col('商家实收（元）'), outRequestNo: col('退款批次号/请求号'),
  };
  const rows: AlipayBillRow[] = [];
  for (const line of lines.slice(h + 1)) {
    if (line.startsWith('#')) break;
    if (!line.trim()) continue;
    const v = line.split(',').map((c) => c.trim());
    const money = (i: number) => {
      const s = v[i] ?? '';
      const fen = parseYuanToFen(s.replace(/^-/, ''));
      if (fen === null) throw new AlipayBillFormatError(`not an amount in the Alipay bill: ${JSON.stringify(s)}`);
      return s.startsWith('-') ? -fen : fen;
    };
    const kind = v[at.kind];
    if (kind !== '交易' && kind !== '退款') throw new AlipayBillFormatError(`unknown 业务类型 in the Alipay bill: ${JSON.stringify(kind)}`);
    rows.push({
      tradeNo: v[at.tradeNo], outTradeNo: v[at.outTradeNo], kind, subject: v[at.subject], createdAt: v[at.createdAt], finishedAt: v[at.finishedAt],
      orderFen: money(at.orderFen), receivedFen: money(at.receivedFen), outRequestNo: v[at.outRequestNo] ?? '',
    });
  }
  return rows;
}

/** The zip Alipay serves: the detail and a summary file, both GBK. */
export async function zipAlipayTradeBill(detail: string, meta: { account: string; billDate: string }): Promise<Buffer> {
  const base = `${meta.account}_${meta.billDate.replace(/-/g, '')}`;
  const summary = detail.split('\r\n').filter((l) => l.startsWith('#')).join('\r\n');
  const zip = new JSZip();
  zip.file(`${base}_业务明细.csv`, iconv.encode(detail, 'gbk'));
  zip.file(`${base}_业务明细(汇总).csv`, iconv.encode(summary, 'gbk'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The detail file of a downloaded bill zip, decoded from GBK. */
export async function unzipAlipayTradeBill(data: Buffer): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (err) {
    throw new AlipayBillFormatError(`the Alipay bill is not a zip: ${(err as Error).message}`);
  }
  // Entry names may be GBK without the UTF-8 flag (then unreadable here): the detail file is the
  // one whose text holds the 支付宝交易号 table.
  for (const f of Object.values(zip.files)) {
    if (f.dir || /汇总/.test(f.name)) continue;
    const text = iconv.decode(await f.async('nodebuffer'), 'gbk');
    if (/(^|\n)支付宝交易号,/.test(text)) return text;
  }
  throw new AlipayBillFormatError('no 业务明细 file in the Alipay bill zip');
}
