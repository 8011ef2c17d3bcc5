import { ageOn, checkIdNumber, genderOf, isValidIdNumber, normalizeIdNumber } from './id-number';

const today = new Date(2026, 10, 29);

describe('identity number rules', () => {
  it.each([
    ['370202198503152027', 'resident', '1985-03-15'],
    ['37020220160601502X', 'resident', '2016-06-01'],
    ['11010519491231002X', 'resident', '1949-12-31'],
    ['937276199004120012', 'foreign_permanent', '1990-04-12'],
    ['810000198811035010', 'hk_macao_permit', '1988-11-03'],
    ['830000199202291234'.slice(0, 17) + 'X', 'taiwan_permit', '1992-02-29'],
  ])('accepts %s as a %s number born %s', (id, type, birth) => {
    // The Taiwan vector's check character is computed, not typed: recompute to keep the table honest.
    const fixed = id.startsWith('830000') ? fixCheck(id) : id;
    const r = checkIdNumber(fixed, undefined, today);
    expect(r).toEqual({ ok: true, idType: type, normalized: fixed, birthDate: birth });
  });

  it('accepts a lower-case x and spaces typed by a person', () => {
    expect(checkIdNumber(' 370202 20160601 502x ', undefined, today)).toMatchObject({ ok: true, normalized: '37020220160601502X' });
  });

  it.each([
    ['', 'EMPTY'],
    ['37020219850315202', 'LENGTH'],
    ['3702021985031520271', 'LENGTH'],
    ['37020219850315202A', 'CHARACTERS'],
    ['X70202198503152027', 'CHARACTERS'],
    ['990202198503152020', 'AREA'],
    ['000202198503152020', 'AREA'],
    ['370202198502302021', 'BIRTH_DATE'],
    ['370202189912312027', 'BIRTH_DATE'],
    ['370202202712012027', 'BIRTH_DATE'],
    ['370202198503152028', 'CHECK_DIGIT'],
    ['370202198503152020', 'CHECK_DIGIT'],
  ])('refuses %s because of %s', (id, problem) => {
    expect(checkIdNumber(id, undefined, today)).toEqual({ ok: false, problem });
  });

  it('refuses a valid number of another type than the one chosen', () => {
    expect(checkIdNumber('810000198811035010', 'resident', today)).toEqual({ ok: false, problem: 'TYPE_MISMATCH' });
    expect(isValidIdNumber('810000198811035010', 'hk_macao_permit', today)).toBe(true);
  });

  it('refuses a birth date in the future and accepts one of today', () => {
    const todayId = fixCheck('37020220261129001');
    expect(checkIdNumber(todayId, undefined, today).ok).toBe(true);
    expect(checkIdNumber(fixCheck('37020220261130001'), undefined, today)).toEqual({ ok: false, problem: 'BIRTH_DATE' });
  });

  it('knows 29 February only in leap years', () => {
    expect(checkIdNumber(fixCheck('37020220000229001'), undefined, today).ok).toBe(true);
    expect(checkIdNumber(fixCheck('37020219000229001'), undefined, today)).toEqual({ ok: false, problem: 'BIRTH_DATE' });
  });

  it('computes age in completed years and gender from the sequence digit', () => {
    expect(ageOn('2010-12-09', today)).toBe(15);
    expect(ageOn('2010-12-09', new Date(2026, 11, 9))).toBe(16);
    expect(ageOn('2010-11-29', today)).toBe(16);
    expect(genderOf('370202198503152027')).toBe('female');
    expect(genderOf('370212198009183015')).toBe('male');
  });

  it('normalizes without changing digits', () => {
    expect(normalizeIdNumber('3702-0219 8503152027')).toBe('370202198503152027');
  });
});

function fixCheck(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = first17.slice(0, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * W[i];
  return s + '10X98765432'[sum % 11];
}
