import Taro from '@tarojs/taro';

/** In Alipay: download with the session header, then the host's document viewer. */
export async function openReceipt(req: { url: string; header: Record<string, string> }, _fileName: string): Promise<void> {
  const r = await Taro.downloadFile({ url: req.url, header: req.header });
  if (r.statusCode !== 200) throw new Error(`receipt HTTP ${r.statusCode}`);
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf' });
}
