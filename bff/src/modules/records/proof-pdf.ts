import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { InsuranceEnrolment, InsuranceKind } from '@qdssc/shared';

/**
 * Renders a proof of contributions as an A4 PDF with pdfkit. Chinese needs a CJK font embedded:
 * PROOF_FONT_PATH, else the first of the usual Debian fonts that exists (fonts-wqy-zenhei is what
 * CI installs). Without any, the proof is still issued — English labels only and no name — and
 * the caller logs that the font is missing.
 */

export interface ProofKindLine {
  insuranceKind: InsuranceKind;
  scheme: InsuranceEnrolment['scheme'] | null;
  status: InsuranceEnrolment['status'] | null;
  monthsInPeriod: number;
  monthsTotal: number | null;
}

export interface ProofDocument {
  code: string;
  holderName: string;
  holderMaskedId: string;
  insuredArea: string;
  from: string;
  to: string;
  monthsPaid: number;
  kinds: ProofKindLine[];
  /** Paid months of the period (paid on time or late). */
  months: Map<string, 'paid' | 'back_paid'>;
  /** Months inside the insured span with nothing paid. */
  gaps: Set<string>;
  issuedAt: Date;
  expiresAt: Date;
  signature: string;
  publicKeyFingerprint: string;
  verifyHint: string;
}

export interface FontCandidate {
  path: string;
  /** The file's bytes once read: a CJK collection is ~17 MB, read it once per process. */
  data?: Buffer;
  /** PostScript name inside a collection (.ttc); undefined for single fonts. */
  face?: string;
}

