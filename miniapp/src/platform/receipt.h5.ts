/**
 * Opening a PDF receipt in a browser: fetched with the session header (the file is the payer's
 * only, so a bare link would not do), then saved through a temporary object URL.
 */
export async function openReceipt(req: { url: string; header: Record<string, string> }, fileName: string): Promise<void> {
  const res = await fetch(req.url, { headers: req.header });
  if (!res.ok) throw new Error(`receipt HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
