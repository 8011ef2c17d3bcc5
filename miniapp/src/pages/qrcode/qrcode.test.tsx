import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession, ecardFixture } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';

const mockRestore = jest.fn(async () => undefined);
jest.mock('../../platform/screen', () => ({ keepScreenBright: jest.fn(async () => mockRestore) }));
import { keepScreenBright } from '../../platform/screen';
import QrCodePage from './index';

const card = ecardFixture();
let n = 0;
const nextCode = () => {
  n += 1;
  return { qrcode: `E1.${String(n).padStart(22, 'A')}.1795900000.${'B'.repeat(22)}`, expiresAt: new Date(Date.now() + 60_000).toISOString(), ttlSeconds: 60, refreshInSeconds: 50 };
};

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  (Taro as unknown as { __routerParams: Record<string, string> }).__routerParams = { ecardId: card.id };
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  saveSession(boundSession);
});
afterEach(() => jest.useRealTimers());

describe('the QR code page', () => {
  it('shows a code with its countdown, fetches the next one before it expires, and restores the screen on leaving', async () => {
    jest.useFakeTimers();
    const calls = mockApi({ [`GET /api/v1/ecards/${card.id}`]: { data: card }, [`POST /api/v1/ecards/${card.id}/qrcodes`]: nextCode });
    const view = render(<QrCodePage />);
    const first = await screen.findByRole('img', { name: /电子社保卡二维码，\d+秒内有效/ });
    const firstCode = first.getAttribute('data-qr');
    expect(screen.getByText('持卡人：**燕')).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('50 秒后自动刷新');
    expect(keepScreenBright).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(screen.getByRole('timer').textContent).toBe('40 秒后自动刷新');
    await act(async () => {
      jest.advanceTimersByTime(40_000);
    });
    await act(async () => undefined);
    expect(screen.getByRole('img').getAttribute('data-qr')).not.toBe(firstCode);
    expect(screen.getByRole('timer').textContent).toBe('50 秒后自动刷新');
    expect(calls.filter((c) => c.path.endsWith('/qrcodes'))).toHaveLength(2);

    view.unmount();
    expect(mockRestore).toHaveBeenCalled();
    const before = calls.length;
    await act(async () => {
      jest.advanceTimersByTime(120_000);
    });
    expect(calls.length).toBe(before);
  });

  it('says why no code can be shown for a card reported lost, with the hotline and branches', async () => {
    mockApi({
      [`GET /api/v1/ecards/${card.id}`]: { data: card },
      [`POST /api/v1/ecards/${card.id}/qrcodes`]: { code: 'CARD_TEMPORARILY_LOST', status: 409 },
    });
    render(<QrCodePage />);
    expect((await screen.findByRole('alert')).textContent).toContain('社保卡已临时挂失');
    expect(screen.queryByRole('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '拨打 12345 热线' }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
  });
});
