import { isValidCreditCode } from '../domain/credit-code';
import { checkIdNumber, normalizeIdNumber } from '../domain/id-number';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import { dateInChina, isIsoDate, isMonth, monthInChina, monthIndex } from '../domain/months';
import type { BusinessItem, FormField, FormValue, FormValues, Localized } from './form-spec';

/**
 * One validator for every item's form, run by the mini-program before sending (to point at the
 * field) and by the BFF (to decide). Problems are codes, so both sides show the same sentence.
 */

export const FORM_PROBLEMS = {
  REQUIRED: { zh: '此项必填', en: 'This is required' },
  WRONG_TYPE: { zh: '填写内容的格式不对', en: 'This answer has the wrong format' },
  TOO_SHORT: { zh: '内容太短', en: 'Too short' },
  TOO_LONG: { zh: '内容太长', en: 'Too long' },
  ID_NUMBER_INVALID: { zh: '证件号码有误，请核对后重填', en: 'This ID number is not valid' },
  PHONE_INVALID: { zh: '电话号码有误：手机为11位，座机如 0532-88886666', en: 'Not a valid phone number (mobile: 11 digits; landline like 0532-88886666)' },
  MOBILE_INVALID: { zh: '请填写11位手机号码', en: 'Please enter an 11-digit mobile number' },
  DATE_INVALID: { zh: '日期有误', en: 'Not a valid date' },
  DATE_IN_FUTURE: { zh: '日期不能晚于今天', en: 'The date cannot be after today' },
  DATE_IN_PAST: { zh: '日期不能早于今天', en: 'The date cannot be before today' },
  DATE_ORDER: { zh: '结束日期不能早于开始日期', en: 'The end cannot be before the start' },
  MONTH_INVALID: { zh: '月份有误', en: 'Not a valid month' },
  MONTH_IN_FUTURE: { zh: '月份不能晚于本月', en: 'The month cannot be after this month' },
  MONEY_INVALID: { zh: '金额有误：最多两位小数', en: 'Not a valid amount (at most two decimals)' },
  MONEY_TOO_SMALL: { zh: '金额太小', en: 'The amount is too small' },
  MONEY_TOO_LARGE: { zh: '金额超出上限', en: 'The amount is too large' },
  NUMBER_INVALID: { zh: '请填写整数', en: 'Please enter a whole number' },
  NUMBER_OUT_OF_RANGE: { zh: '数值超出允许范围', en: 'The number is out of range' },
  OPTION_INVALID: { zh: '请从选项中选择', en: 'Please choose one of the options' },
  CREDIT_CODE_INVALID: { zh: '统一社会信用代码有误（18位）', en: 'Not a valid unified social credit code (18 characters)' },
  MUST_ACCEPT: { zh: '请阅读并勾选承诺', en: 'Please read and accept the statement' },
  UNKNOWN_FIELD: { zh: '表单中有不认识的项目', en: 'The form contains an unknown item' },
} as const satisfies Record<string, Localized>;

export type FormProblem = keyof typeof FORM_PROBLEMS;

export interface FieldProblem {
  field: string;
  problem: FormProblem;
}

