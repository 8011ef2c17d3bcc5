import Taro from '@tarojs/taro';
import { requestPayment } from '../../test/payment-fixtures';
import * as alipay from './pay.alipay';
import * as weapp from './pay.weapp';

const info = { orderId: 'o1', amountFen: 12000, description: '考试费' };

beforeEach(() => jest.clearAllMocks());

describe('paying in WeChat (wx.requestPayment)', () => {
  it('opens the sheet with exactly the signed parameters', async () => {
    expect(await weapp.requestHostPayment({ provider: 'wechatpay', requestPayment }, info)).toBe('paid');
    const { appId: _a, ...sheet } = requestPayment;
    expect(Taro.requestPayment).toHaveBeenCalledWith(sheet);
  });

  it('tells a cancelled sheet from a failed one', async () => {
    (Taro.requestPayment as jest.Mock).mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    expect(await weapp.requestHostPayment({ provider: 'wechatpay', requestPayment }, info)).toBe('cancelled');
    (Taro.requestPayment as jest.Mock).mockRejectedValueOnce({ errMsg: 'requestPayment:fail (detail message)' });
    await expect(weapp.requestHostPayment({ provider: 'wechatpay', requestPayment }, info)).rejects.toMatchObject({ code: 'PAYMENT_FAILED' });
  });
});

describe('paying in Alipay (my.tradePay)', () => {
  const g = globalThis as unknown as { my?: { tradePay: jest.Mock } };
  afterEach(() => delete g.my);

  it('is offered, and refuses parameters that are not an Alipay trade', async () => {
    expect(alipay.HOST_PAY_READY).toBe(true);
    await expect(alipay.requestHostPayment({ provider: 'wechatpay', requestPayment }, info)).rejects.toMatchObject({ code: 'PAYMENT_NOT_AVAILABLE_ON_HOST' });
  });

  it('maps tradePay result codes once an Alipay trade exists', async () => {
    const codes: Record<string, string> = {};
    g.my = { tradePay: jest.fn((o: { tradeNO: string; success: (r: { resultCode: string }) => void }) => o.success({ resultCode: codes[o.tradeNO] })) };
    Object.assign(codes, { t9000: '9000', t6001: '6001', t8000: '8000', t4000: '4000' });
    expect(await alipay.requestHostPayment({ provider: 'alipay', tradeNo: 't9000' }, info)).toBe('paid');
    expect(await alipay.requestHostPayment({ provider: 'alipay', tradeNo: 't8000' }, info)).toBe('paid');
    expect(await alipay.requestHostPayment({ provider: 'alipay', tradeNo: 't6001' }, info)).toBe('cancelled');
    await expect(alipay.requestHostPayment({ provider: 'alipay', tradeNo: 't4000' }, info)).rejects.toMatchObject({ code: 'PAYMENT_FAILED' });
  });
});
