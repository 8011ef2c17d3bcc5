import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../../test/api-mock';
import { orderFixture, paidOrder } from '../../../../test/payment-fixtures';
import { updateSettings } from '../../../state/settings';
import OrdersPage from './index';

const T = Taro as unknown as { __reset(): void };

beforeEach(() => {
  T.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
});

describe('my orders', () => {
  it('lists orders with their status in words, filters them and loads more', async () => {
    const a = paidOrder({ id: '01a228ac-3de3-7fee-9d77-000000000003', refundedFen: 2000 });
    const b = orderFixture({ id: '01a228ac-3de3-7fee-9d77-000000000002', description: '电工（五级）考试费', amountFen: 8050 });
    const c = orderFixture({ id: '01a228ac-3de3-7fee-9d77-000000000001', status: 'REFUNDED', refundedFen: 12000 });
    const calls = mockApi({
      'GET /api/v1/payments/orders': ({ query }) =>
        query.includes('status=open') ? { items: [b], nextCursor: null } : query.includes('before=') ? { items: [c], nextCursor: null } : { items: [a, b], nextCursor: b.id },
    });
    render(<OrdersPage />);
    expect(await screen.findByText('部分退款')).toBeTruthy();
    expect(screen.getByText('待支付', { selector: '.pay-tag' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('已全额退款')).toBeTruthy();
    expect(calls[1].path).toContain(`before=${b.id}`);
    fireEvent.click(screen.getByRole('button', { name: '待支付' }));
    await waitFor(() => expect(screen.queryByText('部分退款')).toBeNull());
    expect(calls[2].path).toContain('status=open');
    expect(screen.getByRole('button', { name: '待支付，已选中' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('link', { name: '电工（五级）考试费 ¥80.50 待支付' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/payments/order/index?id=${b.id}` });
  });

  it('says when there is nothing yet', async () => {
    mockApi({ 'GET /api/v1/payments/orders': { data: { items: [], nextCursor: null } } });
    render(<OrdersPage />);
    expect(await screen.findByText('暂无订单')).toBeTruthy();
  });
});
