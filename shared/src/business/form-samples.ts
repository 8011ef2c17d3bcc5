import { creditCodeCheckChar } from '../domain/credit-code';
import { addMonths, dateInChina, monthInChina } from '../domain/months';
import type { BusinessItem, FormField, FormValue, FormValues } from './form-spec';
import type { FormProblem } from './form-validation';

/**
 * Answers derived from an item's own description: one good answer per field and the wrong
 * answers each field type must refuse. Tests on both sides use them so that every item of the
 * catalogue — including ones added later — is checked good and bad. Not exported from the
 * package index: test support only.
 */

const DAY = 86_400_000;
export const SAMPLE_CREDIT_CODE = `91370212MA3C4B7Q2${creditCodeCheckChar('91370212MA3C4B7Q2')}`;
export const SAMPLE_ID_NUMBER = '370202198503152027';
const TEXT = '青岛市市南区香港中路一〇〇号人力资源和社会保障服务大厅东侧办公楼三层劳动保障服务窗口附近的示例地址与说明文字';

function text(min = 1, max = 100): string {
  const len = Math.min(max, Math.max(min, 12));
  return TEXT.repeat(Math.ceil(len / TEXT.length)).slice(0, len);
}

export function goodValue(f: FormField, today: Date): FormValue {
  const todayStr = dateInChina(today.getTime());
  switch (f.type) {
    case 'text':
    case 'textarea':
      return text(f.minLength, f.maxLength);
    case 'idNumber':
      return SAMPLE_ID_NUMBER;
    case 'phone':
      return '13805321234';
    case 'date':
      return f.notBeforeToday ? dateInChina(today.getTime() + 30 * DAY) : todayStr < '2024-03-01' ? todayStr : '2024-03-01';
    case 'month':
      return '2024-01';
    case 'money':
      return Math.min(f.maxFen, Math.max(f.minFen ?? 1, 500_000));
    case 'integer':
      return Math.min(f.max, Math.max(f.min, 1));
    case 'select':
      return f.options[0].value;
    case 'creditCode':
      return SAMPLE_CREDIT_CODE;
    case 'consent':
      return true;
  }
}

/** Every field filled with a good answer (optional and conditional ones too). */
export function goodForm(item: BusinessItem, today: Date = new Date()): FormValues {
  return Object.fromEntries(item.fields.map((f) => [f.name, goodValue(f, today)]));
}

/** Wrong answers for a field and the problem each must raise. */
export function badValues(f: FormField, today: Date): Array<{ value: unknown; problem: FormProblem }> {
  const bad: Array<{ value: unknown; problem: FormProblem }> = [];
  switch (f.type) {
    case 'text':
    case 'textarea':
      bad.push({ value: 'x'.repeat(f.maxLength + 1), problem: 'TOO_LONG' }, { value: 42, problem: 'WRONG_TYPE' });
      if (f.minLength && f.minLength > 1) bad.push({ value: '青'.repeat(f.minLength - 1), problem: 'TOO_SHORT' });
      break;
    case 'idNumber':
      bad.push({ value: '370202198503152028', problem: 'ID_NUMBER_INVALID' }, { value: '37020219850315202', problem: 'ID_NUMBER_INVALID' });
      break;
    case 'phone':
      bad.push({ value: '1380532123', problem: f.mobileOnly ? 'MOBILE_INVALID' : 'PHONE_INVALID' });
      if (f.mobileOnly) bad.push({ value: '0532-88886666', problem: 'MOBILE_INVALID' });
      break;
    case 'date':
      bad.push({ value: '2024-02-30', problem: 'DATE_INVALID' }, { value: '2024/03/01', problem: 'DATE_INVALID' });
      if (f.notAfterToday) bad.push({ value: dateInChina(today.getTime() + 2 * DAY), problem: 'DATE_IN_FUTURE' });
      if (f.notBeforeToday) bad.push({ value: dateInChina(today.getTime() - 2 * DAY), problem: 'DATE_IN_PAST' });
      break;
    case 'month':
      bad.push({ value: '2024-13', problem: 'MONTH_INVALID' });
      if (f.notAfterThisMonth) bad.push({ value: addMonths(monthInChina(today.getTime()), 1), problem: 'MONTH_IN_FUTURE' });
      break;
    case 'money':
      bad.push({ value: 12.5, problem: 'MONEY_INVALID' }, { value: '100', problem: 'MONEY_INVALID' }, { value: f.maxFen + 1, problem: 'MONEY_TOO_LARGE' });
      if (f.minFen && f.minFen > 1) bad.push({ value: f.minFen - 1, problem: 'MONEY_TOO_SMALL' });
      break;
    case 'integer':
      bad.push({ value: 1.5, problem: 'NUMBER_INVALID' }, { value: f.max + 1, problem: 'NUMBER_OUT_OF_RANGE' });
      break;
    case 'select':
      bad.push({ value: 'not-an-option', problem: 'OPTION_INVALID' });
      break;
    case 'creditCode':
      bad.push({ value: `${SAMPLE_CREDIT_CODE.slice(0, 17)}${SAMPLE_CREDIT_CODE[17] === '0' ? '1' : '0'}`, problem: 'CREDIT_CODE_INVALID' });
      break;
    case 'consent':
      bad.push({ value: 'yes', problem: 'MUST_ACCEPT' });
      break;
  }
  return bad;
}

/**
 * Only the required fields, with selects steered away from answers that make another field
 * required (e.g. "married" → spouse), so the smallest acceptable answer is tested too.
 */
export function minimalForm(item: BusinessItem, today: Date = new Date()): FormValues {
  const triggers = (item.rules ?? []).flatMap((r) => (r.kind === 'requiredIf' ? [r.when] : []));
  const out: FormValues = {};
  for (const f of item.fields.filter((x) => x.required)) {
    const avoid = triggers.filter((t) => t.field === f.name).map((t) => t.equals);
    out[f.name] = f.type === 'select' ? f.options.find((o) => !avoid.includes(o.value))!.value : goodValue(f, today);
  }
  return out;
}
