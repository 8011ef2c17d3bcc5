import { findCjkFont, renderProofPdf, type ProofDocument } from './proof-pdf';

const doc: ProofDocument = {
  code: 'ABCDE-FGHJK-MNPQR-STVWX', holderName: '王海燕', holderMaskedId: '3702**********2027', insuredArea: '370200', from: '2024-01', to: '2024-03',
  monthsPaid: 2, kinds: [{ insuranceKind: 'pension', scheme: 'employee', status: 'contributing', monthsInPeriod: 2, monthsTotal: 200 }],
  months: new Map([['2024-01', 'paid'], ['2024-03', 'back_paid']]), gaps: new Set(['2024-02']),
  issuedAt: new Date('2026-11-29T02:00:00Z'), expiresAt: new Date('2027-02-27T02:00:00Z'), signature: 'ab'.repeat(64), publicKeyFingerprint: 'cd'.repeat(16), verifyHint: 'verify',
};

describe('the proof PDF', () => {
  it('embeds a CJK font when one is installed', async () => {
    const font = findCjkFont();
    if (!font) return void console.warn('no CJK font installed here; CI installs fonts-wqy-zenhei');
    const pdf = await renderProofPdf(doc, font);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2|\/CIDFontType2/);
  });

  it('still renders, with the standard Helvetica font and English labels, when no CJK font exists', async () => {
    expect(findCjkFont('/no/such/font.ttc')).toBeNull();
    const pdf = await renderProofPdf(doc, null);
    const text = pdf.toString('latin1');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('/BaseFont /Helvetica');
    expect(text).not.toMatch(/\/FontFile2/);
  });

  it('dates the document with the issue time, not the time of rendering', async () => {
    const pdf = await renderProofPdf(doc, null);
    expect(pdf.toString('latin1')).toContain('(D:20261129020000Z)');
  });
});
