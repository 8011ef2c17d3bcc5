import Taro from '@tarojs/taro';

/** WeChat: take or pick a photo, or pick a PDF/image file from a chat (where most PDFs live). */
export async function pickDocument(): Promise<{ path: string } | null> {
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从聊天记录选择文件'] });
    if (tapIndex === 0) {
      const r = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      return r.tempFiles[0] ? { path: r.tempFiles[0].tempFilePath } : null;
    }
    const f = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] });
    return f.tempFiles[0] ? { path: f.tempFiles[0].path } : null;
  } catch {
    return null; // cancelled
  }
}

/**
 * WeChat: downloads a PDF with the session header and opens it in WeChat's document viewer
 * (whose menu saves or forwards it). A refusal answers the BFF's HTTP status.
 */
export async function openPdf(url: string, header: Record<string, string>, _fileName: string): Promise<void> {
  const r = await Taro.downloadFile({ url, header });
  if (r.statusCode !== 200) throw Object.assign(new Error('download refused'), { status: r.statusCode });
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true });
}
