import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../../test/api-mock';
import { saveSession } from '../../../state/session';
import { updateSettings } from '../../../state/settings';
import PendingChargePage from './index';

const T = Taro as unknown as { __reset(): void };
const charge = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  merchantName: '青岛市市立医院（演示终端）',
  amountFen: 150_000,
  items: [{ name: '门诊自付', quantity: 1, amountFen: 150_000 }],
  createdAt: '2026-11-29T02:00:00.000Z',
  confirmBy: '2026-11-29T02:01:00.000Z',
  status: 'USERPAYING',
};

beforeEach(() => {
  T.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  saveSession({ token: 't'.repeat(43), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: true, maskedName: '王*' } });
});

const typePassword = (digits: string) => {
  for (const d of digits) fireEvent.click(screen.getByRole('button', { name: `数字${d}` }));
};

describe('the pending charge page', () => {
  it('shows the waiting charge and confirms it with the six-digit password pad, then shows the receipt', async () => {
    let pending = [charge];
    const calls = mockApi({
      'GET /api/v1/payments/pending-charges': () => pending,
      [`POST /api/v1/payments/pending-charges/${charge.id}/confirm`]: () => {
        pending = [];
        return { ...charge, status: 'SUCCESS' };
      },
    });
    render(<PendingChargePage />);
    expect((await screen.findAllByText('¥1,500.00')).length).toBeGreaterThan(0);
    typePassword('25836');
    expect(screen.getByRole('status', { name: '6位数字密码，已输入5位' })).toBeTruthy();
    typePassword('9');
    await waitFor(() => expect(screen.getByText('扣款成功')).toBeTruthy());
    expect(calls.find((c) => c.path.endsWith('/confirm'))!.body).toEqual({ password: '258369' });
    expect(await screen.findByText('没有待确认的扣款')).toBeTruthy();
  });

  it('says why a wrong password was refused and keeps the charge waiting', async () => {
    mockApi({
      'GET /api/v1/payments/pending-charges': { data: [charge] },
      [`POST /api/v1/payments/pending-charges/${charge.id}/confirm`]: { status: 403, code: 'ECARD_PASSWORD_WRONG', message: '电子社保卡密码错误' },
    });
    render(<PendingChargePage />);
    await screen.findAllByText('¥1,500.00');
    typePassword('111111');
    expect(await screen.findByText(/电子社保卡密码错误/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '拒绝扣款' })).toBeTruthy();
  });
});
