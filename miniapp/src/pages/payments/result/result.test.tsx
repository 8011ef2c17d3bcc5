import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../../test/api-mock';
import { orderFixture, paidOrder } from '../../../../test/payment-fixtures';
import { updateSettings } from '../../../state/settings';
import ResultPage from './index';

const T = Taro as unknown as { __reset(): void; __routerParams: Record<string, string> };
const id = orderFixture().id;

beforeEach(() => {
  T.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  T.__routerParams = { id };
});

describe('the payment result page', () => {
  it('keeps asking the server (with a provider query) until the order is paid, then says so', async () => {
    let n = 0;
    const calls = mockApi({ [`GET /api/v1/payments/orders/${id}`]: () => (++n < 2 ? orderFixture() : paidOrder()) });
    render(<ResultPage />);
    expect(screen.getByText('正在确认支付结果…')).toBeTruthy();
    expect(await screen.findByText('支付成功', undefined, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByText('¥120.00')).toBeTruthy();
    expect(calls.every((c) => c.path.endsWith('?sync=1'))).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('says the order closed without a charge', async () => {
    mockApi({ [`GET /api/v1/payments/orders/${id}`]: () => orderFixture({ status: 'CLOSED', closedAt: '2026-11-29T02:16:00.000Z' }) });
    render(<ResultPage />);
    expect(await screen.findByText('订单已关闭，未扣款')).toBeTruthy();
  });

  it('shows the error with a retry and the hotline when the server cannot be reached', async () => {
    (Taro.request as unknown as jest.Mock).mockRejectedValue(new Error('request:fail'));
    render(<ResultPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('网络连接失败');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: '查看订单' })).toBeTruthy());
  });
});
