import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession, ecardFixture } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import EcardPage from './index';

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
});

describe('the e-card tab', () => {
  it('asks a logged-in resident without real name to verify, and says who can apply with what', async () => {
    saveSession({ ...boundSession, user: { ...boundSession.user, realNameBound: false, maskedName: null } });
    render(<EcardPage />);
    expect(screen.getByText('您尚未完成实名认证')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去实名认证' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/package-card/real-name/index' });
    expect(screen.getByText(/无论年龄、无论国籍、无论户籍/)).toBeTruthy();
    expect(screen.getByText(/户口簿或出生医学证明/)).toBeTruthy();
  });

  it('offers the application to a bound resident without a card', async () => {
    saveSession(boundSession);
    mockApi({ 'GET /api/v1/ecards': { data: [] } });
    render(<EcardPage />);
    fireEvent.click(await screen.findByRole('button', { name: '为本人申领' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/package-card/apply/index?for=self' });
  });

  it('shows the masked card face, level and channels, and the QR and level-2 actions', async () => {
    saveSession(boundSession);
    mockApi({ 'GET /api/v1/ecards': { data: [ecardFixture()] } });
    render(<EcardPage />);
    expect(await screen.findByText('3702**********2027')).toBeTruthy();
    expect(screen.getByText('一级签发 · 身份凭证')).toBeTruthy();
    expect(screen.getByText(/使用渠道: 网页、微信/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '出示二维码' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/qrcode/index?ecardId=${ecardFixture().id}` });
    fireEvent.click(screen.getByRole('button', { name: '开通支付功能（二级）' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/package-card/level2/index?ecardId=${ecardFixture().id}` });
  });

  it('reveals the full name and ID number after the password, and says how many tries are left when wrong', async () => {
    saveSession(boundSession);
    const calls = mockApi({
      'GET /api/v1/ecards': { data: [ecardFixture({ signLevel: 2, passwordSet: true })] },
      [`POST /api/v1/ecards/${ecardFixture().id}/reveal`]: () => ({ name: '王海燕', idNumber: '370202198503152027', idType: 'resident' }),
    });
    render(<EcardPage />);
    fireEvent.click(await screen.findByRole('button', { name: /点击卡面查看完整信息/ }));
    fireEvent.change(screen.getByLabelText('电子社保卡密码'), { target: { value: '258369' } });
    (Taro.request as jest.Mock).mockImplementationOnce(async () => ({ statusCode: 403, data: { code: 'ECARD_PASSWORD_WRONG', message: 'x', details: { remainingTries: 3 } } }));
    fireEvent.click(screen.getByRole('button', { name: '查看' }));
    expect((await screen.findByRole('alert')).textContent).toContain('电子社保卡密码错误，还可以再试 3 次');
    fireEvent.click(screen.getByRole('button', { name: '查看' }));
    expect(await screen.findByText('370202198503152027')).toBeTruthy();
    expect(screen.getByText('王海燕')).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/reveal')).map((c) => c.body)).toEqual([{ password: '258369' }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains why a temporarily lost card cannot be used and leads to the branch and the hotline', async () => {
    saveSession(boundSession);
    mockApi({ 'GET /api/v1/ecards': { data: [ecardFixture({ usable: false, unusableCode: 'CARD_TEMPORARILY_LOST', physicalCard: { status: 'temporarily_lost', maskedCardNo: '*****8901', bank: '交通银行' } })] } });
    render(<EcardPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('社保卡已临时挂失，电子社保卡暂停使用');
    expect(screen.queryByRole('button', { name: '出示二维码' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '查找附近网点' }));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/branches/index' });
    fireEvent.click(screen.getByRole('button', { name: '拨打 12345 热线' }));
    await waitFor(() => expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' }));
  });
});
