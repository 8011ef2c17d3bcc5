import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import {
  CARD_OPERATIONS, CARD_PRODUCTION_STAGES, canCardOperation, cardAddWorkingDays, isLaterProductionStage, type CardChannel, type CardOperation,
  type CardProductionStage, type PhysicalCardStatus,
} from '@qdssc/shared';
import { HRSS_CODE } from '../../src/adapters/hrss/hrss-wire';
import type { Persona } from '../roster';
import type { SandboxContext } from '../sandbox-context';
import { fail, ok, paramInvalid, personUnknown, type HrssAnswer, type HrssApi } from './hrss-api-registry';
import { findPersonByIdNumber, type HrssTwinState } from './hrss-twin-state';

/**
 * Card area of the HRSS twin: the physical card of each persona as the system of record holds it
 * (status with a version that grows with every change, production progress), the online
 * operations (activation, temporary loss, its release, cancellation; idempotent on the caller's
 * operationId) and the changes made at a branch counter, which reach the BFF as signed callbacks
 * (`card.status`, `card.production`) through the shared notifier. The persona's roster entry is
 * updated too, so the national platform twin reports the same physical card status.
 */

export const CARD_STATUS_EVENT = 'card.status';
export const CARD_PRODUCTION_EVENT = 'card.production';

export interface TwinCard {
  /** Opaque reference of the card in callbacks (never the card number). */
  cardRef: string;
  persona: Persona;
  status: PhysicalCardStatus;
  version: number;
  production: Array<{ stage: CardProductionStage; at: string }>;
  expectedReadyOn: string | null;
}

const cards = new WeakMap<HrssTwinState, Map<string, TwinCard>>();
const answers = new WeakMap<HrssTwinState, Map<string, HrssAnswer>>();

export const cardRefOf = (cardNo: string) => `CR${createHash('sha256').update(`hrss-card:${cardNo}`).digest('hex').slice(0, 24).toUpperCase()}`;

/** The twin's card of a persona, created from the roster on first use. */
export function twinCard(state: HrssTwinState, p: Persona): TwinCard | null {
  if (!p.card) return null;
  let m = cards.get(state);
  if (!m) cards.set(state, (m = new Map()));
  let c = m.get(p.idNumber);
  if (!c) {
    const issued = p.card.issuedOn;
    const stamp = (d: string) => `${d}T09:00:00+08:00`;
    const readyOn = cardAddWorkingDays(issued, 7);
    // Every card but one still in production has been made, was ready at the branch and was collected.
    const production: TwinCard['production'] = [{ stage: 'submitted', at: stamp(issued) }, { stage: 'in_production', at: stamp(cardAddWorkingDays(issued, 1)) }];
    if (p.card.status !== 'in_production') production.push({ stage: 'ready_at_branch', at: stamp(readyOn) }, { stage: 'collected', at: stamp(cardAddWorkingDays(readyOn, 1)) });
    c = { cardRef: cardRefOf(p.card.cardNo), persona: p, status: p.card.status, version: 1, production, expectedReadyOn: readyOn };
    m.set(p.idNumber, c);
  }
  return c;
}

export function twinCardByPersonaId(state: HrssTwinState, sc: SandboxContext, personaId: string): TwinCard | null {
  const p = sc.roster.personas.find((x) => x.id === personaId);
  return p ? twinCard(state, p) : null;
}

const view = (c: TwinCard) => ({
  cardRef: c.cardRef,
  cardNo: c.persona.card!.cardNo,
  bank: c.persona.card!.bank,
  issuedOn: c.persona.card!.issuedOn,
  status: c.status,
  version: c.version,
  production: c.production,
  expectedReadyOn: c.expectedReadyOn,
});

/** Moves a card and tells the BFF (signed callback at the new version). */
export function moveCard(state: HrssTwinState, c: TwinCard, to: PhysicalCardStatus, source: CardChannel): void {
  c.status = to;
  c.version += 1;
  c.persona.card!.status = to;
  if (to === 'active' && !c.production.some((s) => s.stage === 'collected')) c.production.push({ stage: 'collected', at: new Date(state.sc.now()).toISOString() });
  state.emit(CARD_STATUS_EVENT, `card:${c.cardRef}`, { ref: c.cardRef }, { status: to, source }, c.version);
}

