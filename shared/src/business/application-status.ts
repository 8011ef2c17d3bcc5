/**
 * An online application's life. The HRSS system moves it (its callbacks are the truth); the
 * applicant may only withdraw it, and only before a decision:
 *
 *   submitted ──accept──▶ accepted ──review──▶ in_review ──▶ approved
 *       │                    │                     │
 *       ├────────────────────┴─────────────────────┴──▶ rejected (with a reason)   [HRSS]
 *       └────────────────────┴─────────────────────┴──▶ withdrawn                  [applicant]
 */

export const APPLICATION_STATUSES = ['submitted', 'accepted', 'in_review', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationActor = 'hrss' | 'user';

/** from → to → who may make that move. */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, Partial<Record<ApplicationStatus, readonly ApplicationActor[]>>> = {
  submitted: { accepted: ['hrss'], rejected: ['hrss'], withdrawn: ['user', 'hrss'] },
  accepted: { in_review: ['hrss'], rejected: ['hrss'], withdrawn: ['user', 'hrss'] },
  in_review: { approved: ['hrss'], rejected: ['hrss'], withdrawn: ['user', 'hrss'] },
  approved: {},
  rejected: {},
  withdrawn: {},
};

export const FINAL_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['approved', 'rejected', 'withdrawn'];

export function isFinalStatus(s: ApplicationStatus): boolean {
  return FINAL_APPLICATION_STATUSES.includes(s);
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus, actor: ApplicationActor): boolean {
  return APPLICATION_TRANSITIONS[from][to]?.includes(actor) ?? false;
}

/** States a status may still move to by any number of steps. */
export function reachableFrom(from: ApplicationStatus): Set<ApplicationStatus> {
  const seen = new Set<ApplicationStatus>();
  const stack = [from];
  while (stack.length) {
    const s = stack.pop()!;
    for (const next of Object.keys(APPLICATION_TRANSITIONS[s]) as ApplicationStatus[]) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** Statuses from which the applicant may withdraw. */
export const WITHDRAWABLE_STATUSES = APPLICATION_STATUSES.filter((s) => canTransition(s, 'withdrawn', 'user'));
