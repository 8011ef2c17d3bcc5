import Taro from '@tarojs/taro';

/**
 * Choosing a document to upload. In a browser: a photo or an image file (the file dialog);
 * PDFs are uploaded from the WeChat build, where chats hold them.
 */
export async function pickDocument(): Promise<{ path: string } | null> {
  try {
    const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return r.tempFilePaths[0] ? { path: r.tempFilePaths[0] } : null;
  } catch {
    return null; // cancelled
  }
}
