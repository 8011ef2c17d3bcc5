import { randomInt } from 'node:crypto';
import { MSG } from '../../src/adapters/national-platform/csb-codec';
import type { Persona } from '../roster';
import type { SandboxContext } from '../sandbox-context';
import type { CsbAnswer, CsbApiHandler } from './national-platform.twin';

const findPersona = (sc: SandboxContext, idNumber: unknown) => sc.roster.personas.find((p) => p.idNumber === idNumber);

/**
 * The e-card APIs of the national platform twin, over the roster: sign (签发), raise to level 2,
 * sign status, revoke the channel, physical card status. State lives in memory per sandbox
 * process, seeded by nothing: every persona starts unsigned.
 */

interface SignRecord {
  signNo: string;
  level: 1 | 2;
  signDate: string;
  validate: string;
  status: 'active' | 'revoked';
}

interface NationalState {
  signs: Map<string, SignRecord>;
  /** busiSeq → the answer it got, so a retried request gets the same answer. */
  answers: Map<string, CsbAnswer>;
}

const states = new WeakMap<SandboxContext, NationalState>();

export function nationalState(sc: SandboxContext): NationalState {
  let s = states.get(sc);
  if (!s) states.set(sc, (s = { signs: new Map(), answers: new Map() }));
  return s;
}

const yyyymmdd = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

function ageOn(birth: string, ms: number): number {
  const today = yyyymmdd(ms);
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(4) < birth.slice(4) ? years - 1 : years;
}

const answer = (sign: SignRecord): CsbAnswer => ({
  msgCode: MSG.OK,
  msg: '成功',
  result: { signNo: sign.signNo, signLevel: sign.level, signDate: sign.signDate, validate: sign.validate },
});

/** Remembers the answer to a busiSeq; a repeat gets it again without acting twice. */
function once(sc: SandboxContext, busiSeq: unknown, act: () => CsbAnswer): CsbAnswer {
  const st = nationalState(sc);
  if (typeof busiSeq !== 'string' || !/^[A-Za-z0-9]{8,32}$/.test(busiSeq)) return { msgCode: MSG.PARAM_INVALID, msg: '业务流水号无效' };
  const seen = st.answers.get(busiSeq);
  if (seen) return seen;
  const a = act();
  // Refusals are not remembered: the same busiSeq may be retried after the cause is fixed.
  if (a.msgCode === MSG.OK) st.answers.set(busiSeq, a);
  return a;
}

function eligible(p: Persona | undefined, name: unknown): CsbAnswer | null {
  if (!p || p.name !== name) return { msgCode: MSG.PERSON_MISMATCH, msg: '姓名与身份证件号码不匹配' };
  if (!p.insured || p.insuredArea !== '370200') return { msgCode: MSG.NOT_INSURED_HERE, msg: '参保地不在本统筹区' };
  if (!p.card) return { msgCode: MSG.NO_PHYSICAL_CARD, msg: '未查询到社会保障卡信息' };
  return null;
}

const sign: CsbApiHandler = (biz, sc) =>
  once(sc, biz.busiSeq, () => {
    const p = findPersona(sc, biz.aac002);
    const refusal = eligible(p, biz.aac003);
    if (refusal) return refusal;
    const person = p!;
    if (ageOn(person.idNumber.slice(6, 14), sc.now()) < 16) {
      const guardian = sc.roster.personas.find((g) => g.idNumber === biz.guardianAac002 && g.name === biz.guardianAac003);
      if (!guardian || !(person.guardians ?? []).includes(guardian.id)) return { msgCode: MSG.GUARDIAN_UNVERIFIED, msg: '监护关系核验不通过' };
    }
    const st = nationalState(sc);
    const existing = st.signs.get(person.idNumber);
    if (existing?.status === 'active') return { msgCode: MSG.ALREADY_SIGNED, msg: '该人员已在本渠道签发电子社保卡' };
    const today = yyyymmdd(sc.now());
    const record: SignRecord = {
      signNo: `${sc.credentials.national.channelNo}${today}${String(randomInt(0, 1e8)).padStart(8, '0')}`,
      level: 1,
      signDate: today,
      validate: `${Number(today.slice(0, 4)) + 10}${today.slice(4)}`,
      status: 'active',
    };
    st.signs.set(person.idNumber, record);
    return answer(record);
  });

const raiseLevel: CsbApiHandler = (biz, sc) =>
  once(sc, biz.busiSeq, () => {
    const p = findPersona(sc, biz.aac002);
    const record = p ? nationalState(sc).signs.get(p.idNumber) : undefined;
    if (!p || !record || record.status !== 'active' || record.signNo !== biz.signNo) return { msgCode: MSG.NOT_SIGNED, msg: '未签发电子社保卡' };
    if (!p.card || p.card.bankAccount !== biz.aae010) return { msgCode: MSG.BANK_ACCOUNT_MISMATCH, msg: '银行账号与社会保障卡金融账户不一致' };
    if (!['active'].includes(p.card.status)) return { msgCode: MSG.CARD_NOT_USABLE, msg: '社会保障卡状态异常' };
    record.level = 2;
    return { msgCode: MSG.OK, msg: '成功', result: { signNo: record.signNo, signLevel: 2, bankName: p.card.bank } };
  });

const signStatus: CsbApiHandler = (biz, sc) => {
  const record = nationalState(sc).signs.get(String(biz.aac002));
  if (!record) return { msgCode: MSG.NOT_SIGNED, msg: '未签发电子社保卡' };
  return { ...answer(record), result: { ...(answer(record).result as object), status: record.status } };
};

const revokeChannel: CsbApiHandler = (biz, sc) =>
  once(sc, biz.busiSeq, () => {
    const record = nationalState(sc).signs.get(String(biz.aac002));
    if (!record || record.signNo !== biz.signNo || record.status !== 'active') return { msgCode: MSG.NOT_SIGNED, msg: '未签发电子社保卡' };
    record.status = 'revoked';
    return { msgCode: MSG.OK, msg: '成功', result: { signNo: record.signNo, status: 'revoked' } };
  });

const physicalStatus: CsbApiHandler = (biz, sc) => {
  const p = findPersona(sc, biz.aac002);
  if (!p?.card) return { msgCode: MSG.NO_PHYSICAL_CARD, msg: '未查询到社会保障卡信息' };
  return { msgCode: MSG.OK, msg: '成功', result: { aaz500: p.card.cardNo, cardStatus: p.card.status, bankName: p.card.bank, issueDate: p.card.issuedOn } };
};

export const esscCardApis: Record<string, CsbApiHandler> = {
  'essc.card.sign': sign,
  'essc.card.level.raise': raiseLevel,
  'essc.card.sign.status': signStatus,
  'essc.card.channel.revoke': revokeChannel,
  'essc.card.physical.status': physicalStatus,
};
