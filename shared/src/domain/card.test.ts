import { ERRORS } from '../errors';
import { PHYSICAL_CARD_STATUSES, type PhysicalCardStatus } from './ecard';
import {
  CARD_CHANNELS, CARD_OPERATIONS, CARD_REFUSAL_ADVICE, canCardOperation, cardAddWorkingDays, cardBookableDates, cardOnlineActions,
  cardTableMatchesTransitions, cardWhatToBring, isLaterProductionStage, type CardOperation,
} from './card';

/** The whole table written out: operation → channel → the from-states that are allowed. */
const ALLOWED: Record<CardOperation, { online: PhysicalCardStatus[]; branch: PhysicalCardStatus[] }> = {
  activate: { online: ['issued'], branch: ['issued'] },
  report_temporary_loss: { online: ['active'], branch: ['active'] },
  release_temporary_loss: { online: ['temporarily_lost'], branch: ['temporarily_lost'] },
  report_loss: { online: [], branch: ['active', 'temporarily_lost'] },
  replace: { online: [], branch: ['lost'] },
  cancel: { online: ['active', 'issued'], branch: ['in_production', 'issued', 'active', 'temporarily_lost', 'lost'] },
};

/** The refusal of every online pair that is not allowed. */
const ONLINE_REFUSALS: Record<CardOperation, Partial<Record<PhysicalCardStatus, string>>> = {
  activate: { in_production: 'CARD_OP_IN_PRODUCTION', active: 'CARD_OP_ALREADY_ACTIVE', temporarily_lost: 'CARD_OP_ALREADY_ACTIVE', lost: 'CARD_OP_FORMALLY_LOST', cancelled: 'CARD_OP_CARD_CLOSED', replaced: 'CARD_OP_CARD_CLOSED' },
  report_temporary_loss: { in_production: 'CARD_OP_IN_PRODUCTION', issued: 'CARD_OP_NOT_ACTIVATED', temporarily_lost: 'CARD_OP_ALREADY_REPORTED', lost: 'CARD_OP_FORMALLY_LOST', cancelled: 'CARD_OP_CARD_CLOSED', replaced: 'CARD_OP_CARD_CLOSED' },
  release_temporary_loss: { in_production: 'CARD_OP_IN_PRODUCTION', issued: 'CARD_OP_NOT_REPORTED', active: 'CARD_OP_NOT_REPORTED', lost: 'CARD_OP_FORMALLY_LOST', cancelled: 'CARD_OP_CARD_CLOSED', replaced: 'CARD_OP_CARD_CLOSED' },
  report_loss: { in_production: 'CARD_OP_IN_PRODUCTION', issued: 'CARD_OP_NOT_ACTIVATED', active: 'CARD_OP_BRANCH_ONLY', temporarily_lost: 'CARD_OP_BRANCH_ONLY', lost: 'CARD_OP_FORMALLY_LOST', cancelled: 'CARD_OP_CARD_CLOSED', replaced: 'CARD_OP_CARD_CLOSED' },
  replace: { in_production: 'CARD_OP_IN_PRODUCTION', issued: 'CARD_OP_BRANCH_ONLY', active: 'CARD_OP_BRANCH_ONLY', temporarily_lost: 'CARD_OP_BRANCH_ONLY', lost: 'CARD_OP_BRANCH_ONLY', cancelled: 'CARD_OP_CARD_CLOSED', replaced: 'CARD_OP_CARD_CLOSED' },
  cancel: { in_production: 'CARD_OP_BRANCH_ONLY', temporarily_lost: 'CARD_OP_BRANCH_ONLY', lost: 'CARD_OP_BRANCH_ONLY', cancelled: 'CARD_OP_CARD_CLOSED', replaced: 'CARD_OP_CARD_CLOSED' },
};

describe('the physical card operations table', () => {
  for (const op of CARD_OPERATIONS) {
    for (const channel of CARD_CHANNELS) {
      for (const from of PHYSICAL_CARD_STATUSES) {
        const allowed = ALLOWED[op][channel].includes(from);
        it(`${allowed ? 'allows' : 'refuses'} ${op} from ${from} ${channel}`, () => {
          const d = canCardOperation(op, from, channel);
          expect(d.allowed).toBe(allowed);
          if (!d.allowed) {
            expect(ERRORS[d.code]).toBeDefined();
            expect(d.advice).toBe(CARD_REFUSAL_ADVICE[d.code]);
            if (channel === 'online') expect(d.code).toBe(ONLINE_REFUSALS[op][from]);
          }
        });
      }
    }
  }

  it('only allows transitions the physical card’s state machine knows', () => {
    expect(cardTableMatchesTransitions()).toBe(true);
  });

  it('sends every refusal that needs a counter to the branches', () => {
    expect(canCardOperation('report_loss', 'temporarily_lost', 'online')).toEqual({ allowed: false, code: 'CARD_OP_BRANCH_ONLY', advice: 'branch' });
    expect(canCardOperation('release_temporary_loss', 'cancelled', 'online')).toMatchObject({ advice: 'branch' });
    expect(ERRORS.CARD_OP_BRANCH_ONLY.zh).toContain('即时制卡网点');
  });

  it('offers online only what the table allows, and nothing for a cancelled card', () => {
    expect(cardOnlineActions('active')).toEqual(['report_temporary_loss', 'cancel']);
    expect(cardOnlineActions('temporarily_lost')).toEqual(['release_temporary_loss']);
    expect(cardOnlineActions('issued')).toEqual(['activate', 'cancel']);
    expect(cardOnlineActions('cancelled')).toEqual([]);
    expect(cardOnlineActions('in_production')).toEqual([]);
  });
});

describe('production progress and appointments', () => {
  it('moves production stages only forward', () => {
    expect(isLaterProductionStage('in_production', 'submitted')).toBe(true);
    expect(isLaterProductionStage('submitted', 'in_production')).toBe(false);
    expect(isLaterProductionStage('collected', 'collected')).toBe(false);
    expect(isLaterProductionStage('submitted', null)).toBe(true);
  });

  it('counts working days past weekends and the National Day holiday', () => {
    expect(cardAddWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(cardAddWorkingDays('2026-09-30', 1)).toBe('2026-10-08'); // 10-01…10-07 off in the 2026 table
  });

  it('books only working days after today', () => {
    const dates = cardBookableDates('2026-11-29', 3);
    expect(dates).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('asks inpatients for a hospital proof and their agent’s ID, everyone for their own ID', () => {
    expect(cardWhatToBring('inpatient')).toEqual(['id_document', 'proof_hospital', 'agent_id']);
    expect(cardWhatToBring('benefits_by_card')).toEqual(['id_document']);
  });
});
