import type { FeeBillKind } from '@qdssc/shared';
import { addMonths } from '@qdssc/shared';
import { HRSS_CODE } from '../../src/adapters/hrss/hrss-wire';
import type { SandboxContext } from '../sandbox-context';
import { fail, ok, paramInvalid, personUnknown, type HrssApi } from './hrss-api-registry';
import { findPersonByIdNumber, type HrssTwinState } from './hrss-twin-state';
import { RECORD_PROFILES } from './record-profiles';

/**
 * Bills area of the HRSS twin (应缴费用): what a resident owes the HRSS system and may pay online.
 * Bills are made per person the first time they are asked for, from the roster persona's
 * profile, and then kept (paid / unpaid) for the life of the twin.
 *
 * Figures are Qingdao-like, chosen for the demo (not copied from a notice):
 * - 城乡居民基本医疗保险 2027年度 individual part: adults ¥420, minors and students ¥400 (the
 *   national floor for the individual part was ¥400 in 2025).
 * - 灵活就业 per month at the lowest base, ¥4,400: pension 20 % = ¥880.00, employee medical
 *   insurance 9.5 % = ¥418.00; the last three months and the current one are open.
 * - exam (职业技能等级认定), training and work-injury (劳动能力鉴定 / 工伤医疗自付) fees per persona.
 *
 * `bills.pay` marks bills paid with our order number (idempotent on it; another order number for
 * a paid bill is a conflict), `bills.refund` reverses that (idempotent on the refund number).
 */

export interface TwinBill {
  billNo: string;
  aac002: string;
  kind: FeeBillKind;
  title: string;
  detail: string | null;
  period: string;
  amountFen: number;
  parts: Array<{ item: string; label: string; amountFen: number }>;
  dueDate: string | null;
  status: 'unpaid' | 'paid';
  paidOrderNo: string | null;
  paidAt: string | null;
  refundNos: string[];
}

export const RESIDENT_MEDICAL_2027 = { adultFen: 42_000, minorFen: 40_000 };
export const FLEXIBLE_BASE_FEN = 440_000;
export const FLEXIBLE_PENSION_FEN = 88_000;
export const FLEXIBLE_MEDICAL_FEN = 41_800;

type Extra = Pick<TwinBill, 'kind' | 'title' | 'detail' | 'period' | 'amountFen'> & { key: string };

/** Fees other than contributions, per ID number (all invented). */
const EXTRA_BILLS: Record<string, Extra[]> = {
  // 王海燕: an exam and a training course she signed up for.
  '370202198503152027': [
    { key: 'EX01', kind: 'exam', title: '物流服务师（二级）职业技能等级认定考试费', detail: '青岛港湾职业技术学院考点 · 2027-01-16', period: '2027', amountFen: 26_000 },
    { key: 'TR01', kind: 'training', title: '供应链管理师（三级）职业技能提升培训费', detail: '个人自付部分（补贴后） · 80学时', period: '2026', amountFen: 80_000 },
  ],
  // 赵磊: a work-capacity appraisal after an accident, and his part of the treatment.
  '370213197202114013': [
    { key: 'WI01', kind: 'work_injury', title: '劳动能力鉴定费', detail: '青岛市劳动能力鉴定委员会 · 工伤认定书 QDGS2026-0912', period: '2026', amountFen: 30_000 },
    { key: 'WI02', kind: 'work_injury', title: '工伤医疗费（目录外自付部分）', detail: '青岛市市立医院 · 2026-10-08 至 2026-10-21', period: '2026', amountFen: 123_650 },
  ],
  // 陈志明: a professional-title exam.
  '810000198811035010': [
    { key: 'EX02', kind: 'exam', title: '高级会计师资格考试报名费', detail: '青岛考区 · 2027年度', period: '2027', amountFen: 15_600 },
  ],
};

