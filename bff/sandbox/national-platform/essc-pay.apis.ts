import Router from '@koa/router';
import { randomInt } from 'node:crypto';
import { MSG } from '../../src/adapters/national-platform/csb-codec';
import type { SandboxContext } from '../sandbox-context';
import { nationalState } from './essc-card.apis';
import type { CsbAnswer, CsbApiHandler } from './national-platform.twin';

/**
 * E-card account payments of the national platform twin (电子社保卡支付): the platform debits the
 * bank account behind a level-2 e-card. `essc.pay.charge` is idempotent on `busiSeq` (our
 * out_trade_no); `essc.pay.reverse` (冲正) undoes a charge — or, when the charge never arrived,
 * records the reversal so a late charge with that busiSeq is refused; `essc.pay.refund` is
 * idempotent on `refundSeq`. Each linked account starts with ¥20,000 (control: `/sandbox/national/pay-accounts`).
 */

interface Payment {
  payNo: string;
  idNumber: string;
  amountFen: number;
  status: 'SUCCESS' | 'REVERSED';
  refunds: Map<string, number>;
  refundAt: Map<string, number>;
  refundedFen: number;
  at: number;
  merchantName: string;
}

interface PayState {
  payments: Map<string, Payment>;
  /** busiSeqs reversed before any charge arrived. */
  reversedUnknown: Set<string>;
  balances: Map<string, number>;
}

const DEFAULT_BALANCE_FEN = 2_000_000;
const states = new WeakMap<SandboxContext, PayState>();
export function esscPayState(sc: SandboxContext): PayState {
  let s = states.get(sc);
  if (!s) states.set(sc, (s = { payments: new Map(), reversedUnknown: new Set(), balances: new Map() }));
  return s;
}

const balanceOf = (st: PayState, idNumber: string) => st.balances.get(idNumber) ?? DEFAULT_BALANCE_FEN;
const cst = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, '').replace('T', ' ');
const seqOk = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{6,32}$/.test(v);

function view(busiSeq: string, p: Payment): CsbAnswer {
  return { msgCode: MSG.OK, msg: '成功', result: { busiSeq, payNo: p.payNo, status: p.refundedFen === p.amountFen && p.status === 'SUCCESS' ? 'REFUNDED' : p.status, amount: p.amountFen, refundedAmount: p.refundedFen, payTime: cst(p.at), refunds: [...p.refunds].map(([refundSeq, amount]) => ({ refundSeq, amount })) } };
}

const charge: CsbApiHandler = (biz, sc) => {
  const st = esscPayState(sc);
  if (!seqOk(biz.busiSeq) || !Number.isSafeInteger(biz.amount) || (biz.amount as number) <= 0) return { msgCode: MSG.PARAM_INVALID, msg: '参数错误' };
  const busiSeq = biz.busiSeq;
  const amount = biz.amount as number;
  const prior = st.payments.get(busiSeq);
  if (prior) {
    if (prior.amountFen !== amount || prior.idNumber !== biz.aac002) return { msgCode: MSG.PAY_SEQ_CONFLICT, msg: '业务流水号重复' };
    return view(busiSeq, prior);
  }
  if (st.reversedUnknown.has(busiSeq)) return { msgCode: MSG.PAY_STATE_INVALID, msg: '该笔交易已冲正' };
  const idNumber = String(biz.aac002 ?? '');
  const sign = nationalState(sc).signs.get(idNumber);
  if (!sign || sign.status !== 'active' || sign.signNo !== biz.signNo) return { msgCode: MSG.NOT_SIGNED, msg: '未签发电子社保卡' };
  if (sign.level < 2) return { msgCode: MSG.PAY_LEVEL_TOO_LOW, msg: '未开通支付功能' };
  const persona = sc.roster.personas.find((p) => p.idNumber === idNumber);
  if (!persona?.card || persona.card.status !== 'active') return { msgCode: MSG.CARD_NOT_USABLE, msg: '社会保障卡状态异常' };
  if (balanceOf(st, idNumber) < amount) return { msgCode: MSG.PAY_BALANCE_INSUFFICIENT, msg: '账户余额不足' };
  st.balances.set(idNumber, balanceOf(st, idNumber) - amount);
  const p: Payment = { payNo: `P${cst(sc.now()).replace(/\D/g, '')}${String(randomInt(0, 1e8)).padStart(8, '0')}`, idNumber, amountFen: amount, status: 'SUCCESS', refunds: new Map(), refundAt: new Map(), refundedFen: 0, at: sc.now(), merchantName: String(biz.merchantName ?? '') };
  st.payments.set(busiSeq, p);
  return view(busiSeq, p);
};

const query: CsbApiHandler = (biz, sc) => {
  const p = seqOk(biz.busiSeq) ? esscPayState(sc).payments.get(biz.busiSeq) : undefined;
  if (!p) return { msgCode: MSG.PAY_NOT_FOUND, msg: '交易不存在' };
  return view(String(biz.busiSeq), p);
};

