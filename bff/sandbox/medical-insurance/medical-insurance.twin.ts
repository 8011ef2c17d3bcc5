import Router from '@koa/router';
import type Koa from 'koa';
import { MEDICAL_ITEM_CATEGORIES, medicalPreSettle, type MedicalBillItem, type MedicalSplit, type MedicalSplitConfig } from '@qdssc/shared';
import { checkHrssRequest, HRSS_HEADER, replyHeaders } from '../../src/adapters/hrss/hrss-wire';
import { MEDINS_CODE } from '../../src/adapters/medical-insurance/medical-insurance.client';
import { sleep } from '../faults';
import type { SandboxContext } from '../sandbox-context';

/**
 * Twin of the Qingdao medical-insurance settlement platform (医保结算平台) under `/medins`.
 * Same signed REST style as the HRSS system (HMAC-SM3 over method, path, timestamp, nonce and the
 * body's SM3; replies signed with METHOD `REPLY` and the request's nonce), its own channel and secret.
 *
 * A pre-settlement (`/settlements/pre`) splits the bill with `medicalPreSettle` and this twin's
 * config, and reserves what it takes from the person's year (deductible, fund, account balance);
 * `confirm` settles it, `reverse` releases the reservation, `refund` gives fund and account back.
 * Each is idempotent: pre on the caller's `bizNo`, the others on the settlement's state.
 *
 * Config (Qingdao-like outpatient figures, illustrative only): deductible ¥300 a year, fund cap
 * ¥3,000 a year, 甲类 drugs 100 % eligible / fund 60 %, 乙类 90 % / 60 %, treatment 100 % / 50 %,
 * 自费 items 0 %. Personal-account balances per roster persona below.
 */

export const DEFAULT_MEDINS_CONFIG: MedicalSplitConfig = {
  deductibleFen: 30_000,
  fundCapFen: 300_000,
  categories: {
    drug_a: { eligiblePct: 100, fundPct: 60 },
    drug_b: { eligiblePct: 90, fundPct: 60 },
    treatment: { eligiblePct: 100, fundPct: 50 },
    self: { eligiblePct: 0, fundPct: 0 },
  },
};

/** Personal-account balance at the start, fen, by roster persona id (others: ¥200). */
const ACCOUNT_BALANCE: Record<string, number> = {
  'adult-active': 86_450,
  'adult-second-guardian': 12_000,
  'foreign-resident': 150_000,
};

interface PersonYear {
  deductibleUsedFen: number;
  fundUsedFen: number;
  accountBalanceFen: number;
}

export interface TwinSettlement {
  settleNo: string;
  bizNo: string;
  aac002: string;
  institution: string;
  items: MedicalBillItem[];
  split: MedicalSplit;
  status: 'PRESETTLED' | 'SETTLED' | 'REVERSED' | 'REFUNDED';
  selfPaidFen: number | null;
  payOrderNo: string | null;
  refundNo: string | null;
}

export class MedinsTwinState {
  config: MedicalSplitConfig = structuredClone(DEFAULT_MEDINS_CONFIG);
  latencyMs = 0;
  readonly settlements = new Map<string, TwinSettlement>();
  readonly byBiz = new Map<string, string>();
  readonly years = new Map<string, PersonYear>();
  private readonly nonces = new Map<string, number>();
  private seq = 0;

  constructor(readonly sc: SandboxContext) {}

  useNonce(nonce: string): boolean {
    if (this.nonces.has(nonce)) return false;
    if (this.nonces.size > 10_000) this.nonces.clear();
    this.nonces.set(nonce, this.sc.now());
    return true;
  }

  year(aac002: string, personaId: string): PersonYear {
    let y = this.years.get(aac002);
    if (!y) {
      y = { deductibleUsedFen: 0, fundUsedFen: 0, accountBalanceFen: ACCOUNT_BALANCE[personaId] ?? 20_000 };
      this.years.set(aac002, y);
    }
    return y;
  }

  nextNo(): string {
    this.seq += 1;
    return `YB${new Date(this.sc.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(this.seq).padStart(8, '0')}`;
  }
}

interface Answer {
  code: string;
  message: string;
  data?: unknown;
}
const ok = (data: unknown): Answer => ({ code: MEDINS_CODE.OK, message: '成功', data });
const fail = (code: string, message: string): Answer => ({ code, message });

const view = (t: TwinSettlement) => ({
  settleNo: t.settleNo, bizNo: t.bizNo, status: t.status, totalFen: t.split.totalFen, fundFen: t.split.fundFen, accountFen: t.split.accountFen, selfPayFen: t.split.selfPayFen,
  deductibleAppliedFen: t.split.deductibleAppliedFen, lines: t.split.lines,
});

