import Taro from '@tarojs/taro';

/** Alipay: a photo or an image from the album. */
export async function pickDocument(): Promise<{ path: string } | null> {
  try {
    const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return r.tempFilePaths[0] ? { path: r.tempFilePaths[0] } : null;
  } catch {
    return null; // cancelled
  }
}