export type FormCheck = { ok: true; values: FormValues } | { ok: false; problems: FieldProblem[] };

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Checks one present value; returns the normalized value or a problem. */
function checkValue(f: FormField, raw: unknown, today: Date): { value: FormValue } | { problem: FormProblem } {
  switch (f.type) {
    case 'text':
    case 'textarea': {
      if (typeof raw !== 'string') return { problem: 'WRONG_TYPE' };
      const s = raw.trim();
      if (f.minLength && [...s].length < f.minLength) return { problem: 'TOO_SHORT' };
      if ([...s].length > f.maxLength) return { problem: 'TOO_LONG' };
      return { value: s };
    }
    case 'idNumber': {
      if (typeof raw !== 'string') return { problem: 'WRONG_TYPE' };
      const c = checkIdNumber(raw, undefined, today);
      if (!c.ok || (f.idTypes && !f.idTypes.includes(c.idType))) return { problem: 'ID_NUMBER_INVALID' };
      return { value: normalizeIdNumber(raw) };
    }
    case 'phone': {
      if (typeof raw !== 'string') return { problem: 'WRONG_TYPE' };
      const s = raw.replace(/[\s()]/g, '');
      if (MOBILE.test(s)) return { value: s };
      if (f.mobileOnly) return { problem: 'MOBILE_INVALID' };
      return LANDLINE.test(s) ? { value: s } : { problem: 'PHONE_INVALID' };
    }
    case 'date': {
      if (!isIsoDate(raw)) return { problem: 'DATE_INVALID' };
      const todayStr = dateInChina(today.getTime());
      if (f.notAfterToday && raw > todayStr) return { problem: 'DATE_IN_FUTURE' };
      if (f.notBeforeToday && raw < todayStr) return { problem: 'DATE_IN_PAST' };
      return { value: raw };
    }
    case 'month': {
      if (!isMonth(raw)) return { problem: 'MONTH_INVALID' };
      if (f.notAfterThisMonth && monthIndex(raw) > monthIndex(monthInChina(today.getTime()))) return { problem: 'MONTH_IN_FUTURE' };
      return { value: raw };
    }
    case 'money': {
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) return { problem: 'MONEY_INVALID' };
      if (f.minFen !== undefined && raw < f.minFen) return { problem: 'MONEY_TOO_SMALL' };
      if (raw > f.maxFen) return { problem: 'MONEY_TOO_LARGE' };
      return { value: raw };
    }
    case 'integer': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) return { problem: 'NUMBER_INVALID' };
      if (n < f.min || n > f.max) return { problem: 'NUMBER_OUT_OF_RANGE' };
      return { value: n };
    }
    case 'select':
      return typeof raw === 'string' && f.options.some((o) => o.value === raw) ? { value: raw } : { problem: 'OPTION_INVALID' };
    case 'creditCode': {
      if (typeof raw !== 'string') return { problem: 'WRONG_TYPE' };
      const s = raw.trim().toUpperCase();
      return isValidCreditCode(s) ? { value: s } : { problem: 'CREDIT_CODE_INVALID' };
    }
    case 'consent':
      return raw === true ? { value: true } : { problem: 'MUST_ACCEPT' };
  }
}

function isRequired(item: BusinessItem, f: FormField, values: Record<string, unknown>): boolean {
  if (f.required) return true;
  return (item.rules ?? []).some((r) => r.kind === 'requiredIf' && r.field === f.name && values[r.when.field] === r.when.equals);
}

/**
 * Validates a submitted form against its item: unknown keys, required fields (and conditional
 * ones), each value by its type, then cross-field rules. `today` comes from the caller's clock.
 */
export function validateForm(item: BusinessItem, input: unknown, today: Date = new Date()): FormCheck {
  const values = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const out: FormValues = {};
  const known = new Set(item.fields.map((f) => f.name));
  for (const k of Object.keys(values)) if (!known.has(k)) problems.push({ field: k, problem: 'UNKNOWN_FIELD' });

  for (const f of item.fields) {
    const raw = values[f.name];
    if (isBlank(raw) || (f.type === 'consent' && raw === false && !f.required)) {
      if (isRequired(item, f, values)) problems.push({ field: f.name, problem: f.type === 'consent' ? 'MUST_ACCEPT' : 'REQUIRED' });
      continue;
    }
    const r = checkValue(f, raw, today);
    if ('problem' in r) problems.push({ field: f.name, problem: r.problem });
    else out[f.name] = r.value;
  }

  for (const rule of item.rules ?? []) {
    if (rule.kind !== 'dateOrder') continue;
    const a = out[rule.earlier];
    const b = out[rule.later];
    if (typeof a === 'string' && typeof b === 'string' && b < a && !problems.some((p) => p.field === rule.later)) {
      problems.push({ field: rule.later, problem: 'DATE_ORDER' });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, values: out };
}

export function formProblemMessage(problem: string, lang: 'zh' | 'en' = 'zh'): string {
  const p = (FORM_PROBLEMS as Record<string, Localized>)[problem];
  return p ? p[lang] : FORM_PROBLEMS.WRONG_TYPE[lang];
}

/**
 * What an application's answers look like in a response or on a screen: ID numbers and phones
 * masked, names of people masked (fields named `…Name` of a person are marked by the item).
 */
export function maskFormValues(item: BusinessItem, values: FormValues, personNameFields: string[] = PERSON_NAME_FIELDS): FormValues {
  const out: FormValues = {};
  for (const f of item.fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    if (f.type === 'idNumber' && typeof v === 'string') out[f.name] = maskIdNumber(v);
    else if (f.type === 'phone' && typeof v === 'string') out[f.name] = maskPhone(v);
    else if (personNameFields.includes(f.name) && typeof v === 'string') out[f.name] = maskName(v);
    else out[f.name] = v;
  }
  return out;
}

/** Field names that hold a natural person's name in any item (masked in answers). */
export const PERSON_NAME_FIELDS = ['contactName', 'spouseName', 'agentName', 'guarantorName', 'familyMemberName'];
