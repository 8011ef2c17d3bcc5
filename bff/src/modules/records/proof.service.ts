import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addMonths,
  INSURANCE_KINDS,
  maskIdNumber,
  maskName,
  monthIndex,
  monthInChina,
  monthRange,
  monthsBetween,
  type ContributionMonth,
  type InsuranceEnrolment,
  type IssuedProof,
  type ProofVerification,
} from '@qdssc/shared';
import type { DataSource, Repository } from 'typeorm';
import type { HrssClient } from '../../adapters/hrss/hrss.client';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { sm3Hex } from '../../lib/crypto/sm';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { AuditService } from '../audit/audit.service';
import type { Session } from '../auth/session.store';
import { findCjkFont, renderProofPdf, type FontCandidate, type ProofDocument, type ProofKindLine } from './proof-pdf';
import { ProofSigner } from './proof-signer';
import { ContributionProof } from './proof.entity';
import { mapHrssRefusal, type RecordsService } from './records.service';
import type { RecordsSubject } from './records-subject';

export const MAX_PROOF_MONTHS = 120;

export interface ProofConfig {
  validDays: number;
  uploadDir: string;
  fontPath?: string;
}

/** Months of `row` inside [from, to] (a residents' yearly premium covers twelve). */
function coveredMonths(row: ContributionMonth, from: string, to: string): string[] {
  return monthRange(row.month, addMonths(row.month, row.coverageMonths - 1)).filter((m) => m >= from && m <= to);
}

/**
 * Proofs of contributions (参保证明): facts straight from the HRSS system (never a cache), signed
 * with the BFF's SM2 key, rendered as a PDF kept under UPLOAD_DIR, and recorded so that anyone
 * can check the verification code later.
 */
export class ProofService {
  private readonly repo: Repository<ContributionProof>;
  private font: FontCandidate | null | undefined;

  constructor(
    db: DataSource,
    private readonly hrss: HrssClient,
    private readonly records: RecordsService,
    readonly signer: ProofSigner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cfg: ProofConfig,
    private readonly logger: Logger,
  ) {
    this.repo = db.getRepository(ContributionProof);
  }

  async issue(session: Session, subject: RecordsSubject, from: string, to: string, requestId?: string): Promise<IssuedProof> {
    const now = this.clock.now();
    const thisMonth = monthInChina(now);
    if (monthIndex(to) > monthIndex(thisMonth) || monthsBetween(from, to) > MAX_PROOF_MONTHS) throw new AppError('PROOF_PERIOD_INVALID', { maxMonths: MAX_PROOF_MONTHS, latestMonth: thisMonth });

    const [person, rows, enrolments] = await Promise.all([
      this.hrss.person(subject.idNumber).catch((err) => Promise.reject(mapHrssRefusal(err))),
      this.allContributions(subject, from, to),
      this.records.fetch('insurance', subject, { page: 1, pageSize: 50 }),
    ]);
    const months = new Map<string, 'paid' | 'back_paid'>();
    for (const row of rows) for (const m of coveredMonths(row, from, to)) if (months.get(m) !== 'paid') months.set(m, row.status);
    if (months.size === 0) {
      await this.audit.record({ action: 'proof.issue', result: 'refused', code: 'PROOF_NOTHING_PAID', actorUserId: session.userId, subjectResidentId: subject.residentRef, channel: session.channel, requestId });
      throw new AppError('PROOF_NOTHING_PAID');
    }
    const sorted = [...months.keys()].sort();
    const gaps = new Set(monthRange(sorted[0], sorted[sorted.length - 1]).filter((m) => !months.has(m)));
    const kinds = this.kindLines(rows, enrolments.items, from, to);

    const code = this.signer.newCode();
    const issuedAt = new Date(now);
    const expiresAt = new Date(now + this.cfg.validDays * 86_400_000);
    const holderMaskedName = maskName(person.aac003);
    const holderMaskedId = maskIdNumber(subject.idNumber);
    const signedText = [
      'QDSSC-PROOF/1',
      `code=${code}`,
      `holder=${holderMaskedName}`,
      `id=${holderMaskedId}`,
      `insuredArea=${person.aab301}`,
      `period=${from}..${to}`,
      `monthsPaid=${months.size}`,
      `kinds=${kinds.filter((k) => k.monthsInPeriod > 0).map((k) => `${k.insuranceKind}:${k.monthsInPeriod}`).join(',')}`,
      `issuedAt=${issuedAt.toISOString()}`,
      `expiresAt=${expiresAt.toISOString()}`,
    ].join('\n');
    const signature = this.signer.sign(signedText);

    const font = this.cjkFont();
    const doc: ProofDocument = {
      code, holderName: person.aac003, holderMaskedId, insuredArea: person.aab301, from, to, monthsPaid: months.size, kinds, months, gaps,
      issuedAt, expiresAt, signature, publicKeyFingerprint: sm3Hex(this.signer.publicKey).slice(0, 32),
      verifyHint: font
        ? `验证方式：在“青岛电子社保卡”中选择“证明验证”输入验证码，或访问 /api/v1/proofs/${code}（Verify in the app or at /api/v1/proofs/${code}）`
        : `Verify in the Qingdao e-SSC app or at /api/v1/proofs/${code}`,
    };
    const pdf = await renderProofPdf(doc, font);
    const pdfSm3 = sm3Hex(pdf);

    const id = newId(now);
    const dir = join(this.cfg.uploadDir, 'proofs', issuedAt.toISOString().slice(0, 7));
    const pdfPath = join(dir, `${id}.pdf`);
    await mkdir(dir, { recursive: true });
    await writeFile(pdfPath, pdf, { mode: 0o600 });
    try {
      await this.repo.insert(this.repo.create({
        id, code, residentRef: subject.residentRef, createdByUserId: session.userId, holderMaskedName, holderMaskedId,
        periodFrom: from, periodTo: to, monthsPaid: months.size, pdfSm3, pdfPath, sizeBytes: pdf.length, signedText, signature, issuedAt, expiresAt,
      }));
    } catch (err) {
      await rm(pdfPath, { force: true });
      throw err;
    }
    await this.audit.record({
      action: 'proof.issue', result: 'ok', actorUserId: session.userId, subjectResidentId: subject.residentRef, channel: session.channel, requestId,
      detail: { from, to, monthsPaid: months.size, ward: subject.relation === 'ward', cjkFont: Boolean(font) },
    });
    return { code, from, to, monthsPaid: months.size, issuedAt: issuedAt.toISOString(), expiresAt: expiresAt.toISOString(), filePath: `/api/v1/proofs/${code}/file`, sizeBytes: pdf.length };
  }

