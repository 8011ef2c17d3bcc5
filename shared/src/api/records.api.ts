import { z } from 'zod';
import { isIsoDate, isMonth, monthIndex } from '../domain/months';
import { endpoint } from './endpoint';

/**
 * Personal records from the Qingdao HRSS system (the article's first "super function": social
 * insurance, employment, training, qualifications, skill levels, start-up loans) and the proof of
 * contributions (参保证明). One endpoint per kind, all under `/api/v1/records/<kind>`, so every
 * kind has its own typed filters and answer. `for=<wardId>` reads a ward's records (guardians).
 */

export const RECORD_KINDS = ['insurance', 'contributions', 'employment', 'training', 'qualifications', 'skill-levels', 'startup-loans'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const INSURANCE_KINDS = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const;
export const InsuranceKind = z.enum(INSURANCE_KINDS);
export type InsuranceKind = z.infer<typeof InsuranceKind>;

export const IsoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
export const Month = z.string().refine(isMonth, '月份格式应为 YYYY-MM');
const Fen = z.number().int().min(0).describe('integer fen');

const ForWard = z.string().trim().min(1).max(64).optional().describe('Read the records of this ward (a child the caller is guardian of)');
const Page = z.coerce.number().int().min(1).max(10_000).default(1);
const PageSize = z.coerce.number().int().min(1).max(50).default(20);

function rangeChecked<T extends z.ZodType<{ from?: string; to?: string }>>(schema: T, by: (s: string) => number) {
  return schema.refine((q: { from?: string; to?: string }) => !q.from || !q.to || by(q.from) <= by(q.to), { message: '开始不能晚于结束', path: ['to'] });
}
const dateKey = (s: string) => Number(s.replace(/-/g, ''));

export const DatedRecordQuery = z.object({
  for: ForWard,
  page: Page,
  pageSize: PageSize,
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const InsuranceQuery = z.object({ for: ForWard, page: Page, pageSize: PageSize, insuranceKind: InsuranceKind.optional() });
export const ContributionsQuery = rangeChecked(
  z.object({ for: ForWard, page: Page, pageSize: PageSize, from: Month.optional(), to: Month.optional(), insuranceKind: InsuranceKind.optional() }),
  monthIndex,
);
export const EmploymentQuery = rangeChecked(DatedRecordQuery.extend({ type: z.enum(['employment', 'unemployment']).optional() }), dateKey);
export const TrainingQuery = rangeChecked(DatedRecordQuery.extend({ certified: z.enum(['true', 'false']).optional() }), dateKey);
export const QualificationsQuery = rangeChecked(DatedRecordQuery, dateKey);
export const SkillLevelsQuery = rangeChecked(DatedRecordQuery.extend({ level: z.coerce.number().int().min(1).max(5).optional() }), dateKey);
export const STARTUP_LOAN_STATUSES = ['reviewing', 'approved', 'disbursed', 'repaying', 'repaid', 'rejected'] as const;
export const StartupLoansQuery = rangeChecked(DatedRecordQuery.extend({ status: z.enum(STARTUP_LOAN_STATUSES).optional() }), dateKey);

export const InsuranceEnrolment = z.object({
  insuranceKind: InsuranceKind,
  /** 职工 (through an employer), 灵活就业 (self-paid), 城乡居民 (residents' scheme: children, students, the non-employed). */
  scheme: z.enum(['employee', 'flexible', 'resident']),
  status: z.enum(['contributing', 'suspended', 'terminated', 'drawing', 'covered']).describe('drawing = receiving the pension; covered = insured without paying (retirees’ medical insurance)'),
  firstEnrolledOn: IsoDate,
  lastContributionMonth: Month.nullable(),
  monthsContributed: z.number().int().min(0),
  unitName: z.string().nullable(),
  insuredArea: z.string().regex(/^\d{6}$/),
});
export type InsuranceEnrolment = z.infer<typeof InsuranceEnrolment>;

export const ContributionPart = z.object({ insuranceKind: InsuranceKind, baseFen: Fen, personalFen: Fen, employerFen: Fen });
export const ContributionMonth = z.object({
  month: Month,
  scheme: z.enum(['employee', 'flexible', 'resident']),
  unitName: z.string().nullable(),
  /** back_paid = 补缴: paid later for this month. */
  status: z.enum(['paid', 'back_paid']),
  /** Months this payment covers: 1, or 12 for the residents' scheme's yearly premium (paid for the year starting at `month`). */
  coverageMonths: z.number().int().min(1).max(12),
  baseFen: Fen,
  personalFen: Fen,
  employerFen: Fen,
  parts: z.array(ContributionPart),
});
export type ContributionMonth = z.infer<typeof ContributionMonth>;

export const ContributionSummary = z.object({
  firstMonth: Month.nullable(),
  lastMonth: Month.nullable(),
  paidMonths: z.number().int().min(0),
  /** Months inside the insured span (within the asked range) with nothing paid: 断缴. */
  gapMonths: z.array(Month),
  personalTotalFen: Fen,
  employerTotalFen: Fen,
});
export type ContributionSummary = z.infer<typeof ContributionSummary>;

export const EmploymentRecord = z.object({
  registrationNo: z.string(),
  type: z.enum(['employment', 'unemployment']),
  registeredOn: IsoDate,
  unitName: z.string().nullable(),
  unitCreditCode: z.string().nullable(),
  position: z.string().nullable(),
  contractType: z.enum(['fixed_term', 'open_ended', 'task_based']).nullable(),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  status: z.enum(['current', 'ended']),
  office: z.string(),
});
export type EmploymentRecord = z.infer<typeof EmploymentRecord>;

export const TrainingRecord = z.object({
  courseName: z.string(),
  occupation: z.string(),
  provider: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  hours: z.number().int().min(0),
  result: z.enum(['passed', 'failed', 'in_progress']),
  certificateNo: z.string().nullable(),
  subsidyFen: Fen.nullable(),
});
export type TrainingRecord = z.infer<typeof TrainingRecord>;

export const QualificationRecord = z.object({
  name: z.string(),
  category: z.enum(['professional_title', 'vocational_qualification']),
  level: z.string(),
  certificateNo: z.string(),
  issuingBody: z.string(),
  issuedOn: IsoDate,
  validUntil: IsoDate.nullable(),
});
export type QualificationRecord = z.infer<typeof QualificationRecord>;

export const SkillLevelRecord = z.object({
  occupation: z.string(),
  occupationCode: z.string(),
  /** 1 = 一级/高级技师 … 5 = 五级/初级工. */
  level: z.number().int().min(1).max(5),
  levelName: z.string(),
  certificateNo: z.string(),
  issuingBody: z.string(),
  issuedOn: IsoDate,
});
export type SkillLevelRecord = z.infer<typeof SkillLevelRecord>;

export const StartupLoanRecord = z.object({
  applicationNo: z.string(),
  appliedOn: IsoDate,
  businessName: z.string(),
  amountFen: Fen,
  termMonths: z.number().int().min(1),
  bank: z.string(),
  status: z.enum(STARTUP_LOAN_STATUSES),
  /** Share of the interest the government pays (财政贴息), percent. */
  interestSubsidyPct: z.number().min(0).max(100),
  disbursedOn: IsoDate.nullable(),
  settledOn: IsoDate.nullable(),
  note: z.string().nullable(),
});
export type StartupLoanRecord = z.infer<typeof StartupLoanRecord>;

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().min(0),
    /** When the HRSS system answered (a cached answer keeps its time). */
    asOf: z.string().datetime(),
  });
}

