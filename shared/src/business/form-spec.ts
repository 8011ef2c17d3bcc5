import type { IdType } from '../domain/id-number';

/**
 * A business item's form, described as data: the BFF validates a submission with it and the
 * mini-program's one form renderer draws every item from it. Adding an item never needs a page.
 */

export interface Localized {
  zh: string;
  en: string;
}

interface FieldBase {
  /** Key in the submitted `form` object; camelCase. */
  name: string;
  label: Localized;
  required: boolean;
  hint?: Localized;
}

export type FormField =
  | (FieldBase & { type: 'text'; maxLength: number; minLength?: number })
  | (FieldBase & { type: 'textarea'; maxLength: number; minLength?: number })
  /** Resident ID, foreign permanent-residence ID or HK/Macao/Taiwan residence permit (GB 11643 check). */
  | (FieldBase & { type: 'idNumber'; idTypes?: IdType[] })
  /** Mobile (11 digits) or, unless mobileOnly, a landline such as 0532-88886666. */
  | (FieldBase & { type: 'phone'; mobileOnly?: boolean })
  /** `YYYY-MM-DD`; `notAfterToday` for things that already happened, `notBeforeToday` for wishes. */
  | (FieldBase & { type: 'date'; notAfterToday?: boolean; notBeforeToday?: boolean })
  | (FieldBase & { type: 'month'; notAfterThisMonth?: boolean })
  /** Integer fen on the wire; people type yuan. */
  | (FieldBase & { type: 'money'; minFen?: number; maxFen: number })
  | (FieldBase & { type: 'integer'; min: number; max: number; unit?: Localized })
  | (FieldBase & { type: 'select'; options: Array<{ value: string; label: Localized }> })
  /** 统一社会信用代码 of an employer. */
  | (FieldBase & { type: 'creditCode' })
  /** A statement the applicant must accept (承诺): only `true` passes. */
  | (FieldBase & { type: 'consent' });

export type FieldType = FormField['type'];

export type FormRule =
  /** `later` must not be before `earlier` (both date or month fields). */
  | { kind: 'dateOrder'; earlier: string; later: string }
  /** `field` is required when `when.field` has the value `when.equals`. */
  | { kind: 'requiredIf'; field: string; when: { field: string; equals: string } };

export const ATTACHMENT_TYPES = ['pdf', 'jpeg', 'png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const ATTACHMENT_MIME: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export interface AttachmentSpec {
  slot: string;
  label: Localized;
  required: boolean;
  accept: AttachmentType[];
  maxBytes: number;
  /** How many files this slot takes (e.g. several pages of evidence). */
  maxCount: number;
  hint?: Localized;
}

export const BUSINESS_CATEGORIES = ['employment', 'social_insurance', 'labour', 'talent', 'mediation'] as const;
export type BusinessCategory = (typeof BUSINESS_CATEGORIES)[number];

export interface BusinessItem {
  /** Stable id used in URLs and stored with each application. */
  id: string;
  category: BusinessCategory;
  /** The HRSS system's matter code (事项编码). */
  hrssItemCode: string;
  title: Localized;
  summary: Localized;
  /** Statutory time limit in working days (承诺时限), shown before applying. */
  timeLimitDays: number;
  fields: FormField[];
  rules?: FormRule[];
  attachments: AttachmentSpec[];
}

export type FormValue = string | number | boolean;
export type FormValues = Record<string, FormValue>;
