import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { updateSettings } from '../state/settings';
import { LoginRequired } from './login-required';

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
});

describe('a page that needs an account', () => {
  it('says so and leads to the login page', () => {
    render(<LoginRequired label='在线缴费' />);
    fireEvent.click(screen.getByRole('button', { name: '去登录' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});
