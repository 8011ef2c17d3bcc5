import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../../test/api-mock';
import { orderFixture } from '../../../../test/payment-fixtures';
import { saveSession } from '../../../state/session';
import { updateSettings } from '../../../state/settings';
import ScanPayPage from './index';

const T = Taro as unknown as { __reset(): void };
const merchant = { id: 'PHARM-GF01', name: '国风大药房（演示·市南店）', kind: 'pharmacy' };

beforeEach(() => {
  T.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  saveSession({ token: 't'.repeat(43), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: true, maskedName: '王*' } });
});

describe('paying a merchant by its code', () => {
  it('takes a typed merchant code and an amount, and pays from the e-card account with the password', async () => {
    const order = orderFixture();
    const calls = mockApi({
      'POST /api/v1/payments/merchant-codes/resolve': ({ body }) => {
        const b = body as { amountFen?: number };
        return { merchant, fixedAmountFen: null, amountFen: b.amountFen ?? null, payableRef: b.amountFen ? `PHARM-GF01.${b.amountFen}.abcdefghijkl` : null };
      },
      'POST /api/v1/payments/orders': { data: { order: { ...order, amountFen: 2_350 }, payment: { provider: 'ecard', passwordRequired: true } } },
      [`POST /api/v1/payments/orders/${order.id}/ecard-pay`]: { data: { ...order, status: 'SUCCESS' } },
    });
    render(<ScanPayPage />);
    fireEvent.input(screen.getByLabelText('或输入收款码下方的商户编码'), { target: { value: 'YF0001' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    expect(await screen.findByText(merchant.name)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('付款金额（元）'), { target: { value: '23.5' } });
    fireEvent.click(screen.getByRole('button', { name: '电子社保卡账户支付' }));
    expect(await screen.findByText('¥23.50')).toBeTruthy();
    for (const d of '258369') fireEvent.click(screen.getByRole('button', { name: `数字${d}` }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages/payments/result/index?id=${order.id}` }));
    expect(calls.find((c) => c.path === '/api/v1/payments/orders')!.body).toMatchObject({ payableType: 'merchant', payableRef: 'PHARM-GF01.2350.abcdefghijkl', provider: 'ecard' });
    expect(calls.find((c) => c.path.endsWith('/ecard-pay'))!.body).toEqual({ password: '258369' });
  });

  it('refuses an amount that is not money before asking the server', async () => {
    const calls = mockApi({ 'POST /api/v1/payments/merchant-codes/resolve': { data: { merchant, fixedAmountFen: null, amountFen: null, payableRef: null } } });
    render(<ScanPayPage />);
    fireEvent.input(screen.getByLabelText('或输入收款码下方的商户编码'), { target: { value: 'YF0001' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await screen.findByText(merchant.name);
    fireEvent.input(screen.getByLabelText('付款金额（元）'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByRole('button', { name: '电子社保卡账户支付' }));
    expect(await screen.findByText('请输入正确的金额，最多两位小数')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/v1/payments/orders')).toHaveLength(0);
  });
});
