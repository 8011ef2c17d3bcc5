import { APPLICATION_STATUSES, canTransition, isFinalStatus, reachableFrom, WITHDRAWABLE_STATUSES, type ApplicationStatus } from './application-status';

describe('the application state machine', () => {
  const allowed: Array<[ApplicationStatus, ApplicationStatus, 'hrss' | 'user']> = [
    ['submitted', 'accepted', 'hrss'],
    ['accepted', 'in_review', 'hrss'],
    ['in_review', 'approved', 'hrss'],
    ['submitted', 'rejected', 'hrss'],
    ['accepted', 'rejected', 'hrss'],
    ['in_review', 'rejected', 'hrss'],
    ['submitted', 'withdrawn', 'user'],
    ['accepted', 'withdrawn', 'user'],
    ['in_review', 'withdrawn', 'user'],
  ];

  it('allows exactly the documented moves for the applicant', () => {
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) {
        const expected = allowed.some(([f, t, a]) => f === from && t === to && a === 'user');
        expect([from, to, canTransition(from, to, 'user')]).toEqual([from, to, expected]);
      }
    }
  });

  it('lets only the HRSS system accept, review, approve and reject', () => {
    for (const [from, to, actor] of allowed.filter(([, , a]) => a === 'hrss')) {
      expect(canTransition(from, to, actor)).toBe(true);
      expect(canTransition(from, to, 'user')).toBe(false);
    }
  });

  it('ends in approved, rejected or withdrawn, and nothing leaves an end', () => {
    for (const s of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(isFinalStatus(s)).toBe(true);
      expect(reachableFrom(s).size).toBe(0);
    }
    expect(isFinalStatus('in_review')).toBe(false);
  });

  it('never goes back: accepted cannot return to submitted', () => {
    expect(reachableFrom('accepted').has('submitted')).toBe(false);
    expect(reachableFrom('submitted')).toEqual(new Set(['accepted', 'in_review', 'approved', 'rejected', 'withdrawn']));
  });

  it('lets the applicant withdraw only before a decision', () => {
    expect(WITHDRAWABLE_STATUSES).toEqual(['submitted', 'accepted', 'in_review']);
  });
});
