import PDFDocument from 'pdfkit';
import type { FontCandidate } from '../records/proof-pdf';

/** What a fee receipt (缴费凭证) shows; `signedText` is what the SM2 signature covers. */
export interface FeeReceiptDocument {
  outTradeNo: string;
  providerTxnId: string | null;
  holderMasked: string;
  description: string;
  lines: Array<{ billNo: string; title: string; period: string; amountFen: number }>;
  amountFen: number;
  refundedFen: number;
  paidAt: Date;
  provider: string;
  hrssMarked: boolean;
  signedText: string;
  signature: string;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The receipt's canonical text: one field a line, signed by the proof key so a copy can be checked offline. */
export function receiptSignedText(r: Omit<FeeReceiptDocument, 'signedText' | 'signature'>): string {
  return [
    'QD-ESSC-FEE-RECEIPT-1',
    `outTradeNo=${r.outTradeNo}`,
    `holder=${r.holderMasked}`,
    `amountFen=${r.amountFen}`,
    `paidAt=${r.paidAt.toISOString()}`,
    ...r.lines.map((l) => `bill=${l.billNo}|${l.period}|${l.amountFen}`),
  ].join('\n');
}

export function renderReceiptPdf(r: FeeReceiptDocument, font: FontCandidate | null): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5', margins: { top: 40, bottom: 36, left: 40, right: 40 }, info: { Title: `Receipt ${r.outTradeNo}`, Author: 'Qingdao e-SSC', CreationDate: r.paidAt, ModDate: r.paidAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const cjk = Boolean(font);
  if (font) {
    doc.registerFont('body', font.data ?? font.path, font.face as string);
    doc.font('body');
  } else doc.font('Helvetica');
  const t = (zh: string, en: string) => (cjk ? zh : en);
  const width = doc.page.width - 80;

  doc.fontSize(15).text(t('青岛市人力资源和社会保障 缴费凭证', 'Qingdao HRSS payment receipt'), { align: 'center' });
  doc.moveDown(0.2).fontSize(8).fillColor('#555').text('Payment receipt · 电子社保卡', { align: 'center' }).fillColor('#000');
  doc.moveDown(0.6).fontSize(9);
  doc.text(`${t('订单号', 'Order no.')}: ${r.outTradeNo}`);
  doc.text(`${t('支付流水号', 'Transaction')}: ${r.providerTxnId ?? '—'}  (${r.provider})`);
  doc.text(`${t('缴费人证件号', 'Payer ID')}: ${r.holderMasked}`);
  doc.text(`${t('支付时间', 'Paid at')}: ${chinaTime(r.paidAt)} (UTC+8)`);
  doc.moveDown(0.5);
  for (const l of r.lines) {
    doc.text(`${cjk ? l.title : l.billNo}  ${l.period}`, { width: width - 80, continued: false });
    doc.moveUp().text(yuan(l.amountFen), { align: 'right', width });
  }
  doc.moveDown(0.4).fontSize(11).text(`${t('合计', 'Total')}: ${yuan(r.amountFen)}`, { align: 'right', width });
  if (r.refundedFen > 0) doc.fontSize(9).fillColor('#c8161d').text(`${t('已退款', 'Refunded')}: ${yuan(r.refundedFen)}`, { align: 'right', width }).fillColor('#000');
  doc.moveDown(0.4).fontSize(8).text(r.hrssMarked ? t('人社系统已确认到账', 'Booked by the HRSS system') : t('人社系统确认中', 'Being booked by the HRSS system'));
  doc.moveDown(0.6).fillColor('#555').fontSize(6.5);
  doc.text(`${t('签名内容', 'Signed text')}: ${r.signedText.replace(/\n/g, ' ; ')}`, { width });
  doc.text(`${t('电子签名', 'Signature')} (SM2-with-SM3): ${r.signature.match(/.{1,32}/g)!.join(' ')}`, { width });
  doc.end();
  return done;
}
