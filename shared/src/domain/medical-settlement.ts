/**
 * Medical settlement (就医购药): a hospital or pharmacy terminal uploads a bill, the
 * medical-insurance platform pre-settles it into fund (统筹) / personal account (个人账户) /
 * self-pay (自费), the resident authorises on the phone and pays the self-pay part, the platform
 * settles. The BFF enforces each transition with a conditional UPDATE on the `from` states here.
 *
 *   PENDING ──confirm──▶ CONFIRMING ──paid──▶ SETTLING ──settled──▶ SETTLED ──refund──▶ REFUNDING ──refunded──▶ REFUNDED
 *      │                    │
 *      └──decline/expire────┴──▶ REVERSING ──reversed──▶ REVERSED
 *
 * REVERSING and SETTLING/REFUNDING are the states where the platform still has to be told; a job
 * retries them until it answers, so no pre-settlement is left holding the resident's account.
 */

export const MEDICAL_SETTLEMENT_STATUSES = ['PENDING', 'CONFIRMING', 'SETTLING', 'SETTLED', 'REVERSING', 'REVERSED', 'REFUNDING', 'REFUNDED'] as const;
export type MedicalSettlementStatus = (typeof MEDICAL_SETTLEMENT_STATUSES)[number];

export type MedicalSettlementEvent = 'confirm' | 'paid' | 'settled' | 'reverse' | 'reversed' | 'refund' | 'refunded';

export const MEDICAL_SETTLEMENT_TRANSITIONS: Record<MedicalSettlementEvent, { from: readonly MedicalSettlementStatus[]; to: MedicalSettlementStatus }> = {
  confirm: { from: ['PENDING'], to: 'CONFIRMING' },
  paid: { from: ['CONFIRMING'], to: 'SETTLING' },
  settled: { from: ['SETTLING'], to: 'SETTLED' },
  reverse: { from: ['PENDING', 'CONFIRMING'], to: 'REVERSING' },
  reversed: { from: ['REVERSING'], to: 'REVERSED' },
  refund: { from: ['SETTLED'], to: 'REFUNDING' },
  refunded: { from: ['REFUNDING'], to: 'REFUNDED' },
};

export function medicalNextStatus(from: MedicalSettlementStatus, event: MedicalSettlementEvent): MedicalSettlementStatus | null {
  return MEDICAL_SETTLEMENT_TRANSITIONS[event].from.includes(from) ? MEDICAL_SETTLEMENT_TRANSITIONS[event].to : null;
}

/** What the terminal is told: waiting for the resident, done, undone, or refunded. */
export type MedicalTerminalStatus = 'WAITING' | 'SETTLED' | 'REVERSED' | 'REFUNDING' | 'REFUNDED';

export function medicalTerminalStatus(s: MedicalSettlementStatus): MedicalTerminalStatus {
  if (s === 'SETTLED') return 'SETTLED';
  if (s === 'REVERSING' || s === 'REVERSED') return 'REVERSED';
  if (s === 'REFUNDING') return 'REFUNDING';
  if (s === 'REFUNDED') return 'REFUNDED';
  return 'WAITING';
}

// ── the split ────────────────────────────────────────────────────────────────

/** 甲类 (fully in the catalogue), 乙类 (part paid first by the patient), 诊疗 (treatment, tests), 自费 (outside the catalogue). */
export const MEDICAL_ITEM_CATEGORIES = ['drug_a', 'drug_b', 'treatment', 'self'] as const;
export type MedicalItemCategory = (typeof MEDICAL_ITEM_CATEGORIES)[number];

export interface MedicalSplitConfig {
  /** 起付线 per year, fen: eligible costs below it are the patient's. */
  deductibleFen: number;
  /** 年度最高支付限额 of the fund, fen. */
  fundCapFen: number;
  /** Per category: share that is eligible at all (乙类 90 %), and the fund's ratio of the eligible part above the deductible. */
  categories: Record<MedicalItemCategory, { eligiblePct: number; fundPct: number }>;
}

export interface MedicalPersonYear {
  deductibleUsedFen: number;
  fundUsedFen: number;
  accountBalanceFen: number;
}

export interface MedicalBillItem {
  code: string;
  name: string;
  category: MedicalItemCategory;
  amountFen: number;
}

export interface MedicalSplitLine {
  code: string;
  eligibleFen: number;
  deductibleFen: number;
  fundFen: number;
}

export interface MedicalSplit {
  totalFen: number;
  fundFen: number;
  accountFen: number;
  selfPayFen: number;
  deductibleAppliedFen: number;
  lines: MedicalSplitLine[];
}

/**
 * Pre-settles a bill: per item the eligible part (catalogue share), the deductible consumed in
 * item order, the fund's ratio of the rest, capped by what is left of the year's fund limit; the
 * personal account then pays the patient's share of eligible costs as far as its balance goes;
 * everything else (out-of-catalogue items, the excluded share of 乙类, the part above the cap or
 * the balance) is self-pay. Fen are floored for the fund, so rounding favours the patient's
 * account never being overdrawn and the sum always adding up exactly.
 */
export function medicalPreSettle(items: MedicalBillItem[], cfg: MedicalSplitConfig, year: MedicalPersonYear): MedicalSplit {
  let deductibleLeft = Math.max(0, cfg.deductibleFen - year.deductibleUsedFen);
  let capLeft = Math.max(0, cfg.fundCapFen - year.fundUsedFen);
  let total = 0;
  let fund = 0;
  let eligibleTotal = 0;
  let deductibleApplied = 0;
  const lines: MedicalSplitLine[] = [];
  for (const it of items) {
    const c = cfg.categories[it.category];
    total += it.amountFen;
    const eligible = Math.floor((it.amountFen * c.eligiblePct) / 100);
    const ded = Math.min(deductibleLeft, eligible);
    deductibleLeft -= ded;
    deductibleApplied += ded;
    const f = Math.min(capLeft, Math.floor(((eligible - ded) * c.fundPct) / 100));
    capLeft -= f;
    fund += f;
    eligibleTotal += eligible;
    lines.push({ code: it.code, eligibleFen: eligible, deductibleFen: ded, fundFen: f });
  }
  const account = Math.min(Math.max(0, year.accountBalanceFen), eligibleTotal - fund);
  return { totalFen: total, fundFen: fund, accountFen: account, selfPayFen: total - fund - account, deductibleAppliedFen: deductibleApplied, lines };
}
