import Taro from '@tarojs/taro';

/** WeChat's scanner (wx.scanCode through Taro), camera only: a photo from the album could be anyone's code. */
export const CAN_SCAN = true;

/** The scanned text, or null when the resident closed the scanner. */
export async function scanCode(): Promise<string | null> {
  try {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return r.result ?? null;
  } catch {
    return null;
  }
}