function ageOn(idNumber: string, isoDate: string): number | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return null;
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  let age = Number(isoDate.slice(0, 4)) - Number(birth.slice(0, 4));
  if (isoDate.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

const suffix = (aac002: string) => aac002.slice(-6).replace('X', '0');

function makeBills(aac002: string, now: number): TwinBill[] {
  const profile = RECORD_PROFILES[aac002];
  if (!profile) return [];
  const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
  const thisMonth = today.slice(0, 7);
  const bills: TwinBill[] = [];
  const base = { aac002, status: 'unpaid' as const, paidOrderNo: null, paidAt: null, refundNos: [] };
  if (profile.residentMedicalFromYear !== undefined) {
    const minor = (ageOn(aac002, '2027-01-01') ?? 99) < 18;
    const amount = minor ? RESIDENT_MEDICAL_2027.minorFen : RESIDENT_MEDICAL_2027.adultFen;
    bills.push({
      ...base, billNo: `JM2027${suffix(aac002)}`, kind: 'resident_medical', title: '2027年度城乡居民基本医疗保险费', detail: minor ? '少年儿童 · 个人缴费部分' : '成年居民 · 个人缴费部分',
      period: '2027', amountFen: amount, parts: [{ item: 'medical', label: '居民医疗保险', amountFen: amount }], dueDate: '2026-12-31',
    });
  }
  const flexible = profile.careers.find((c) => c.scheme === 'flexible' && c.to === null);
  if (flexible) {
    for (let i = 3; i >= 0; i--) {
      const month = addMonths(thisMonth, -i);
      bills.push({
        ...base, billNo: `LH${month.replace('-', '')}${suffix(aac002)}`, kind: 'flexible', title: `灵活就业人员社会保险费（${month}）`, detail: `缴费基数 ¥${(FLEXIBLE_BASE_FEN / 100).toFixed(2)} · 养老20% + 医疗9.5%`,
        period: month, amountFen: FLEXIBLE_PENSION_FEN + FLEXIBLE_MEDICAL_FEN,
        parts: [{ item: 'pension', label: '基本养老保险', amountFen: FLEXIBLE_PENSION_FEN }, { item: 'medical', label: '职工基本医疗保险', amountFen: FLEXIBLE_MEDICAL_FEN }],
        dueDate: null,
      });
    }
  }
  for (const e of EXTRA_BILLS[aac002] ?? []) {
    bills.push({ ...base, billNo: `${e.key}${e.period}${suffix(aac002)}`, kind: e.kind, title: e.title, detail: e.detail, period: e.period, amountFen: e.amountFen, parts: [{ item: e.kind, label: e.title, amountFen: e.amountFen }], dueDate: null });
  }
  return bills;
}

/** The person's bills, made on first use. */
export function billsOf(state: HrssTwinState, sc: SandboxContext, aac002: string): TwinBill[] {
  if (!state.billsByPerson.has(aac002)) {
    const made = makeBills(aac002, sc.now());
    for (const b of made) state.bills.set(b.billNo, b);
    state.billsByPerson.set(aac002, made.map((b) => b.billNo));
  }
  return state.billsByPerson.get(aac002)!.map((no) => state.bills.get(no)!);
}

const view = ({ aac002: _id, refundNos: _r, ...b }: TwinBill) => b;

function billNosOf(body: Record<string, unknown>): string[] | null {
  const nos = body.billNos;
  if (!Array.isArray(nos) || nos.length === 0 || nos.length > 12 || !nos.every((n) => typeof n === 'string' && /^[A-Z0-9]{6,32}$/.test(n))) return null;
  return nos as string[];
}

export const billsHrssApis: HrssApi[] = [
  {
    name: 'bills.query',
    method: 'POST',
    path: '/api/v1/bills/query',
    handler: ({ body }, state, sc) => {
      if (!findPersonByIdNumber(sc, body.aac002)) return personUnknown();
      const kind = typeof body.kind === 'string' && body.kind ? body.kind : null;
      const items = billsOf(state, sc, body.aac002 as string).filter((b) => !kind || b.kind === kind);
      return ok({ items: items.map(view) });
    },
  },
  {
    name: 'bills.pay',
    method: 'POST',
    path: '/api/v1/bills/pay',
    handler: ({ body }, state, sc) => {
      const nos = billNosOf(body);
      if (!nos) return paramInvalid('billNos');
      if (typeof body.orderNo !== 'string' || !/^[A-Za-z0-9_-]{6,32}$/.test(body.orderNo)) return paramInvalid('orderNo');
      const bills = nos.map((n) => state.bills.get(n));
      if (bills.some((b) => !b)) return fail(HRSS_CODE.BILL_UNKNOWN, '账单不存在');
      const total = bills.reduce((s, b) => s + b!.amountFen, 0);
      if (body.amountFen !== total) return paramInvalid(`amountFen 与账单金额不符（应为 ${total}）`);
      // All or nothing: a bill paid by another order refuses the whole payment.
      const other = bills.find((b) => b!.status === 'paid' && b!.paidOrderNo !== body.orderNo);
      if (other) return fail(HRSS_CODE.STATE_CONFLICT, `账单 ${other.billNo} 已由其他订单缴纳`);
      const paidAt = typeof body.paidAt === 'string' ? body.paidAt : new Date(sc.now()).toISOString();
      for (const b of bills) {
        if (b!.status === 'paid') continue;
        b!.status = 'paid';
        b!.paidOrderNo = body.orderNo;
        b!.paidAt = paidAt;
      }
      state.billPayCalls += 1;
      return ok({ orderNo: body.orderNo, items: bills.map((b) => view(b!)) });
    },
  },
  {
    name: 'bills.refund',
    method: 'POST',
    path: '/api/v1/bills/refund',
    handler: ({ body }, state) => {
      const nos = billNosOf(body);
      if (!nos) return paramInvalid('billNos');
      if (typeof body.orderNo !== 'string' || typeof body.refundNo !== 'string' || !body.refundNo) return paramInvalid('orderNo/refundNo');
      const bills = nos.map((n) => state.bills.get(n));
      if (bills.some((b) => !b)) return fail(HRSS_CODE.BILL_UNKNOWN, '账单不存在');
      const foreign = bills.find((b) => b!.status === 'paid' && b!.paidOrderNo !== body.orderNo);
      if (foreign) return fail(HRSS_CODE.STATE_CONFLICT, `账单 ${foreign.billNo} 不是由该订单缴纳`);
      for (const b of bills) {
        if (b!.refundNos.includes(body.refundNo)) continue;
        if (b!.status === 'paid') {
          b!.status = 'unpaid';
          b!.paidOrderNo = null;
          b!.paidAt = null;
        }
        b!.refundNos.push(body.refundNo);
      }
      return ok({ refundNo: body.refundNo, items: bills.map((b) => view(b!)) });
    },
  },
  {
    name: 'bills.paid',
    method: 'POST',
    path: '/api/v1/bills/paid',
    // 缴费对账: every bill marked paid through this channel on one day (China time), for reconciliation.
    handler: ({ body }, state) => {
      if (typeof body.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.date)) return paramInvalid('date');
      const day = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
      const items = [...state.bills.values()]
        .filter((b) => b.status === 'paid' && b.paidAt && day(b.paidAt) === body.date)
        .map((b) => ({ billNo: b.billNo, orderNo: b.paidOrderNo, amountFen: b.amountFen, paidAt: b.paidAt }));
      return ok({ date: body.date, items });
    },
  },
];
