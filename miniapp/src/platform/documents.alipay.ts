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

/**
 * Alipay: my.downloadFile (which names the file `apFilePath` and may omit the status) and
 * my.openDocument, which shows PDFs.
 */
export async function openPdf(url: string, header: Record<string, string>, _fileName: string): Promise<void> {
  const r = (await Taro.downloadFile({ url, header })) as unknown as { statusCode?: number; tempFilePath?: string; apFilePath?: string };
  if (r.statusCode !== undefined && r.statusCode !== 200) throw Object.assign(new Error('download refused'), { status: r.statusCode });
  await Taro.openDocument({ filePath: (r.tempFilePath ?? r.apFilePath)!, fileType: 'pdf' });
}