function release(state: MedinsTwinState, t: TwinSettlement): void {
  const y = state.years.get(t.aac002)!;
  y.deductibleUsedFen -= t.split.deductibleAppliedFen;
  y.fundUsedFen -= t.split.fundFen;
  y.accountBalanceFen += t.split.accountFen;
}

type Handler = (body: Record<string, unknown>, params: Record<string, string>, state: MedinsTwinState) => Answer;

const APIS: Array<{ name: string; path: string; handler: Handler }> = [
  {
    name: 'settlements.pre',
    path: '/api/v1/settlements/pre',
    handler: (b, _p, state) => {
      if (typeof b.bizNo !== 'string' || !/^[A-Za-z0-9-]{8,40}$/.test(b.bizNo)) return fail(MEDINS_CODE.PARAM_INVALID, '参数错误：bizNo');
      const known = state.byBiz.get(b.bizNo);
      if (known) return ok(view(state.settlements.get(known)!));
      const person = state.sc.roster.personas.find((p) => p.idNumber === b.aac002);
      if (!person || !person.insured || person.insuredArea !== '370200') return fail(MEDINS_CODE.PERSON_NOT_INSURED, '查无有效参保信息');
      const items = b.items;
      if (!Array.isArray(items) || items.length === 0 || !items.every((i) => i && typeof i.code === 'string' && MEDICAL_ITEM_CATEGORIES.includes(i.category) && Number.isSafeInteger(i.amountFen) && i.amountFen > 0)) {
        return fail(MEDINS_CODE.PARAM_INVALID, '参数错误：费用明细');
      }
      const y = state.year(person.idNumber, person.id);
      const split = medicalPreSettle(items as MedicalBillItem[], state.config, y);
      // Reserve what this bill takes until it is settled or reversed.
      y.deductibleUsedFen += split.deductibleAppliedFen;
      y.fundUsedFen += split.fundFen;
      y.accountBalanceFen -= split.accountFen;
      const t: TwinSettlement = {
        settleNo: state.nextNo(), bizNo: b.bizNo, aac002: person.idNumber, institution: String(b.institution ?? ''), items: items as MedicalBillItem[], split,
        status: 'PRESETTLED', selfPaidFen: null, payOrderNo: null, refundNo: null,
      };
      state.settlements.set(t.settleNo, t);
      state.byBiz.set(t.bizNo, t.settleNo);
      return ok(view(t));
    },
  },
  {
    name: 'settlements.confirm',
    path: '/api/v1/settlements/:no/confirm',
    handler: (b, p, state) => {
      const t = state.settlements.get(p.no);
      if (!t) return fail(MEDINS_CODE.SETTLEMENT_UNKNOWN, '结算单不存在');
      if (t.status === 'SETTLED' && t.payOrderNo === (b.payOrderNo ?? null)) return ok(view(t));
      if (t.status !== 'PRESETTLED') return fail(MEDINS_CODE.STATE_CONFLICT, `结算单状态为 ${t.status}，不能确认`);
      if (b.selfPaidFen !== t.split.selfPayFen) return fail(MEDINS_CODE.PARAM_INVALID, '个人自付金额与预结算不符');
      t.status = 'SETTLED';
      t.selfPaidFen = t.split.selfPayFen;
      t.payOrderNo = typeof b.payOrderNo === 'string' ? b.payOrderNo : null;
      return ok(view(t));
    },
  },
  {
    name: 'settlements.reverse',
    path: '/api/v1/settlements/:no/reverse',
    handler: (_b, p, state) => {
      const t = state.settlements.get(p.no);
      if (!t) return fail(MEDINS_CODE.SETTLEMENT_UNKNOWN, '结算单不存在');
      if (t.status === 'REVERSED') return ok(view(t));
      if (t.status !== 'PRESETTLED') return fail(MEDINS_CODE.STATE_CONFLICT, `结算单状态为 ${t.status}，不能撤销`);
      release(state, t);
      t.status = 'REVERSED';
      return ok(view(t));
    },
  },
  {
    name: 'settlements.refund',
    path: '/api/v1/settlements/:no/refund',
    handler: (b, p, state) => {
      const t = state.settlements.get(p.no);
      if (!t) return fail(MEDINS_CODE.SETTLEMENT_UNKNOWN, '结算单不存在');
      if (t.status === 'REFUNDED' && t.refundNo === b.refundNo) return ok({ ...view(t), refundedFundFen: t.split.fundFen, refundedAccountFen: t.split.accountFen });
      if (t.status !== 'SETTLED') return fail(MEDINS_CODE.STATE_CONFLICT, `结算单状态为 ${t.status}，不能退费`);
      release(state, t);
      t.status = 'REFUNDED';
      t.refundNo = typeof b.refundNo === 'string' ? b.refundNo : null;
      return ok({ ...view(t), refundedFundFen: t.split.fundFen, refundedAccountFen: t.split.accountFen });
    },
  },
  {
    name: 'settlements.query',
    path: '/api/v1/settlements/:no/query',
    handler: (_b, p, state) => {
      const t = state.settlements.get(p.no);
      return t ? ok(view(t)) : fail(MEDINS_CODE.SETTLEMENT_UNKNOWN, '结算单不存在');
    },
  },
];

