import { generateKeyPairSync } from 'node:crypto';
import {
  buildAuthorization,
  cstDate,
  cstDayRange,
  decryptResource,
  encryptResource,
  paySign,
  parseAuthorization,
  requestMessage,
  responseMessage,
  rsaVerify,
  toCstRfc3339,
  verifyPaySign,
} from './wechat-pay.crypto';
import { formatTradeBill, parseTradeBill, TRADE_BILL_HEADER, TradeBillFormatError, type TradeBillRow } from './trade-bill';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('WeChat Pay v3 signatures', () => {
  it('builds the request message as METHOD, URL, timestamp, nonce and body, each followed by a newline', () => {
    expect(requestMessage('get', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '')).toBe(
      'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    );
    expect(requestMessage('POST', '/v3/pay/transactions/jsapi', '1', 'n', '{"a":1}')).toBe('POST\n/v3/pay/transactions/jsapi\n1\nn\n{"a":1}\n');
  });

  it('builds the answer and notification message as timestamp, nonce and body', () => {
    expect(responseMessage('1554209980', 'c5ac7061fccab6bf3e254dcf98995b8c', '{"data":[]}')).toBe('1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n{"data":[]}\n');
  });

  it('writes the Authorization header in the WECHATPAY2-SHA256-RSA2048 scheme and reads it back', () => {
    const header = buildAuthorization({ mchid: '1900009191', serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C', key: privateKey, method: 'GET', url: '/v3/certificates', body: '', timestamp: '1554208460', nonce: '593BEC0C930BF1AFEB40B4A08C8FB242' });
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="[A-Za-z0-9+/=]{344}",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/);
    const parts = parseAuthorization(header)!;
    expect(rsaVerify(publicKey, requestMessage('GET', '/v3/certificates', parts.timestamp, parts.nonce_str, ''), parts.signature)).toBe(true);
    expect(rsaVerify(publicKey, requestMessage('GET', '/v3/certificates?x=1', parts.timestamp, parts.nonce_str, ''), parts.signature)).toBe(false);
    expect(parseAuthorization('Bearer abc')).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeNull();
  });

  it('signs wx.requestPayment over appId, timeStamp, nonceStr and package', () => {
    const p = { appId: 'wx8888888888888888', timeStamp: '1414561699', nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS', package: 'prepay_id=wx201410272009395522657a690389285100' };
    const sig = paySign(privateKey, p.appId, p.timeStamp, p.nonceStr, p.package);
    expect(rsaVerify(publicKey, `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`, sig)).toBe(true);
    expect(verifyPaySign(publicKey, { ...p, paySign: sig })).toBe(true);
    expect(verifyPaySign(publicKey, { ...p, package: 'prepay_id=wx0', paySign: sig })).toBe(false);
  });
});

describe('the AEAD_AES_256_GCM resource of notifications', () => {
  const key = 'abcdefghijklmnopqrstuvwxyz012345';

  it('decrypts what was sealed with the APIv3 key, nonce and associated data', () => {
    const r = encryptResource(key, '{"out_trade_no":"Q1"}', 'transaction', 'transaction', 'fdasflkja484');
    expect(r).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', nonce: 'fdasflkja484' });
    expect(Buffer.from(r.ciphertext, 'base64')).toHaveLength('{"out_trade_no":"Q1"}'.length + 16);
    expect(decryptResource(key, r)).toBe('{"out_trade_no":"Q1"}');
  });

  it('refuses a wrong key, changed associated data, nonce or a single flipped byte', () => {
    const r = encryptResource(key, '{"amount":{"total":100}}', 'transaction', 'transaction');
    expect(() => decryptResource('x'.repeat(32), r)).toThrow();
    expect(() => decryptResource(key, { ...r, associated_data: 'refund' })).toThrow();
    expect(() => decryptResource(key, { ...r, nonce: 'aaaaaaaaaaaa' })).toThrow();
    const bytes = Buffer.from(r.ciphertext, 'base64');
    bytes[3] ^= 1;
    expect(() => decryptResource(key, { ...r, ciphertext: bytes.toString('base64') })).toThrow();
  });
});

describe('China time as WeChat Pay writes it', () => {
  it('formats RFC 3339 with +08:00 and counts bill days from midnight in Beijing', () => {
    expect(toCstRfc3339(Date.UTC(2026, 10, 28, 16, 30, 5))).toBe('2026-11-29T00:30:05+08:00');
    expect(cstDate(Date.UTC(2026, 10, 28, 15, 59, 59))).toBe('2026-11-28');
    expect(cstDate(Date.UTC(2026, 10, 28, 16, 0, 0))).toBe('2026-11-29');
    expect(cstDayRange('2026-11-29')).toEqual([Date.UTC(2026, 10, 28, 16), Date.UTC(2026, 10, 29, 16)]);
  });
});

describe('the trade bill file', () => {
  const row = (o: Partial<TradeBillRow>): TradeBillRow => ({
    tradeTime: '2026-11-28 10:00:00', appid: 'wx1', mchid: '1900012345', transactionId: '4200000001', outTradeNo: 'Q1', openid: 'o1', tradeType: 'JSAPI',
    tradeState: 'SUCCESS', bankType: 'OTHERS', settlementFen: 12000, refundId: '', outRefundNo: '', refundFen: 0, refundStatus: '', description: '考试费',
    attach: '', orderFen: 12000, requestedRefundFen: 0, ...o,
  });

  it('writes the 27-column header, backtick-prefixed rows in yuan and the summary, and reads them back in fen', () => {
    const text = formatTradeBill([row({}), row({ tradeState: 'REFUND', settlementFen: 0, orderFen: 0, refundId: '5001', outRefundNo: 'R1', refundFen: 2001, refundStatus: 'SUCCESS', requestedRefundFen: 2001 })]);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(TRADE_BILL_HEADER.join(','));
    expect(lines[1].startsWith('`2026-11-28 10:00:00,`wx1,`1900012345,')).toBe(true);
    expect(lines[1]).toContain('`120.00,');
    expect(lines[3]).toBe('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
    expect(lines[4].startsWith('`2,`120.00,`20.01,')).toBe(true);
    const parsed = parseTradeBill(text);
    expect(parsed.rows.map((r) => [r.tradeState, r.outTradeNo, r.outRefundNo, r.settlementFen, r.refundFen])).toEqual([
      ['SUCCESS', 'Q1', '', 12000, 0],
      ['REFUND', 'Q1', 'R1', 0, 2001],
    ]);
    expect(parsed.summary).toEqual({ count: 2, settlementFen: 12000, refundFen: 2001 });
  });

  it('refuses a file that is not a trade bill or was cut short, instead of reconciling it as empty', () => {
    const text = formatTradeBill([row({}), row({ outTradeNo: 'Q2' })]);
    expect(() => parseTradeBill('hello\r\n')).toThrow(TradeBillFormatError);
    const lines = text.split('\r\n');
    expect(() => parseTradeBill([lines[0], lines[1], lines[3], lines[4]].join('\r\n'))).toThrow(/summary says 2 rows/);
    expect(() => parseTradeBill(lines.slice(0, 3).join('\r\n'))).toThrow(/without summary/);
  });
});