  /** The PDF of a proof this user issued; anyone else's code answers as if it did not exist. */
  async file(session: Session, code: string): Promise<{ pdf: Buffer; code: string }> {
    const valid = this.signer.checkCode(code);
    const row = valid ? await this.repo.findOneBy({ code: valid }) : null;
    if (!row || row.createdByUserId !== session.userId) throw new AppError('PROOF_CODE_INVALID');
    let pdf: Buffer;
    try {
      pdf = await readFile(row.pdfPath);
    } catch {
      throw new AppError('PROOF_FILE_GONE');
    }
    if (sm3Hex(pdf) !== row.pdfSm3) {
      this.logger.error({ proofId: row.id }, 'stored proof PDF does not match its recorded SM3');
      throw new AppError('PROOF_FILE_GONE');
    }
    return { pdf, code: row.code };
  }

  /** Public check of a verification code: forged, altered or unknown codes are refused alike. */
  async verify(code: string): Promise<ProofVerification> {
    const valid = this.signer.checkCode(code);
    if (!valid) throw new AppError('PROOF_CODE_INVALID');
    const row = await this.repo.findOneBy({ code: valid });
    if (!row) throw new AppError('PROOF_CODE_INVALID');
    if (!this.signer.verify(row.signedText, row.signature) || !row.signedText.includes(`\ncode=${row.code}\n`)) {
      this.logger.error({ proofId: row.id }, 'stored proof fails its SM2 signature: refusing it');
      throw new AppError('PROOF_CODE_INVALID');
    }
    return {
      status: row.expiresAt.getTime() > this.clock.now() ? 'valid' : 'expired',
      holderMaskedName: row.holderMaskedName,
      holderMaskedIdNumber: row.holderMaskedId,
      from: row.periodFrom,
      to: row.periodTo,
      monthsPaid: row.monthsPaid,
      issuedAt: row.issuedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      pdfSm3: row.pdfSm3,
      signature: row.signature,
      signedText: row.signedText,
    };
  }

  /** Found and read once; a missing font is logged once and proofs fall back to English. */
  private cjkFont(): FontCandidate | null {
    if (this.font !== undefined) return this.font;
    const found = findCjkFont(this.cfg.fontPath);
    try {
      this.font = found ? { ...found, data: readFileSync(found.path) } : null;
    } catch {
      this.font = null;
    }
    if (!this.font) this.logger.warn({ configured: this.cfg.fontPath ?? null }, 'no CJK font found: proofs are issued with English labels only (install fonts-wqy-zenhei or set PROOF_FONT_PATH)');
    return this.font;
  }

  private async allContributions(subject: RecordsSubject, from: string, to: string): Promise<ContributionMonth[]> {
    const rows: ContributionMonth[] = [];
    for (let page = 1; page <= 20; page++) {
      const p = await this.records.fetch('contributions', subject, { from, to, page, pageSize: 50 });
      rows.push(...p.items);
      if (rows.length >= p.total || p.items.length === 0) break;
    }
    return rows;
  }

  private kindLines(rows: ContributionMonth[], enrolments: InsuranceEnrolment[], from: string, to: string): ProofKindLine[] {
    return INSURANCE_KINDS.map((kind) => {
      const e = enrolments.find((x) => x.insuranceKind === kind);
      const months = new Set(rows.filter((r) => r.parts.some((p) => p.insuranceKind === kind)).flatMap((r) => coveredMonths(r, from, to)));
      return { insuranceKind: kind, scheme: e?.scheme ?? null, status: e?.status ?? null, monthsInPeriod: months.size, monthsTotal: e?.monthsContributed ?? null };
    }).filter((k) => k.monthsInPeriod > 0 || k.status !== null);
  }
}
