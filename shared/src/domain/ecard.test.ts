import {
  ECARD_APPLICATION_TRANSITIONS,
  isAllowedTransition,
  cardUsability,
  checkEcardPassword,
  checkPersonName,
  chinaDateString,
  chinaToday,
  ECARD_TRANSITIONS,
  PHYSICAL_CARD_STATUSES,
  PHYSICAL_CARD_TRANSITIONS,
  requiredSignLevel,
} from './ecard';

describe('whether an e-card can be used', () => {
  it('follows the physical card: only an active card is usable', () => {
    const usable = PHYSICAL_CARD_STATUSES.filter((s) => cardUsability(s).usable);
    expect(usable).toEqual(['active']);
  });

  it.each([
    ['temporarily_lost', 'CARD_TEMPORARILY_LOST'],
    ['lost', 'CARD_LOST'],
    ['cancelled', 'CARD_CANCELLED'],
    ['replaced', 'CARD_REPLACED'],
    ['in_production', 'CARD_NOT_ACTIVATED'],
    ['issued', 'CARD_NOT_ACTIVATED'],
  ] as const)('says why a %s card is refused (%s)', (status, code) => {
    expect(cardUsability(status)).toEqual({ usable: false, code });
  });

  it('refuses a revoked e-card whatever the physical card, and a missing physical card', () => {
    expect(cardUsability('active', 'revoked')).toEqual({ usable: false, code: 'ECARD_REVOKED' });
    expect(cardUsability(null)).toEqual({ usable: false, code: 'CARD_NOT_FOUND' });
  });

  it('needs level 2 for payments only', () => {
    expect(requiredSignLevel('02')).toBe(2);
    expect(['01', '03', '04'].map((t) => requiredSignLevel(t as '01'))).toEqual([1, 1, 1]);
  });
});

describe('state machines', () => {
  it('never leaves a final state', () => {
    expect(ECARD_APPLICATION_TRANSITIONS.signed).toEqual([]);
    expect(ECARD_APPLICATION_TRANSITIONS.refused).toEqual([]);
    expect(PHYSICAL_CARD_TRANSITIONS.cancelled).toEqual([]);
    expect(isAllowedTransition(ECARD_APPLICATION_TRANSITIONS, 'submitted', 'signed')).toBe(true);
    expect(isAllowedTransition(ECARD_APPLICATION_TRANSITIONS, 'refused', 'signed')).toBe(false);
  });

  it('lets a temporarily lost card come back, but not a cancelled one; an e-card can be signed again', () => {
    expect(isAllowedTransition(PHYSICAL_CARD_TRANSITIONS, 'temporarily_lost', 'active')).toBe(true);
    expect(isAllowedTransition(PHYSICAL_CARD_TRANSITIONS, 'cancelled', 'active')).toBe(false);
    expect(isAllowedTransition(ECARD_TRANSITIONS, 'revoked', 'active')).toBe(true);
  });
});

describe('the e-card password', () => {
  it.each([
    ['258369', null],
    ['12345', 'FORMAT'],
    ['12345a', 'FORMAT'],
    ['000000', 'ALL_SAME'],
    ['123456', 'SEQUENTIAL'],
    ['987654', 'SEQUENTIAL'],
  ])('%s → %s', (pw, problem) => {
    expect(checkEcardPassword(pw)).toBe(problem);
  });

  it('refuses the birth date and the end of the ID number', () => {
    const personal = { birthDate: '1985-03-15', idNumber: '370202198503152027' };
    expect(checkEcardPassword('850315', personal)).toBe('PERSONAL');
    expect(checkEcardPassword('031585', personal)).toBe('PERSONAL');
    expect(checkEcardPassword('152027', personal)).toBe('PERSONAL');
    expect(checkEcardPassword('258369', personal)).toBeNull();
  });
});

describe('names as on the document', () => {
  it.each([
    ['王海燕', '王海燕'],
    [' 阿依古丽·买买提 ', '阿依古丽·买买提'],
    ['schmidt  lukas', 'SCHMIDT LUKAS'],
    ["O'NEIL-SMITH ANNA", "O'NEIL-SMITH ANNA"],
  ])('accepts %s as %s', (raw, normalized) => {
    expect(checkPersonName(raw)).toEqual({ ok: true, normalized });
  });

  it.each(['', '王', '王2海', '王 海燕x', '<script>'])('refuses %j', (raw) => {
    expect(checkPersonName(raw).ok).toBe(false);
  });
});

describe('dates in Qingdao', () => {
  it('changes day at midnight China time whatever the server zone', () => {
    expect(chinaDateString(Date.UTC(2026, 11, 8, 15, 59, 59))).toBe('2026-12-08');
    expect(chinaDateString(Date.UTC(2026, 11, 8, 16, 0, 0))).toBe('2026-12-09');
    const d = chinaToday(Date.UTC(2026, 11, 8, 16, 0, 0));
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate()]).toEqual([2026, 12, 9]);
  });
});
