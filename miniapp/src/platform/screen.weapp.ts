import Taro from '@tarojs/taro';

/**
 * While a QR code is shown: keep the screen on and turn the brightness up, so a scanner reads
 * it at once; the returned function puts both back. (Taro maps the Alipay names, too.)
 */
export async function keepScreenBright(): Promise<() => Promise<void>> {
  let before: number | undefined;
  try {
    before = (await Taro.getScreenBrightness()).value;
  } catch {
    /* some devices do not say */
  }
  await Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  await Taro.setScreenBrightness({ value: 1 }).catch(() => undefined);
  return async () => {
    await Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    if (before !== undefined) await Taro.setScreenBrightness({ value: before }).catch(() => undefined);
  };
}
