import { medicalNextStatus, medicalPreSettle, medicalTerminalStatus, type MedicalSplitConfig } from './medical-settlement';

const cfg: MedicalSplitConfig = {
  deductibleFen: 10_000,
  fundCapFen: 1_000_000,
  categories: {
    drug_a: { eligiblePct: 100, fundPct: 70 },
    drug_b: { eligiblePct: 90, fundPct: 70 },
    treatment: { eligiblePct: 100, fundPct: 60 },
    self: { eligiblePct: 0, fundPct: 0 },
  },
};

describe('medical settlement state machine', () => {
  it('moves a confirmed, paid bill to SETTLED and refunds it', () => {
    expect(medicalNextStatus('PENDING', 'confirm')).toBe('CONFIRMING');
    expect(medicalNextStatus('CONFIRMING', 'paid')).toBe('SETTLING');
    expect(medicalNextStatus('SETTLING', 'settled')).toBe('SETTLED');
    expect(medicalNextStatus('SETTLED', 'refund')).toBe('REFUNDING');
    expect(medicalNextStatus('REFUNDING', 'refunded')).toBe('REFUNDED');
  });

  it('reverses only what is not settled yet', () => {
    expect(medicalNextStatus('PENDING', 'reverse')).toBe('REVERSING');
    expect(medicalNextStatus('CONFIRMING', 'reverse')).toBe('REVERSING');
    expect(medicalNextStatus('SETTLING', 'reverse')).toBeNull();
    expect(medicalNextStatus('SETTLED', 'reverse')).toBeNull();
    expect(medicalNextStatus('REVERSED', 'confirm')).toBeNull();
  });

  it('tells the terminal WAITING until the platform has settled', () => {
    expect(medicalTerminalStatus('CONFIRMING')).toBe('WAITING');
    expect(medicalTerminalStatus('SETTLING')).toBe('WAITING');
    expect(medicalTerminalStatus('SETTLED')).toBe('SETTLED');
    expect(medicalTerminalStatus('REVERSING')).toBe('REVERSED');
  });
});

describe('splitting a bill into fund, personal account and self-pay', () => {
  it('applies the deductible first, then the ratio, then the account, the rest is self-pay', () => {
    const s = medicalPreSettle(
      [
        { code: 'A1', name: '阿莫西林胶囊', category: 'drug_a', amountFen: 20_000 },
        { code: 'B1', name: '乙类药', category: 'drug_b', amountFen: 10_000 },
        { code: 'S1', name: '自费项目', category: 'self', amountFen: 5_000 },
      ],
      cfg,
      { deductibleUsedFen: 0, fundUsedFen: 0, accountBalanceFen: 6_000 },
    );
    // A1: eligible 20000, deductible 10000, fund 7000. B1: eligible 9000, fund 6300. S1: nothing.
    expect(s.fundFen).toBe(13_300);
    // The patient's share of eligible costs is 29000 - 13300 = 15700; the account holds 6000.
    expect(s.accountFen).toBe(6_000);
    expect(s.selfPayFen).toBe(35_000 - 13_300 - 6_000);
    expect(s.deductibleAppliedFen).toBe(10_000);
  });

  it('stops the fund at the year cap and skips a deductible already met', () => {
    const s = medicalPreSettle([{ code: 'T1', name: '检查', category: 'treatment', amountFen: 100_000 }], cfg, { deductibleUsedFen: 10_000, fundUsedFen: 990_000, accountBalanceFen: 1_000_000 });
    expect(s.fundFen).toBe(10_000);
    expect(s.accountFen).toBe(90_000);
    expect(s.selfPayFen).toBe(0);
  });
});
