import { gapMonths, INSURANCE_KINDS, isIsoDate, isMonth, STARTUP_LOAN_STATUSES, type ContributionMonth } from '@qdssc/shared';
import { findPersonByIdNumber } from './hrss-twin-state';
import { ok, pageOf, paging, paramInvalid, personUnknown, type HrssApi, type HrssAnswer } from './hrss-api-registry';
import { recordsOf, type PersonRecords } from './records-generator';

/**
 * Records area of the HRSS twin: person lookup and seven record queries, with paging and date
 * ranges applied at the source as the real system does.
 */

type Body = Record<string, unknown>;

function range(body: Body, valid: (s: unknown) => boolean): { from?: string; to?: string } | null {
  const from = body.from ?? undefined;
  const to = body.to ?? undefined;
  if ((from !== undefined && !valid(from)) || (to !== undefined && !valid(to))) return null;
  if (typeof from === 'string' && typeof to === 'string' && from > to) return null;
  return { from: from as string | undefined, to: to as string | undefined };
}

const within = (v: string, r: { from?: string; to?: string }) => (!r.from || v >= r.from) && (!r.to || v <= r.to);

function contributions(records: PersonRecords, body: Body): HrssAnswer {
  const r = range(body, isMonth);
  if (!r) return paramInvalid('from/to 应为 YYYY-MM 且 from ≤ to');
  const kind = body.insuranceKind;
  if (kind !== undefined && !INSURANCE_KINDS.includes(kind as never)) return paramInvalid('insuranceKind');
  const p = paging(body);
  if (!p) return paramInvalid('page/pageSize');

  const rows = records.contributions
    .map((row) => ({ ...row, covers: row.covers.filter((m) => within(m, r)) }))
    .filter((row) => row.covers.length > 0)
    .map((row) => {
      if (!kind) return row;
      const parts = row.parts.filter((x) => x.insuranceKind === kind);
      return { ...row, parts, personalFen: parts.reduce((s, x) => s + x.personalFen, 0), employerFen: parts.reduce((s, x) => s + x.employerFen, 0) };
    })
    .filter((row) => row.parts.length > 0);

  const covered = rows.flatMap((row) => row.covers);
  const sorted = [...new Set(covered)].sort();
  const summary = {
    firstMonth: sorted[0] ?? null,
    lastMonth: sorted[sorted.length - 1] ?? null,
    paidMonths: sorted.length,
    gapMonths: gapMonths(sorted),
    personalTotalFen: rows.reduce((s, x) => s + x.personalFen, 0),
    employerTotalFen: rows.reduce((s, x) => s + x.employerFen, 0),
  };
  const page = pageOf(rows, p);
  return ok({ ...page, items: page.items.map(({ covers: _c, ...row }): ContributionMonth => row), summary });
}

function listed<T>(all: T[], body: Body, date: (t: T) => string, filter: (t: T) => boolean | null): HrssAnswer {
  const r = range(body, isIsoDate);
  if (!r) return paramInvalid('from/to 应为 YYYY-MM-DD 且 from ≤ to');
  const p = paging(body);
  if (!p) return paramInvalid('page/pageSize');
  const rows: T[] = [];
  for (const t of all) {
    const f = filter(t);
    if (f === null) return paramInvalid('filter');
    if (f && within(date(t), r)) rows.push(t);
  }
  return ok(pageOf(rows, p));
}

const QUERIES: Record<string, (records: PersonRecords, body: Body) => HrssAnswer> = {
  insurance: (rec, body) => {
    const p = paging(body);
    if (!p) return paramInvalid('page/pageSize');
    const kind = body.insuranceKind;
    if (kind !== undefined && !INSURANCE_KINDS.includes(kind as never)) return paramInvalid('insuranceKind');
    return ok(pageOf(rec.insurance.filter((i) => !kind || i.insuranceKind === kind), p));
  },
  contributions,
  employment: (rec, body) =>
    listed(rec.employment, body, (e) => e.registeredOn, (e) => {
      if (body.type === undefined) return true;
      if (body.type !== 'employment' && body.type !== 'unemployment') return null;
      return e.type === body.type;
    }),
  training: (rec, body) =>
    listed(rec.training, body, (t) => t.startDate, (t) => {
      if (body.certified === undefined) return true;
      if (typeof body.certified !== 'boolean') return null;
      return (t.certificateNo !== null) === body.certified;
    }),
  qualifications: (rec, body) => listed(rec.qualifications, body, (q) => q.issuedOn, () => true),
  'skill-levels': (rec, body) =>
    listed(rec.skillLevels, body, (s) => s.issuedOn, (s) => {
      if (body.level === undefined) return true;
      if (!Number.isInteger(body.level)) return null;
      return s.level === body.level;
    }),
  'startup-loans': (rec, body) =>
    listed(rec.startupLoans, body, (l) => l.appliedOn, (l) => {
      if (body.status === undefined) return true;
      if (!STARTUP_LOAN_STATUSES.includes(body.status as never)) return null;
      return l.status === body.status;
    }),
};

export const recordsHrssApis: HrssApi[] = [
  {
    name: 'persons.query',
    method: 'POST',
    path: '/api/v1/persons/query',
    handler: ({ body }, _state, sc) => {
      const p = findPersonByIdNumber(sc, body.aac002);
      if (!p || !recordsOf(p.idNumber, sc.now())) return personUnknown();
      return ok({ aac002: p.idNumber, aac003: p.name, aab301: p.insuredArea, insured: p.insured });
    },
  },
  {
    name: 'records.query',
    method: 'POST',
    path: '/api/v1/records/:kind/query',
    handler: ({ body, params }, _state, sc) => {
      const query = QUERIES[params.kind];
      if (!query) return paramInvalid(`未知的记录类别 ${params.kind}`);
      if (typeof body.aac002 !== 'string') return paramInvalid('aac002');
      const records = recordsOf(body.aac002, sc.now());
      if (!records) return personUnknown();
      return query(records, body);
    },
  },
];
