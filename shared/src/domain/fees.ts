/**
 * Fees and contribution bills held by the Qingdao HRSS system, as the resident pays them online.
 * Amounts always come from HRSS; these rules only decide what a resident may pick together.
 */

export const FEE_BILL_KINDS = ['resident_medical', 'flexible', 'exam', 'training', 'work_injury'] as const;
export type FeeBillKind = (typeof FEE_BILL_KINDS)[number];

/** The payment order kind a bill is paid as. */
export const FEE_ORDER_KIND: Record<FeeBillKind, 'contribution' | 'exam_fee' | 'training_fee' | 'work_injury_medical'> = {
  resident_medical: 'contribution',
  flexible: 'contribution',
  exam: 'exam_fee',
  training: 'training_fee',
  work_injury: 'work_injury_medical',
};

/** At most this many bills in one order (twelve months of flexible contributions). */
export const FEES_MAX_BILLS_PER_ORDER = 12;

export type FeesPickProblem = 'EMPTY' | 'TOO_MANY' | 'DUPLICATE' | 'MIXED_KINDS' | 'NOT_OLDEST_FIRST';

/**
 * Flexible-employment months are paid oldest first and without holes: the picked months must be
 * the oldest N of the unpaid ones. Paying a later month while an earlier one stays open would
 * create a gap (断缴) that the resident cannot close online afterwards, and the HRSS system books
 * arrears in month order. Other kinds may be picked freely, but one order holds one kind.
 */
export function feesPickProblem(picked: Array<{ billNo: string; kind: FeeBillKind; period: string }>, unpaidFlexibleMonths: string[]): FeesPickProblem | null {
  if (picked.length === 0) return 'EMPTY';
  if (picked.length > FEES_MAX_BILLS_PER_ORDER) return 'TOO_MANY';
  if (new Set(picked.map((b) => b.billNo)).size !== picked.length) return 'DUPLICATE';
  if (new Set(picked.map((b) => b.kind)).size !== 1) return 'MIXED_KINDS';
  if (picked[0].kind !== 'flexible') return null;
  const oldest = [...unpaidFlexibleMonths].sort().slice(0, picked.length);
  const months = picked.map((b) => b.period).sort();
  return months.every((m, i) => m === oldest[i]) ? null : 'NOT_OLDEST_FIRST';
}
