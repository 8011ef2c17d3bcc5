import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { getSession, saveSession } from '../../state/session';
import { getSettings, updateSettings } from '../../state/settings';
import MePage from './index';

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
});

describe('the Me page', () => {
  it('turns on large-font mode for every page and remembers it', () => {
    const { container } = render(<MePage />);
    expect(container.querySelector('.page')?.classList.contains('large-font')).toBe(false);
    fireEvent.click(screen.getByRole('switch', { name: '大字模式' }));
    expect(container.querySelector('.page')?.classList.contains('large-font')).toBe(true);
    expect(getSettings().largeFont).toBe(true);
    expect(Taro.setStorageSync).toHaveBeenCalledWith('qdssc.settings', { largeFont: true, lang: 'zh' });
  });

  it('switches the interface to English', () => {
    render(<MePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Language / 语言' }));
    expect(screen.getByText('Large text')).toBeTruthy();
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Me');
  });

  it('logs out on the device even when the server cannot be reached', async () => {
    saveSession({ token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { userId: 'u1', channel: 'wechat', realNameBound: true, maskedName: '**燕' } });
    (Taro.request as unknown as jest.Mock).mockRejectedValue(new Error('request:fail'));
    render(<MePage />);
    expect(screen.getByText('已实名 **燕')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '退出登录' }));
    await screen.findByRole('button', { name: '去登录' });
    expect(getSession()).toBeNull();
  });
});
