import type { PaymentOrder } from './payment-order.entity';
import type { CatalogueItem, PayableProvider, RefundDecision } from './payables';

/**
 * A demo payable for sandbox deployments and tests: a small catalogue of vocational skill
 * exam fees (职业技能等级认定考试费). It shows how a feature plugs into payments until the real
 * fee feature brings its bills from the HRSS system: amounts are decided here, each exam is paid
 * once per person, and a paid fee may be refunded online (fully or in part) until the exam.
 */
export const DEMO_EXAM_FEE = 'demo-exam-fee';

export interface DemoExam extends CatalogueItem {
  /** The exam day (China time); refunds are refused from that day on. */
  examDate: string;
}

export const DEMO_EXAMS: DemoExam[] = [
  { ref: 'EXAM-HRM-3', kind: 'exam_fee', title: '企业人力资源管理师（三级）考试费', detail: '职业技能等级认定 · 理论知识与专业能力', amountFen: 12000, refundable: true, examDate: '2099-12-20' },
  { ref: 'EXAM-ELDERCARE-4', kind: 'exam_fee', title: '养老护理员（四级）考试费', detail: '职业技能等级认定 · 实操考核', amountFen: 9500, refundable: true, examDate: '2099-12-27' },
  { ref: 'EXAM-ELEC-5', kind: 'exam_fee', title: '电工（五级）考试费', detail: '职业技能等级认定 · 理论与实操', amountFen: 8050, refundable: true, examDate: '2099-12-13' },
];

export function demoExamFeePayable(now: () => number): PayableProvider {
  const find = (ref: string) => DEMO_EXAMS.find((e) => e.ref === ref);
  return {
    type: DEMO_EXAM_FEE,
    async resolve(ref) {
      const exam = find(ref);
      if (!exam) return null;
      return { kind: exam.kind, merchantId: 'QD-HRSS-EXAM', description: exam.title, amountFen: exam.amountFen, oncePerPayer: true };
    },
    async list() {
      return DEMO_EXAMS.map(({ examDate: _d, ...item }) => item);
    },
    refundPolicy(order: PaymentOrder): RefundDecision {
      const exam = find(order.payableRef);
      const today = new Date(now() + 8 * 3600_000).toISOString().slice(0, 10);
      if (!exam || today >= exam.examDate) return { allowed: false, code: 'REFUND_NOT_ALLOWED' };
      return { allowed: true };
    },
  };
}
