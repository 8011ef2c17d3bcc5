import {
  formatFen,
  type EmploymentRecord,
  type InsuranceEnrolment,
  type QualificationRecord,
  type RecordKind,
  type SkillLevelRecord,
  type StartupLoanRecord,
  type TrainingRecord,
} from '@qdssc/shared';
import { fill } from '../../i18n/fill';
import type { Messages } from '../../i18n';

/** The kinds listed by the generic list page (contributions have their own page with the chart). */
export const LIST_KINDS = ['insurance', 'employment', 'training', 'qualifications', 'skill-levels', 'startup-loans'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Which kinds can be narrowed by a date range at the source. */
export const DATED_KINDS: ReadonlySet<RecordKind> = new Set(['employment', 'training', 'qualifications', 'skill-levels', 'startup-loans']);

/** `skill-levels` → `skillLevels`: the i18n and service key of a kind. */
export function kindKey(kind: RecordKind) {
  return kind.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) as keyof Messages['records']['kinds'];
}

export function isListKind(s: string | undefined): s is ListKind {
  return (LIST_KINDS as readonly string[]).includes(s ?? '');
}

export interface ShownRecord {
  title: string;
  tag?: string;
  rows: Array<[label: string, value: string]>;
}

/**
 * One record as a title and label/value rows, in the UI language. Values HRSS leaves empty
 * show as "none" rather than vanishing, so a missing end date reads as "none", not as forgotten.
 */
export function showRecord(kind: ListKind, record: unknown, t: Messages): ShownRecord {
  const r = t.records;
  const f = r.fields;
  const v = r.values;
  const opt = (s: string | null | undefined) => (s === null || s === undefined || s === '' ? r.none : s);
  switch (kind) {
    case 'insurance': {
      const x = record as InsuranceEnrolment;
      return {
        title: v.insuranceKind[x.insuranceKind],
        tag: v.insuranceStatus[x.status],
        rows: [
          [f.scheme, v.scheme[x.scheme]],
          [f.monthsContributed, fill(r.monthsUnit, { n: x.monthsContributed })],
          [f.firstEnrolledOn, x.firstEnrolledOn],
          [f.lastContributionMonth, opt(x.lastContributionMonth)],
          [f.unitName, opt(x.unitName)],
          [f.insuredArea, x.insuredArea],
        ],
      };
    }
    case 'employment': {
      const x = record as EmploymentRecord;
      return {
        title: `${v.employmentType[x.type]} · ${opt(x.unitName)}`,
        tag: v.employmentStatus[x.status],
        rows: [
          [f.registrationNo, x.registrationNo],
          [f.registeredOn, x.registeredOn],
          [f.position, opt(x.position)],
          [f.contractType, x.contractType ? v.contractType[x.contractType] : r.none],
          [f.startDate, x.startDate],
          [f.endDate, opt(x.endDate)],
          [f.office, x.office],
        ],
      };
    }
    case 'training': {
      const x = record as TrainingRecord;
      return {
        title: x.courseName,
        tag: v.trainingResult[x.result],
        rows: [
          [f.occupation, x.occupation],
          [f.provider, x.provider],
          [f.startDate, x.startDate],
          [f.endDate, x.endDate],
          [f.hours, fill(r.hoursUnit, { n: x.hours })],
          [f.certificateNo, opt(x.certificateNo)],
          [f.subsidyFen, x.subsidyFen === null ? r.none : formatFen(x.subsidyFen)],
        ],
      };
    }
    case 'qualifications': {
      const x = record as QualificationRecord;
      return {
        title: x.name,
        tag: x.level,
        rows: [
          [f.category, v.qualificationCategory[x.category]],
          [f.certificateNo, x.certificateNo],
          [f.issuingBody, x.issuingBody],
          [f.issuedOn, x.issuedOn],
          [f.validUntil, opt(x.validUntil)],
        ],
      };
    }
    case 'skill-levels': {
      const x = record as SkillLevelRecord;
      return {
        title: x.occupation,
        tag: x.levelName,
        rows: [
          [f.occupationCode, x.occupationCode],
          [f.certificateNo, x.certificateNo],
          [f.issuingBody, x.issuingBody],
          [f.issuedOn, x.issuedOn],
        ],
      };
    }
    case 'startup-loans': {
      const x = record as StartupLoanRecord;
      return {
        title: x.businessName,
        tag: v.loanStatus[x.status],
        rows: [
          [f.applicationNo, x.applicationNo],
          [f.appliedOn, x.appliedOn],
          [f.amountFen, formatFen(x.amountFen)],
          [f.termMonths, fill(r.monthsUnit, { n: x.termMonths })],
          [f.bank, x.bank],
          [f.interestSubsidyPct, `${x.interestSubsidyPct}%`],
          [f.disbursedOn, opt(x.disbursedOn)],
          [f.settledOn, opt(x.settledOn)],
          [f.note, opt(x.note)],
        ],
      };
    }
  }
}

/** `2026-11-29T02:00:00.000Z` → `2026-11-29 10:00` (Qingdao time). */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
