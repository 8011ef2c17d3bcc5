import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession, ecardFixture } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import Level2Page from './index';

const card = ecardFixture();

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  (Taro as unknown as { __routerParams: Record<string, string> }).__routerParams = { ecardId: card.id };
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  saveSession(boundSession);
});

const fill = (bank: string, pw: string, again: string) => {
  fireEvent.change(screen.getByLabelText('社保卡银行卡号'), { target: { value: bank } });
  fireEvent.change(screen.getByLabelText('设置6位数字密码'), { target: { value: pw } });
  fireEvent.change(screen.getByLabelText('再次输入密码'), { target: { value: again } });
  fireEvent.click(screen.getByRole('button', { name: '确认开通' }));
};

describe('enabling payments (level 2)', () => {
  it('refuses a guessable password and a mistyped confirmation on the phone', async () => {
    const calls = mockApi({});
    render(<Level2Page />);
    fill('6228480212345678901', '123456', '123450');
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual(['不能是连续的数字，如123456', '两次输入的密码不一致']);
    expect(calls).toHaveLength(0);
  });

  it('links the bank account and sets the password, then returns to the card', async () => {
    const calls = mockApi({ [`POST /api/v1/ecards/${card.id}/level-2`]: () => ecardFixture({ signLevel: 2, passwordSet: true }) });
    render(<Level2Page />);
    fill('6228 4802 1234 5678 901', '258369', '258369');
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/ecard/index' }));
    expect(calls[0].body).toEqual({ bankAccount: '6228480212345678901', password: '258369' });
  });

  it('explains a bank account that is not the card’s', async () => {
    mockApi({ [`POST /api/v1/ecards/${card.id}/level-2`]: { code: 'BANK_ACCOUNT_MISMATCH', status: 400 } });
    render(<Level2Page />);
    fill('6228480212345678999', '258369', '258369');
    expect((await screen.findByRole('alert')).textContent).toContain('银行账号与社保卡金融账户不一致');
  });
});
