import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../../test/api-mock';
import { examItem } from '../../../../test/payment-fixtures';
import { saveSession } from '../../../state/session';
import { updateSettings } from '../../../state/settings';
import PayablesPage from './index';

const T = Taro as unknown as { __reset(): void };

beforeEach(() => {
  T.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
});

describe('the pay online page', () => {
  it('lists what can be paid and leads to the confirmation, or to the order when already paid', async () => {
    saveSession({ token: 't'.repeat(43), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: false, maskedName: null } });
    mockApi({ 'GET /api/v1/payments/payables': { data: [examItem, { ...examItem, ref: 'EXAM-ELEC-5', title: '电工（五级）考试费', amountFen: 8050, paidOrderId: 'o-paid' }] } });
    render(<PayablesPage />);
    fireEvent.click(await screen.findByRole('button', { name: '企业人力资源管理师（三级）考试费 去缴费 ¥120.00' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/payments/checkout/index?type=demo-exam-fee&ref=EXAM-HRM-3' });
    fireEvent.click(screen.getByRole('button', { name: '电工（五级）考试费 已缴费，查看订单' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/payments/order/index?id=o-paid' });
    expect(screen.getAllByText('演示')).toHaveLength(2);
  });

  it('asks a visitor to log in first', async () => {
    render(<PayablesPage />);
    fireEvent.click(screen.getByRole('button', { name: '去登录' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(Taro.request).not.toHaveBeenCalled();
  });
});