export const InsurancePage = pageOf(InsuranceEnrolment);
export const ContributionsPage = pageOf(ContributionMonth).extend({ summary: ContributionSummary });
export const EmploymentPage = pageOf(EmploymentRecord);
export const TrainingPage = pageOf(TrainingRecord);
export const QualificationsPage = pageOf(QualificationRecord);
export const SkillLevelsPage = pageOf(SkillLevelRecord);
export const StartupLoansPage = pageOf(StartupLoanRecord);
export type ContributionsPage = z.infer<typeof ContributionsPage>;

const RECORD_ERRORS = ['REAL_NAME_REQUIRED', 'WARD_NOT_FOUND', 'HRSS_PERSON_UNKNOWN', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT'] as const;

function recordsEndpoint<Q extends z.ZodType, R extends z.ZodType>(kind: RecordKind, summary: string, query: Q, response: R) {
  return endpoint({
    method: 'get', path: `/api/v1/records/${kind}`, tag: 'records', auth: 'session',
    summary, query, response, errors: RECORD_ERRORS,
    description: 'Answers are cached briefly per user (dropped on logout); every read is audited.',
  });
}

/** Proof of contributions: a signed PDF whose verification code anyone can check. */
export const ProofRequest = z
  .object({ from: Month, to: Month, for: ForWard })
  .refine((b) => monthIndex(b.from) <= monthIndex(b.to), { message: '开始月份不能晚于结束月份', path: ['to'] });

export const PROOF_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;
/** What a person typed, tidied: case, spaces and dashes, and the letters Crockford base32 reads as digits (O→0, I/L→1). */
export function normalizeProofCode(input: string): string {
  const raw = String(input ?? '').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return raw.length === 20 ? raw.match(/.{5}/g)!.join('-') : raw;
}
export const ProofCode = z
  .string()
  .max(40)
  .transform(normalizeProofCode)
  .refine((s) => PROOF_CODE_PATTERN.test(s), '验证码格式应为 XXXXX-XXXXX-XXXXX-XXXXX');

export const IssuedProof = z.object({
  code: z.string(),
  from: Month,
  to: Month,
  monthsPaid: z.number().int().min(0),
  issuedAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  /** GET this with the session to download the PDF. */
  filePath: z.string(),
  sizeBytes: z.number().int().min(1),
});
export type IssuedProof = z.infer<typeof IssuedProof>;

export const ProofVerification = z.object({
  status: z.enum(['valid', 'expired']),
  holderMaskedName: z.string(),
  holderMaskedIdNumber: z.string(),
  from: Month,
  to: Month,
  monthsPaid: z.number().int().min(0),
  issuedAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  /** SM3 of the PDF as issued: a verifier compares it with the file they were handed. */
  pdfSm3: z.string().regex(/^[0-9a-f]{64}$/),
  /** SM2 signature (r‖s hex) over the proof's facts, verifiable with the public key. */
  signature: z.string(),
  signedText: z.string(),
});
export type ProofVerification = z.infer<typeof ProofVerification>;

export const ProofPublicKey = z.object({
  algorithm: z.literal('SM2-with-SM3'),
  publicKey: z.string().describe('uncompressed point, hex (04‖x‖y)'),
  userId: z.string().describe('the SM2 signer id used in Z (GM/T 0009 default)'),
});

export const recordsApi = {
  insurance: recordsEndpoint('insurance', 'Social insurance enrolment by kind (pension, medical, unemployment, work injury, maternity)', InsuranceQuery, InsurancePage),
  contributions: recordsEndpoint('contributions', 'Monthly contributions (base, personal and employer parts) with gap months', ContributionsQuery, ContributionsPage),
  employment: recordsEndpoint('employment', 'Employment and unemployment registrations', EmploymentQuery, EmploymentPage),
  training: recordsEndpoint('training', 'Vocational training courses and their certificates', TrainingQuery, TrainingPage),
  qualifications: recordsEndpoint('qualifications', 'Professional qualification certificates', QualificationsQuery, QualificationsPage),
  skillLevels: recordsEndpoint('skill-levels', 'Skill-level certificates (职业技能等级)', SkillLevelsQuery, SkillLevelsPage),
  startupLoans: recordsEndpoint('startup-loans', 'Start-up guaranteed-loan applications and support status', StartupLoansQuery, StartupLoansPage),

  issueProof: endpoint({
    method: 'post', path: '/api/v1/proofs', tag: 'records', auth: 'session',
    summary: 'Issue a proof of contributions (参保证明) as a signed PDF for a period of months',
    body: ProofRequest, response: IssuedProof,
    errors: [...RECORD_ERRORS, 'PROOF_PERIOD_INVALID', 'PROOF_NOTHING_PAID'],
  }),
  proofFile: endpoint({
    method: 'get', path: '/api/v1/proofs/:code/file', tag: 'records', auth: 'session',
    summary: 'Download the PDF of a proof the caller issued (application/pdf)',
    params: z.object({ code: ProofCode }), response: z.unknown(),
    errors: ['PROOF_CODE_INVALID', 'PROOF_FILE_GONE'],
  }),
  proofPublicKey: endpoint({
    method: 'get', path: '/api/v1/proofs/public-key', tag: 'records', auth: 'public',
    summary: 'The SM2 public key proofs are signed with', response: ProofPublicKey,
  }),
  verifyProof: endpoint({
    method: 'get', path: '/api/v1/proofs/:code', tag: 'records', auth: 'public',
    summary: 'Check a proof’s verification code: answers the masked holder, the period and the issue date',
    params: z.object({ code: ProofCode }), response: ProofVerification,
    errors: ['PROOF_CODE_INVALID', 'RATE_LIMITED'],
  }),
};
