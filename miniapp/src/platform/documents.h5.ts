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

/**
 * In a browser: fetches the PDF with the session header (a plain link could not send it) and
 * hands it to the browser as a download, which then opens it with its PDF viewer.
 */
export async function openPdf(url: string, header: Record<string, string>, fileName: string): Promise<void> {
  const res = await fetch(url, { headers: header });
  if (!res.ok) {
    let code: string | undefined;
    try {
      code = ((await res.json()) as { code?: string }).code;
    } catch {
      /* not JSON */
    }
    throw Object.assign(new Error('download refused'), { status: res.status, code });
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