const reverse: CsbApiHandler = (biz, sc) => {
  const st = esscPayState(sc);
  if (!seqOk(biz.busiSeq)) return { msgCode: MSG.PARAM_INVALID, msg: '参数错误' };
  const p = st.payments.get(biz.busiSeq);
  if (!p) {
    st.reversedUnknown.add(biz.busiSeq);
    return { msgCode: MSG.OK, msg: '成功', result: { busiSeq: biz.busiSeq, status: 'REVERSED', payNo: null } };
  }
  if (p.status === 'REVERSED') return view(biz.busiSeq, p);
  if (p.refundedFen > 0) return { msgCode: MSG.PAY_STATE_INVALID, msg: '已退款的交易不能冲正' };
  p.status = 'REVERSED';
  st.balances.set(p.idNumber, balanceOf(st, p.idNumber) + p.amountFen);
  return view(biz.busiSeq, p);
};

const refund: CsbApiHandler = (biz, sc) => {
  const st = esscPayState(sc);
  const p = seqOk(biz.busiSeq) ? st.payments.get(biz.busiSeq) : undefined;
  const amount = biz.amount as number;
  if (!seqOk(biz.refundSeq) || !Number.isSafeInteger(amount) || amount <= 0) return { msgCode: MSG.PARAM_INVALID, msg: '参数错误' };
  if (!p) return { msgCode: MSG.PAY_NOT_FOUND, msg: '交易不存在' };
  const prior = p.refunds.get(biz.refundSeq);
  if (prior !== undefined) return prior === amount ? view(String(biz.busiSeq), p) : { msgCode: MSG.PAY_SEQ_CONFLICT, msg: '退款流水号重复' };
  if (p.status !== 'SUCCESS' || p.refundedFen + amount > p.amountFen) return { msgCode: MSG.PAY_STATE_INVALID, msg: '退款金额超过可退金额' };
  p.refunds.set(biz.refundSeq, amount);
  p.refundAt.set(biz.refundSeq, sc.now());
  p.refundedFen += amount;
  st.balances.set(p.idNumber, balanceOf(st, p.idNumber) + amount);
  return view(String(biz.busiSeq), p);
};

/** 对账单: the day's (China time) payments still standing and refunds, for reconciliation. */
const bill: CsbApiHandler = (biz, sc) => {
  const day = String(biz.billDate ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { msgCode: MSG.PARAM_INVALID, msg: '参数错误' };
  const onDay = (ms: number) => cst(ms).slice(0, 10) === day;
  const entries: Array<{ busiSeq: string; type: 'PAY' | 'REFUND'; refundSeq?: string; amount: number; status: string }> = [];
  for (const [busiSeq, p] of esscPayState(sc).payments) {
    if (p.status === 'SUCCESS' && onDay(p.at)) entries.push({ busiSeq, type: 'PAY', amount: p.amountFen, status: 'SUCCESS' });
    for (const [refundSeq, amount] of p.refunds) if (onDay(p.refundAt.get(refundSeq) ?? 0)) entries.push({ busiSeq, type: 'REFUND', refundSeq, amount, status: 'SUCCESS' });
  }
  return { msgCode: MSG.OK, msg: '成功', result: { billDate: day, entries } };
};

export const esscPayApis: Record<string, CsbApiHandler> = {
  'essc.pay.bill': bill,
  'essc.pay.charge': charge,
  'essc.pay.query': query,
  'essc.pay.reverse': reverse,
  'essc.pay.refund': refund,
};

/** Control: `GET|POST /sandbox/national/pay-accounts` reads or sets a person's account balance (by roster persona id). */
export function esscPayControl(sc: SandboxContext): Router {
  const r = new Router({ prefix: '/sandbox/national' });
  r.post('/pay-accounts', (ctx) => {
    const { personaId, balanceFen } = (ctx.request.body ?? {}) as { personaId?: string; balanceFen?: number };
    const p = sc.roster.personas.find((x) => x.id === personaId);
    if (!p || !Number.isSafeInteger(balanceFen)) {
      ctx.status = 400;
      ctx.body = { error: 'personaId and integer balanceFen required' };
      return;
    }
    esscPayState(sc).balances.set(p.idNumber, balanceFen!);
    ctx.body = { ok: true };
  });
  r.get('/pay-accounts/:personaId', (ctx) => {
    const p = sc.roster.personas.find((x) => x.id === ctx.params.personaId);
    if (!p) {
      ctx.status = 404;
      return;
    }
    const st = esscPayState(sc);
    ctx.body = { balanceFen: balanceOf(st, p.idNumber), payments: [...st.payments.entries()].filter(([, x]) => x.idNumber === p.idNumber).map(([busiSeq, x]) => ({ busiSeq, amountFen: x.amountFen, status: x.status, refundedFen: x.refundedFen })) };
  });
  return r;
}