export function medicalInsuranceTwin(sc: SandboxContext) {
  const state = new MedinsTwinState(sc);
  const creds = sc.credentials.medicalInsurance;
  if (!creds) throw new Error('bff/sandbox/credentials.json has no "medicalInsurance" section');
  const r = new Router({ prefix: '/medins' });
  for (const api of APIS) {
    r.post(api.path, async (ctx: Koa.Context) => {
      const nonce = ctx.get(HRSS_HEADER.nonce);
      const reply = (a: Answer, key = creds.secret) => {
        const text = JSON.stringify(a);
        ctx.set(replyHeaders(key, ctx.originalUrl, nonce, text, sc.now()));
        ctx.type = 'application/json';
        ctx.body = text;
      };
      const fault = sc.faults.take('medins', api.name);
      if (state.latencyMs > 0) await sleep(state.latencyMs);
      if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
      if (fault?.mode === 'http500') {
        ctx.status = 502;
        ctx.body = 'Bad Gateway';
        return;
      }
      const problem = checkHrssRequest(creds.secret, creds.channelNo, { method: ctx.method, pathWithQuery: ctx.originalUrl, header: (n) => ctx.get(n) || undefined, body: (ctx.state.rawBody as Buffer | undefined) ?? '' }, sc.now());
      if (problem) return reply(fail(MEDINS_CODE.SIGNATURE_INVALID, `签名校验失败 ${problem}`));
      if (!state.useNonce(nonce)) return reply(fail(MEDINS_CODE.SIGNATURE_INVALID, '请求随机串重复'));
      if (fault?.mode === 'busy') return reply(fail(MEDINS_CODE.BUSY, '系统繁忙'));
      const body = (ctx.request as { body?: unknown }).body;
      const answer = api.handler(body && typeof body === 'object' ? (body as Record<string, unknown>) : {}, (ctx as unknown as { params: Record<string, string> }).params, state);
      reply(answer, fault?.mode === 'bad-signature' ? 'not-the-shared-medins-secret' : creds.secret);
    });
  }

  const control = new Router({ prefix: '/sandbox/medins' });
  control.get('/config', (ctx) => {
    ctx.body = { ...state.config, latencyMs: state.latencyMs };
  });
  /** Replace the split config (deductible, cap, per-category ratios) and latency. */
  control.post('/config', (ctx) => {
    const b = ((ctx.request as { body?: unknown }).body ?? {}) as Partial<MedicalSplitConfig> & { latencyMs?: number; reset?: boolean };
    if (b.reset) state.config = structuredClone(DEFAULT_MEDINS_CONFIG);
    if (typeof b.deductibleFen === 'number') state.config.deductibleFen = b.deductibleFen;
    if (typeof b.fundCapFen === 'number') state.config.fundCapFen = b.fundCapFen;
    if (b.categories) state.config.categories = { ...state.config.categories, ...b.categories };
    if (typeof b.latencyMs === 'number') state.latencyMs = b.latencyMs;
    ctx.body = { ...state.config, latencyMs: state.latencyMs };
  });
  control.get('/settlements/:no', (ctx) => {
    const t = state.settlements.get(ctx.params.no);
    if (!t) {
      ctx.status = 404;
      ctx.body = { error: 'no such settlement' };
      return;
    }
    ctx.body = { ...view(t), selfPaidFen: t.selfPaidFen, payOrderNo: t.payOrderNo, refundNo: t.refundNo };
  });
  /** A persona's year at the platform: deductible and fund used, account balance. */
  control.get('/persons/:personaId', (ctx) => {
    const p = sc.roster.personas.find((x) => x.id === ctx.params.personaId);
    if (!p) {
      ctx.status = 404;
      ctx.body = { error: 'no such persona' };
      return;
    }
    ctx.body = state.year(p.idNumber, p.id);
  });
  return [r, control];
}
