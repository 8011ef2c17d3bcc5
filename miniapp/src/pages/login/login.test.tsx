import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { getSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import LoginPage from './index';

const personas = [
  { id: 'adult-active', label: '王海燕 · 在青参保，社保卡正常', description: 'x' },
  { id: 'elder', label: '刘桂兰 · 86岁，大字模式', description: 'y' },
];

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
});

describe('the login page', () => {
  it('lists the sandbox personas and logs in as the one tapped', async () => {
    const calls = mockApi({
      'GET /api/v1/meta': { data: { version: '0.1.0', sandbox: true, channels: ['wechat', 'alipay', 'h5'] } },
      'GET /api/v1/sandbox/personas': { data: personas },
      'POST /api/v1/sandbox/login-codes': { data: { code: 'code-123' } },
      'POST /api/v1/auth/login': {
        data: { token: 't'.repeat(43), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: false, maskedName: null } },
      },
    });
    render(<LoginPage />);
    fireEvent.click(await screen.findByRole('button', { name: '刘桂兰 · 86岁，大字模式' }));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/ecard/index' }));
    expect(calls.find((c) => c.path === '/api/v1/sandbox/login-codes')?.body).toEqual({ personaId: 'elder', channel: 'h5' });
    expect(calls.find((c) => c.path === '/api/v1/auth/login')?.body).toEqual({ channel: 'h5', code: 'code-123' });
    expect(getSession()?.user.userId).toBe('u1');
  });

  it('hides the personas outside the sandbox', async () => {
    mockApi({ 'GET /api/v1/meta': { data: { version: '0.1.0', sandbox: false, channels: ['wechat'] } } });
    render(<LoginPage />);
    await screen.findByText('登录青岛电子社保卡');
    await waitFor(() => expect(Taro.request).toHaveBeenCalledTimes(1));
    expect(screen.queryByText('演示身份（沙箱环境）')).toBeNull();
  });

  it('says why a login failed and offers the hotline', async () => {
    mockApi({
      'GET /api/v1/meta': { data: { version: '0.1.0', sandbox: true, channels: ['h5'] } },
      'GET /api/v1/sandbox/personas': { data: personas },
      'POST /api/v1/sandbox/login-codes': { data: { code: 'used' } },
      'POST /api/v1/auth/login': { code: 'LOGIN_CODE_INVALID', status: 400 },
    });
    render(<LoginPage />);
    fireEvent.click(await screen.findByRole('button', { name: '王海燕 · 在青参保，社保卡正常' }));
    expect((await screen.findByRole('alert')).textContent).toContain('登录凭证已失效，请重新打开小程序后再试');
    fireEvent.click(screen.getByRole('button', { name: '拨打 12345 热线' }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
    expect(getSession()).toBeNull();
  });
});
