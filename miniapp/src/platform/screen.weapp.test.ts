import Taro from '@tarojs/taro';
import { keepScreenBright } from './screen.weapp';

describe('keeping the screen on and bright while a QR code shows (WeChat and Alipay)', () => {
  beforeEach(() => jest.clearAllMocks());

  it('turns brightness up and keeps the screen on, then puts the brightness back', async () => {
    (Taro.getScreenBrightness as jest.Mock).mockResolvedValueOnce({ value: 0.35 });
    const restore = await keepScreenBright();
    expect(Taro.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
    expect(Taro.setScreenBrightness).toHaveBeenCalledWith({ value: 1 });
    await restore();
    expect(Taro.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false });
    expect(Taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.35 });
  });
});
