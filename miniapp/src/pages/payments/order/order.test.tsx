import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { OrderView } from '@qdssc/shared';
import { mockApi } from '../../../../test/api-mock';
import { orderFixture, paidOrder, requestPayment } from '../../../../test/payment-fixtures';
import { updateSettings } from '../../../state/settings';
import OrderPage from './index';

const T = Taro as unknown as { __reset(): void; __routerParams: Record<string, string>; showModal: jest.Mock };
const id = orderFixture().id;

beforeEach(() => {
  T.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  T.__routerParams = { id };
});

describe('the order page', () => {
  it('asks for a partial refund with the amount typed in yuan, and shows it settle', async () => {
    let current: OrderView = paidOrder();
    const calls = mockApi({
      [`GET /api/v1/payments/orders/${id}`]: () => current,
      [`POST /api/v1/payments/orders/${id}/refunds`]: ({ body }) => {
        const b = body as { amountFen: number; reason: string };
        const refund = { id: 'r1', outRefundNo: 'R1', amountFen: b.amountFen, reason: b.reason, status: 'PROCESSING' as const, createdAt: '2026-11-29T02:05:00.000Z', succeededAt: null };
        current = { ...current, refundingFen: b.amountFen, refundableFen: 12000 - b.amountFen, refunds: [refund] };
        const answer = { order: current, refund };
        current = { ...current, refundingFen: 0, refundedFen: b.amountFen, refunds: [{ ...refund, status: 'SUCCESS', succeededAt: '2026-11-29T02:05:01.000Z' }] };
        return answer;
      },
    });
    render(<OrderPage />);
    expect(await screen.findByText('支付成功', { selector: '.pay-tag' })).toBeTruthy();
    expect(screen.getByText('4200001234202611291234567890')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: '退款金额（元）' }), { target: { value: '20.5' } });
    fireEvent.click(screen.getByRole('button', { name: '提交退款申请' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(T.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '确定申请退款 ¥20.50 吗？退款将原路退回。' }));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ amountFen: 2050, reason: '不再参加', clientOperationId: expect.stringMatching(/^op-/) });
    expect(await screen.findByText('已退款', { selector: '.pay-value' }, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByText('部分退款')).toBeTruthy();
  });

  it('refuses an amount above what can be refunded before asking the server', async () => {
    const calls = mockApi({ [`GET /api/v1/payments/orders/${id}`]: () => paidOrder({ refundableFen: 1000 }) });
    render(<OrderPage />);
    fireEvent.change(await screen.findByRole('textbox', { name: '退款金额（元）' }), { target: { value: '10.01' } });
    fireEvent.click(screen.getByRole('button', { name: '提交退款申请' }));
    expect((await screen.findByRole('alert')).textContent).toContain('请输入正确的金额');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('shows a fully refunded order without refund or pay buttons', async () => {
    mockApi({
      [`GET /api/v1/payments/orders/${id}`]: () =>
        paidOrder({ status: 'REFUNDED', refundedFen: 12000, refundableFen: 0, refundAllowed: false, refunds: [{ id: 'r1', outRefundNo: 'R1', amountFen: 12000, reason: '不再参加', status: 'SUCCESS', createdAt: '2026-11-29T02:05:00.000Z', succeededAt: '2026-11-29T02:05:01.000Z' }] }),
    });
    render(<OrderPage />);
    expect(await screen.findByText('已全额退款')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交退款申请' })).toBeNull();
    expect(screen.queryByRole('button', { name: /继续支付/ })).toBeNull();
    expect(screen.getByText('不再参加 · 2026-11-29 10:05')).toBeTruthy();
  });

  it('lets an open order be paid again or cancelled after confirmation', async () => {
    let current = orderFixture();
    const calls = mockApi({
      [`GET /api/v1/payments/orders/${id}`]: () => current,
      [`POST /api/v1/payments/orders/${id}/cancel`]: () => (current = orderFixture({ status: 'CLOSED', closedAt: '2026-11-29T02:03:00.000Z' })),
      [`POST /api/v1/payments/orders/${id}/pay`]: { data: { order: orderFixture(), payment: { provider: 'wechatpay', requestPayment } } },
      'POST /api/v1/sandbox/payments/complete': { data: { result: 'paid' } },
    });
    render(<OrderPage />);
    fireEvent.click(await screen.findByRole('button', { name: '继续支付 ¥120.00' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages/payments/result/index?id=${id}` }));
    fireEvent.click(screen.getByRole('button', { name: '取消订单' }));
    expect(await screen.findByText('已关闭')).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/cancel'))).toHaveLength(1);
  });

  it('tells where to go when the payable allows no online refund', async () => {
    mockApi({ [`GET /api/v1/payments/orders/${id}`]: () => paidOrder({ refundAllowed: false }) });
    render(<OrderPage />);
    expect(await screen.findByText('该订单不支持线上退款，如需退款请拨打 12345 或到经办机构办理。')).toBeTruthy();
  });

  it('works in English and in large-font mode', async () => {
    updateSettings({ largeFont: true, lang: 'en' });
    mockApi({ [`GET /api/v1/payments/orders/${id}`]: () => paidOrder() });
    const { container } = render(<OrderPage />);
    expect(await screen.findByText('Paid', { selector: '.pay-tag' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ask for the refund' })).toBeTruthy();
    expect(container.querySelector('.page.large-font')).not.toBeNull();
  });
});
