import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { AlipayBillFormatError, formatAlipayTradeBill, parseAlipayTradeBill, unzipAlipayTradeBill, zipAlipayTradeBill, type AlipayBillRow } from './alipay-trade-bill';

/** A detail file as Alipay publishes it: comment lines, tab-padded values, a refund with a negative 商家实收. */
const SAMPLE = [
  '#支付宝业务明细查询',
  '#账号：[20880000000000010156]',
  '#起始日期：[2026年11月28日 00:00:00]   终止日期：[2026年11月29日 00:00:00]',
  '#-----------------------------------------业务明细列表----------------------------------------',
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
  '2026112822001400001234567890\t,QD202611280001\t,交易\t,人力资源管理师三级考试费\t,2026-11-28 10:00:01\t,2026-11-28 10:00:09\t,\t,\t,\t,\t,wan***@163.com\t,120.00\t,120.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,-0.72\t,0.00\t,\t',
  '2026112822001400001234567890\t,QD202611280001\t,退款\t,人力资源管理师三级考试费\t,2026-11-28 10:00:01\t,2026-11-28 15:20:00\t,\t,\t,\t,\t,wan***@163.com\t,120.00\t,-20.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,RF202611280001\t,0.12\t,0.00\t,\t',
  '#-----------------------------------------业务明细列表结束------------------------------------',
  '#交易合计：1笔，退款合计：1笔',
  '#导出时间：[2026年11月29日 09:46:21]',
].join('\r\n');

describe('the Alipay trade bill (业务明细)', () => {
  it('reads payments and refunds from the published detail file, by column name', () => {
    expect(parseAlipayTradeBill(SAMPLE)).toEqual([
      { tradeNo: '2026112822001400001234567890', outTradeNo: 'QD202611280001', kind: '交易', subject: '人力资源管理师三级考试费', createdAt: '2026-11-28 10:00:01', finishedAt: '2026-11-28 10:00:09', orderFen: 12000, receivedFen: 12000, outRequestNo: '' },
      { tradeNo: '2026112822001400001234567890', outTradeNo: 'QD202611280001', kind: '退款', subject: '人力资源管理师三级考试费', createdAt: '2026-11-28 10:00:01', finishedAt: '2026-11-28 15:20:00', orderFen: 12000, receivedFen: -2000, outRequestNo: 'RF202611280001' },
    ]);
  });

  it('reads back what the twin writes, through the GBK zip, even when entry names are not UTF-8', async () => {
    const rows: AlipayBillRow[] = [
      { tradeNo: '2026112822001999', outTradeNo: 'QA1', kind: '交易', subject: '考试费, 电工五级', createdAt: '2026-11-28 09:00:00', finishedAt: '2026-11-28 09:00:05', orderFen: 8050, receivedFen: 8050, outRequestNo: '' },
      { tradeNo: '2026112822001999', outTradeNo: 'QA1', kind: '退款', subject: '考试费, 电工五级', createdAt: '2026-11-28 09:00:00', finishedAt: '2026-11-28 11:00:00', orderFen: 8050, receivedFen: -8050, outRequestNo: 'RA1' },
    ];
    const detail = formatAlipayTradeBill(rows, { account: '20880000000000010156', billDate: '2026-11-28', exportedAt: '2026年11月29日 09:00:00' });
    const zip = await zipAlipayTradeBill(detail, { account: '20880000000000010156', billDate: '2026-11-28' });
    const back = parseAlipayTradeBill(await unzipAlipayTradeBill(zip));
    expect(back).toEqual(rows.map((r) => ({ ...r, subject: '考试费， 电工五级' })));

    const gbkNamed = new JSZip();
    gbkNamed.file('summary.csv', iconv.encode('#汇总', 'gbk'));
    gbkNamed.file('\u00b5\u00a5.csv', iconv.encode(SAMPLE, 'gbk'));
    expect(parseAlipayTradeBill(await unzipAlipayTradeBill(await gbkNamed.generateAsync({ type: 'nodebuffer' })))).toHaveLength(2);
  });

  it('refuses a file without the table, an unknown 业务类型 and a broken amount instead of guessing', async () => {
    expect(() => parseAlipayTradeBill('#支付宝业务明细查询\r\n')).toThrow(AlipayBillFormatError);
    expect(() => parseAlipayTradeBill(SAMPLE.replace(',交易\t,', ',冲正\t,'))).toThrow(/业务类型/);
    expect(() => parseAlipayTradeBill(SAMPLE.replace(',120.00\t,120.00\t,', ',120.00\t,abc\t,'))).toThrow(/amount/);
    await expect(unzipAlipayTradeBill(Buffer.from('<html>下载超时</html>'))).rejects.toThrow(AlipayBillFormatError);
  });
});
