import { isValidCreditCode } from '../domain/credit-code';
import { BUSINESS_CATEGORIES } from './form-spec';
import { BUSINESS_ITEMS, businessItem, itemsOf } from './catalogue';
import { badValues, goodForm, minimalForm, SAMPLE_CREDIT_CODE } from './form-samples';
import { maskFormValues, validateForm } from './form-validation';

const today = new Date('2026-11-29T02:00:00Z');

describe('the business catalogue', () => {
  it('offers each of the five kinds with at least two items', () => {
    for (const c of BUSINESS_CATEGORIES) expect(itemsOf(c).length).toBeGreaterThanOrEqual(2);
  });

  it('names every item, field and attachment slot uniquely, with zh and en labels', () => {
    expect(new Set(BUSINESS_ITEMS.map((i) => i.id)).size).toBe(BUSINESS_ITEMS.length);
    expect(new Set(BUSINESS_ITEMS.map((i) => i.hrssItemCode)).size).toBe(BUSINESS_ITEMS.length);
    for (const item of BUSINESS_ITEMS) {
      const names = item.fields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      expect(new Set(item.attachments.map((a) => a.slot)).size).toBe(item.attachments.length);
      for (const f of item.fields) expect([f.label.zh.length > 0, f.label.en.length > 0]).toEqual([true, true]);
      for (const r of item.rules ?? []) {
        const refs = r.kind === 'dateOrder' ? [r.earlier, r.later] : [r.field, r.when.field];
        for (const ref of refs) expect(names).toContain(ref);
      }
    }
  });

  it('uses a valid sample credit code in its tests', () => {
    expect(isValidCreditCode(SAMPLE_CREDIT_CODE)).toBe(true);
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true); // a published example
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });
});

describe.each(BUSINESS_ITEMS.map((i) => [i.id, i] as const))('the %s form', (_id, item) => {
  it('accepts a complete, correct answer and normalizes it', () => {
    const r = validateForm(item, goodForm(item, today), today);
    expect(r).toEqual({ ok: true, values: expect.any(Object) });
  });

  it('accepts an answer with only the required fields', () => {
    expect(validateForm(item, minimalForm(item, today), today).ok).toBe(true);
  });

  it.each(item.fields.filter((f) => f.required).map((f) => [f.name]))('refuses the answer without %s', (name) => {
    const form = goodForm(item, today);
    delete form[name];
    const r = validateForm(item, form, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ field: name, problem: item.fields.find((f) => f.name === name)!.type === 'consent' ? 'MUST_ACCEPT' : 'REQUIRED' }]);
  });

  it.each(item.fields.map((f) => [f.name, f.type, f]))('refuses wrong answers to %s (%s) with the right problem', (_n, _t, field) => {
    for (const { value, problem } of badValues(field, today)) {
      const r = validateForm(item, { ...goodForm(item, today), [field.name]: value }, today);
      expect({ value, r }).toEqual({ value, r: { ok: false, problems: [{ field: field.name, problem }] } });
    }
  });

  it('has at least one wrong answer for every field, so no field escapes the bad-sample checks', () => {
    expect(item.fields.filter((f) => badValues(f, today).length === 0).map((f) => f.name)).toEqual([]);
    const good = goodForm(item, today);
    expect(item.fields.filter((f) => badValues(f, today).some((b) => b.value === good[f.name])).map((f) => f.name)).toEqual([]);
  });

  it('refuses a field the form does not have', () => {
    const r = validateForm(item, { ...goodForm(item, today), sneaky: 'x' }, today);
    expect(r).toEqual({ ok: false, problems: [{ field: 'sneaky', problem: 'UNKNOWN_FIELD' }] });
  });
});

describe('cross-field rules', () => {
  it('requires an end date for a fixed-term contract only', () => {
    const item = businessItem('labour-contract-filing')!;
    const { endDate: _e, ...noEnd } = goodForm(item, today);
    expect(validateForm(item, { ...noEnd, contractType: 'fixed_term' }, today)).toEqual({ ok: false, problems: [{ field: 'endDate', problem: 'REQUIRED' }] });
    expect(validateForm(item, { ...noEnd, contractType: 'open_ended' }, today).ok).toBe(true);
  });

  it('refuses an end before the start', () => {
    const item = businessItem('labour-contract-filing')!;
    const r = validateForm(item, { ...goodForm(item, today), startDate: '2025-05-01', endDate: '2025-04-30' }, today);
    expect(r).toEqual({ ok: false, problems: [{ field: 'endDate', problem: 'DATE_ORDER' }] });
  });

  it('asks for the spouse only when married', () => {
    const item = businessItem('talent-apartment')!;
    const { spouseName: _n, spouseIdNumber: _i, ...single } = goodForm(item, today);
    expect(validateForm(item, { ...single, married: 'no' }, today).ok).toBe(true);
    const r = validateForm(item, { ...single, married: 'yes' }, today);
    expect(r.ok ? [] : r.problems.map((p) => p.field).sort()).toEqual(['spouseIdNumber', 'spouseName']);
  });

  it('refuses a wage below the Qingdao minimum wage', () => {
    const item = businessItem('labour-contract-filing')!;
    const r = validateForm(item, { ...goodForm(item, today), monthlyWageFen: 219_999 }, today);
    expect(r).toEqual({ ok: false, problems: [{ field: 'monthlyWageFen', problem: 'MONEY_TOO_SMALL' }] });
  });

  it('normalizes typed values: upper-case X in ID numbers, trimmed text, integers from digits', () => {
    const item = businessItem('talent-apartment')!;
    const r = validateForm(item, { ...goodForm(item, today), married: 'yes', spouseName: '  李娜 ', spouseIdNumber: '37020220160601502x', familySize: '3' }, today);
    expect(r.ok && [r.values.spouseName, r.values.spouseIdNumber, r.values.familySize]).toEqual(['李娜', '37020220160601502X', 3]);
  });
});

describe('masking an application’s answers', () => {
  it('masks ID numbers, phones and people’s names and keeps the rest', () => {
    const item = businessItem('talent-apartment')!;
    const masked = maskFormValues(item, { spouseName: '李娜', spouseIdNumber: '37020220160601502X', mobile: '13805321234', district: 'shinan' });
    expect(masked).toEqual({ spouseName: '*娜', spouseIdNumber: '3702**********502X', mobile: '138****1234', district: 'shinan' });
  });
});