export function advanceProduction(state: HrssTwinState, c: TwinCard, stage: CardProductionStage): boolean {
  const current = c.production.length ? c.production[c.production.length - 1].stage : null;
  if (!isLaterProductionStage(stage, current)) return false;
  const at = new Date(state.sc.now()).toISOString();
  c.production.push({ stage, at });
  // Production has its own aggregate: its order is the stage order, the version is the stage's index.
  state.emit(CARD_PRODUCTION_EVENT, `card-production:${c.cardRef}`, { ref: c.cardRef }, { stage, at }, CARD_PRODUCTION_STAGES.indexOf(stage) + 1);
  if (stage === 'ready_at_branch' && c.status === 'in_production') moveCard(state, c, 'issued', 'branch');
  return true;
}

function operate(op: CardOperation, path: string): HrssApi {
  return {
    name: `card.${op}`,
    method: 'POST',
    path,
    handler: ({ body }, state, sc) => {
      const operationId = body.operationId;
      if (typeof operationId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(operationId)) return paramInvalid('operationId');
      let done = answers.get(state);
      if (!done) answers.set(state, (done = new Map()));
      const seen = done.get(operationId);
      if (seen) return seen;
      const p = findPersonByIdNumber(sc, body.aac002);
      if (!p) return personUnknown();
      const c = twinCard(state, p);
      if (!c) return fail(HRSS_CODE.CARD_UNKNOWN, '未查询到社会保障卡信息');
      if (op === 'activate' && body.cardNo !== p.card!.cardNo) return fail(HRSS_CODE.CARD_NUMBER_MISMATCH, '卡号与持卡人不一致');
      const d = canCardOperation(op, c.status, 'online');
      if (!d.allowed) return fail(HRSS_CODE.STATE_CONFLICT, `卡状态不允许该操作：${d.code}`);
      moveCard(state, c, d.to, 'online');
      const a = ok(view(c));
      done.set(operationId, a);
      return a;
    },
  };
}

export const cardHrssApis: HrssApi[] = [
  {
    name: 'card.query',
    method: 'POST',
    path: '/api/v1/cards/query',
    handler: ({ body }, state, sc) => {
      const p = findPersonByIdNumber(sc, body.aac002);
      if (!p) return personUnknown();
      const c = twinCard(state, p);
      return c ? ok(view(c)) : fail(HRSS_CODE.CARD_UNKNOWN, '未查询到社会保障卡信息');
    },
  },
  operate('activate', '/api/v1/cards/activation'),
  operate('report_temporary_loss', '/api/v1/cards/temporary-loss'),
  operate('release_temporary_loss', '/api/v1/cards/temporary-loss/release'),
  operate('cancel', '/api/v1/cards/cancellation'),
];

/**
 * Sandbox control of the card area: what a branch counter does (`POST /sandbox/hrss/cards/:persona/branch
 * {operation}`), production progress (`…/production {stage}`) and the twin's view of the card.
 */
export function mountCardControl(control: Router, state: HrssTwinState, sc: SandboxContext): void {
  const bodyOf = (ctx: Koa.Context) => ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;
  control.get('/cards/:persona', (ctx) => {
    const c = twinCardByPersonaId(state, sc, ctx.params.persona);
    if (!c) {
      ctx.status = 404;
      ctx.body = { error: 'no such card' };
      return;
    }
    ctx.body = { cardRef: c.cardRef, status: c.status, version: c.version, production: c.production };
  });
  control.post('/cards/:persona/branch', (ctx) => {
    const c = twinCardByPersonaId(state, sc, ctx.params.persona);
    const op = bodyOf(ctx).operation as CardOperation;
    if (!c || !CARD_OPERATIONS.includes(op)) {
      ctx.status = c ? 400 : 404;
      ctx.body = { error: c ? 'operation must be a card operation' : 'no such card' };
      return;
    }
    const d = canCardOperation(op, c.status, 'branch');
    if (!d.allowed) {
      ctx.status = 409;
      ctx.body = { moved: false, code: d.code, status: c.status, version: c.version };
      return;
    }
    moveCard(state, c, d.to, 'branch');
    ctx.body = { moved: true, status: c.status, version: c.version };
  });
  control.post('/cards/:persona/production', (ctx) => {
    const c = twinCardByPersonaId(state, sc, ctx.params.persona);
    const stage = bodyOf(ctx).stage as CardProductionStage;
    if (!c || !CARD_PRODUCTION_STAGES.includes(stage)) {
      ctx.status = c ? 400 : 404;
      ctx.body = { error: c ? 'stage must be a production stage' : 'no such card' };
      return;
    }
    const moved = advanceProduction(state, c, stage);
    ctx.status = moved ? 200 : 409;
    ctx.body = { moved, production: c.production, status: c.status, version: c.version };
  });
}

