import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../../test/api-mock';
import { examItem, orderFixture, requestPayment } from '../../../../test/payment-fixtures';
import { saveSession } from '../../../state/session';
import { updateSettings } from '../../../state/settings';
import CheckoutPage from './index';

const T = Taro as unknown as { __reset(): void; __routerParams: Record<string, string>; showModal: jest.Mock };

beforeEach(() => {
  T.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  saveSession({ token: 't'.repeat(43), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: false, maskedName: null } });
  T.__routerParams = { type: 'demo-exam-fee', ref: 'EXAM-HRM-3' };
});

describe('the pay confirmation page', () => {
  it('shows the amount the server set and pays in the sandbox sheet, then goes to the result', async () => {
    const calls = mockApi({
      'GET /api/v1/payments/payables': { data: [examItem] },
      'POST /api/v1/payments/orders': { data: { order: orderFixture(), payment: { provider: 'wechatpay', requestPayment } } },
      'POST /api/v1/sandbox/payments/complete': { data: { result: 'paid' } },
    });
    render(<CheckoutPage />);
    expect(await screen.findByText('¥120.00')).toBeTruthy();
    expect(screen.getByText('微信支付')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确认支付 ¥120.00' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages/payments/result/index?id=${orderFixture().id}` }));
    const create = calls.find((c) => c.path === '/api/v1/payments/orders')!;
    expect(create.body).toMatchObject({ payableType: 'demo-exam-fee', payableRef: 'EXAM-HRM-3', provider: 'wechatpay', clientOperationId: expect.stringMatching(/^op-/) });
    expect(T.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '微信支付（沙箱）', confirmText: '确认支付' }));
    expect(calls.find((c) => c.path === '/api/v1/sandbox/payments/complete')!.body).toEqual({ orderId: orderFixture().id, requestPayment, action: 'pay' });
  });

  it('says nothing was charged when the payer closes the sheet, and pays the same order on the next tap', async () => {
    T.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    const calls = mockApi({
      'GET /api/v1/payments/payables': { data: [examItem] },
      'POST /api/v1/payments/orders': { data: { order: orderFixture(), payment: { provider: 'wechatpay', requestPayment } } },
      'POST /api/v1/sandbox/payments/complete': ({ body }) => ({ result: (body as { action: string }).action === 'pay' ? 'paid' : 'cancelled' }),
      [`POST /api/v1/payments/orders/${orderFixture().id}/pay`]: { data: { order: orderFixture(), payment: { provider: 'wechatpay', requestPayment } } },
    });
    render(<CheckoutPage />);
    fireEvent.click(await screen.findByRole('button', { name: '确认支付 ¥120.00' }));
    expect((await screen.findByRole('status')).textContent).toContain('您已取消支付，订单未扣款');
    fireEvent.click(screen.getByRole('button', { name: '继续支付 ¥120.00' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    expect(calls.filter((c) => c.path === '/api/v1/payments/orders')).toHaveLength(1);
    expect(calls.filter((c) => c.path.endsWith('/pay'))).toHaveLength(1);
  });

  it('reuses the operation id when a network error interrupted the tap, so the retry cannot create a second order', async () => {
    let first = true;
    const calls = mockApi({ 'GET /api/v1/payments/payables': { data: [examItem] } });
    const answer = Taro.request as unknown as jest.Mock;
    const base = answer.getMockImplementation()!;
    answer.mockImplementation(async (opts: { url: string; method: string }) => {
      if (opts.url.endsWith('/api/v1/payments/orders') && first) {
        first = false;
        calls.push({ method: 'POST', path: '/api/v1/payments/orders', body: (opts as { data?: unknown }).data, headers: {} });
        throw new Error('request:fail timeout');
      }
      if (opts.url.endsWith('/api/v1/payments/orders')) {
        calls.push({ method: 'POST', path: '/api/v1/payments/orders', body: (opts as { data?: unknown }).data, headers: {} });
        return { statusCode: 409, data: { code: 'PAYABLE_ALREADY_PAID', message: 'x' } };
      }
      return base(opts);
    });
    render(<CheckoutPage />);
    fireEvent.click(await screen.findByRole('button', { name: '确认支付 ¥120.00' }));
    expect((await screen.findByRole('alert')).textContent).toContain('网络连接失败');
    fireEvent.click(screen.getByRole('button', { name: '确认支付 ¥120.00' }));
    expect((await screen.findByRole('alert')).textContent).toContain('该项目已缴费，无需重复缴纳');
    const ops = calls.filter((c) => c.path === '/api/v1/payments/orders').map((c) => (c.body as { clientOperationId: string }).clientOperationId);
    expect(ops).toHaveLength(2);
    expect(ops[0]).toBe(ops[1]);
    expect(screen.getByRole('button', { name: '查看订单' })).toBeTruthy();
  });

  it('leads somewhere when the item is gone', async () => {
    mockApi({ 'GET /api/v1/payments/payables': { data: [] } });
    render(<CheckoutPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('没有找到需要缴纳的项目');
    expect(screen.getByRole('button', { name: '拨打 12345 热线' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /确认支付/ })).toBeNull();
  });
});
