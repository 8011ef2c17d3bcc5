import Taro from '@tarojs/taro';

/** In WeChat: download with the session header, then the host's document viewer (save/share from there). */
export async function openReceipt(req: { url: string; header: Record<string, string> }, _fileName: string): Promise<void> {
  const r = await Taro.downloadFile({ url: req.url, header: req.header });
  if (r.statusCode !== 200) throw new Error(`receipt HTTP ${r.statusCode}`);
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true });
}