const DEBIAN_CJK_FONTS: FontCandidate[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', face: 'AR PL UMing CN' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

export function findCjkFont(configured?: string): FontCandidate | null {
  if (configured) {
    if (!existsSync(configured)) return null;
    const face = DEBIAN_CJK_FONTS.find((f) => f.path === configured)?.face;
    return { path: configured, face };
  }
  return DEBIAN_CJK_FONTS.find((f) => existsSync(f.path)) ?? null;
}

const KIND: Record<InsuranceKind, [string, string]> = {
  pension: ['基本养老保险', 'Pension'],
  medical: ['基本医疗保险', 'Medical'],
  unemployment: ['失业保险', 'Unemployment'],
  work_injury: ['工伤保险', 'Work injury'],
  maternity: ['生育保险', 'Maternity'],
};
const SCHEME: Record<string, [string, string]> = {
  employee: ['职工', 'Employee'],
  flexible: ['灵活就业', 'Flexible'],
  resident: ['城乡居民', 'Resident'],
};
const STATUS: Record<string, [string, string]> = {
  contributing: ['参保缴费', 'Contributing'],
  suspended: ['暂停缴费', 'Suspended'],
  terminated: ['终止参保', 'Ended'],
  drawing: ['领取待遇', 'Drawing pension'],
  covered: ['退休参保', 'Covered (retired)'],
};

const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Renders the proof; `font` null means no CJK font was found (English-only fallback). */
export function renderProofPdf(p: ProofDocument, font: FontCandidate | null): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 48, left: 56, right: 56 },
    info: {
      Title: 'Proof of social insurance contributions (Qingdao)',
      Author: 'Qingdao e-SSC',
      Subject: `Verification code ${p.code}`,
      Keywords: `proof ${p.code} ${p.from} ${p.to}`,
      CreationDate: p.issuedAt,
      ModDate: p.issuedAt,
    },
  });
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
  const t = (zh: string, en: string) => (cjk ? `${zh} ${en}` : en);
  const pair = (v: [string, string] | undefined) => (v ? (cjk ? v[0] : v[1]) : '—');
  const width = doc.page.width - 112;
  const left = 56;

  doc.fontSize(cjk ? 18 : 16).text(cjk ? '青岛市社会保险参保缴费证明' : 'Proof of Social Insurance Contributions', { align: 'center' });
  doc.moveDown(0.2).fontSize(9).fillColor('#555').text(cjk ? 'Proof of Social Insurance Contributions · Qingdao' : 'Qingdao Municipal Human Resources and Social Security', { align: 'center' });
  doc.fillColor('#000').moveDown(0.8);
  doc.moveTo(left, doc.y).lineTo(left + width, doc.y).strokeColor('#c8161d').lineWidth(1.2).stroke().strokeColor('#000').lineWidth(0.5);
  doc.moveDown(0.6).fontSize(11);

  doc.text(`${t('姓名', 'Name')}: ${cjk ? p.holderName : '(see verification)'}      ${t('证件号码', 'ID')}: ${p.holderMaskedId}`);
  doc.text(`${t('参保地', 'Insured in')}: ${cjk ? '青岛市' : 'Qingdao'} (${p.insuredArea})      ${t('证明期间', 'Period')}: ${p.from} – ${p.to}`);
  doc.text(`${t('本期缴费月数', 'Months paid in the period')}: ${p.monthsPaid}`);
  doc.moveDown(0.8);

  // Enrolment by insurance kind.
  const cols = [0, 130, 215, 310, 400];
  const head = [t('险种', 'Insurance'), t('类型', 'Scheme'), t('状态', 'Status'), t('本期月数', 'Months'), t('累计月数', 'Total')];
  doc.fontSize(9).fillColor('#555');
  let y = doc.y;
  head.forEach((h, i) => doc.text(h, left + cols[i], y, { width: (cols[i + 1] ?? width) - cols[i] - 4, lineBreak: false }));
  doc.fillColor('#000').fontSize(10);
  y += 16;
  for (const k of p.kinds) {
    const cells = [pair(KIND[k.insuranceKind]), pair(k.scheme ? SCHEME[k.scheme] : undefined), pair(k.status ? STATUS[k.status] : undefined), String(k.monthsInPeriod), k.monthsTotal === null ? '—' : String(k.monthsTotal)];
    cells.forEach((c, i) => doc.text(c, left + cols[i], y, { width: (cols[i + 1] ?? width) - cols[i] - 4, lineBreak: false }));
    y += 15;
  }
  doc.x = left;
  doc.y = y + 10;

  // Month grid: one row per year, the period's months only.
  doc.fontSize(10).text(t('缴费明细（● 已缴  ◐ 补缴  ○ 未缴）', cjk ? '' : 'Monthly record (paid / paid late / not paid)'), left, doc.y);
  doc.moveDown(0.4);
  const firstYear = Number(p.from.slice(0, 4));
  const lastYear = Number(p.to.slice(0, 4));
  const cell = 28;
  y = doc.y;
  doc.fontSize(8).fillColor('#555').text(t('年份', 'Year'), left, y, { width: 50, lineBreak: false });
  for (let m = 1; m <= 12; m++) doc.text(String(m), left + 50 + (m - 1) * cell, y, { width: cell, align: 'center', lineBreak: false });
  doc.text(t('月数', 'Paid'), left + 50 + 12 * cell, y, { width: 50, align: 'center', lineBreak: false });
  doc.fillColor('#000');
  y += 13;
  for (let year = firstYear; year <= lastYear; year++) {
    let count = 0;
    doc.fontSize(9).text(String(year), left, y, { width: 50, lineBreak: false });
    for (let m = 1; m <= 12; m++) {
      const month = `${year}-${String(m).padStart(2, '0')}`;
      if (month < p.from || month > p.to) continue;
      const state = p.months.get(month);
      if (state) count += 1;
      const mark = state === 'paid' ? (cjk ? '●' : 'x') : state === 'back_paid' ? (cjk ? '◐' : 'L') : p.gaps.has(month) ? (cjk ? '○' : '-') : '';
      doc.fillColor(state ? '#1f7a3a' : '#c8161d').text(mark, left + 50 + (m - 1) * cell, y, { width: cell, align: 'center', lineBreak: false });
    }
    doc.fillColor('#000').text(String(count), left + 50 + 12 * cell, y, { width: 50, align: 'center', lineBreak: false });
    y += 13;
    if (y > doc.page.height - 200) {
      doc.addPage();
      y = doc.y;
    }
  }
  doc.x = left;
  doc.y = y + 14;

  // Verification block.
  doc.moveTo(left, doc.y).lineTo(left + width, doc.y).stroke();
  doc.moveDown(0.6).fontSize(12).text(`${t('验证码', 'Verification code')}: ${p.code}`, left);
  doc.fontSize(9).moveDown(0.3);
  doc.text(`${t('出具时间', 'Issued')}: ${chinaTime(p.issuedAt)} (UTC+8)      ${t('有效期至', 'Valid until')}: ${chinaTime(p.expiresAt)} (UTC+8)`);
  doc.text(p.verifyHint, { width });
  doc.moveDown(0.3).fillColor('#555').fontSize(7);
  // Grouped so the 128 hex digits wrap inside the margins.
  doc.text(`${t('电子签名', 'Signature')} (SM2-with-SM3): ${p.signature.match(/.{1,32}/g)!.join(' ')}`, { width });
  doc.text(`${t('签名公钥指纹', 'Public key fingerprint')} (SM3): ${p.publicKeyFingerprint}`, { width });
  doc.moveDown(0.3).text(
    cjk
      ? '本证明依据青岛市人力资源和社会保障系统记录自动生成并经电子签名；内容以验证结果为准，涂改无效。'
      : 'Generated from the records of the Qingdao HRSS system and electronically signed; the verification result prevails.',
    { width },
  );
  doc.end();
  return done;
}
