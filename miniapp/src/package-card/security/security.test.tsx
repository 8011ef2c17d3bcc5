import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession, ecardFixture } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import CardSecurityPage from './index';

const card = ecardFixture({ signLevel: 2, passwordSet: true });

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  (Taro as unknown as { __routerParams: Record<string, string> }).__routerParams = { ecardId: card.id };
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  saveSession(boundSession);
});

const fillChange = (old: string, next: string, again: string) => {
  fireEvent.change(screen.getByLabelText('原密码'), { target: { value: old } });
  fireEvent.change(screen.getByLabelText('新的6位数字密码'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('再次输入密码'), { target: { value: again } });
  fireEvent.click(screen.getByRole('button', { name: '用原密码修改' }));
};

describe('e-card password and security', () => {
  it('refuses a guessable new password and a mistyped confirmation before calling the BFF', async () => {
    const calls = mockApi({});
    render(<CardSecurityPage />);
    fillChange('258369', '111111', '111112');
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual(['不能是6个相同的数字', '两次输入的密码不一致']);
    expect(calls).toHaveLength(0);
  });

  it('changes the password with the old one', async () => {
    const calls = mockApi({ [`PUT /api/v1/ecards/${card.id}/password`]: () => ({ changed: true }) });
    render(<CardSecurityPage />);
    fillChange('258369', '470135', '470135');
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '密码已修改' })));
    expect(calls[0].body).toEqual({ oldPassword: '258369', newPassword: '470135' });
  });

  it('says how many tries are left after a wrong old password', async () => {
    mockApi({ [`PUT /api/v1/ecards/${card.id}/password`]: { code: 'ECARD_PASSWORD_WRONG', status: 400, message: '密码不正确', details: { remainingTries: 3 } } });
    render(<CardSecurityPage />);
    fillChange('258360', '470135', '470135');
    expect((await screen.findByRole('alert')).textContent).toContain('还可以再试 3 次');
  });

  it('stops the e-card in this app only after the password is confirmed', async () => {
    const calls = mockApi({ [`POST /api/v1/ecards/${card.id}/revoke`]: () => ecardFixture({ status: 'revoked' } as never) });
    render(<CardSecurityPage />);
    fireEvent.click(screen.getByRole('button', { name: '停用电子社保卡' }));
    expect(calls).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('电子社保卡密码'), { target: { value: '258369' } });
    fireEvent.click(screen.getByRole('button', { name: '输入密码并确认停用' }));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/ecard/index' }));
    expect(calls[0].body).toEqual({ password: '258369' });
  });
});
