import { createHash } from 'node:crypto';
import {
  addMonths,
  INSURANCE_KINDS,
  monthInChina,
  monthRange,
  type ContributionMonth,
  type EmploymentRecord,
  type InsuranceEnrolment,
  type InsuranceKind,
} from '@qdssc/shared';
import { RECORD_PROFILES, type CareerSegment, type RecordProfile } from './record-profiles';

/**
 * Derives a persona's records from their career (record-profiles.ts), deterministically: the
 * same ID number and month always give the same history. Bases follow the year's average wage
 * (60 %–300 % bounds), rates follow the Qingdao rates of the time, rounded to the fen.
 * Figures are Qingdao-like approximations for demos, not official values.
 */

/** Average monthly wage (yuan) used for contribution bases, by year — an approximation of Qingdao's. */
const AVERAGE_WAGE: Record<number, number> = {
  1993: 330, 1994: 420, 1995: 480, 1996: 500, 1997: 540, 1998: 580, 1999: 630, 2000: 690, 2001: 780, 2002: 880,
  2003: 990, 2004: 1120, 2005: 1290, 2006: 1470, 2007: 1700, 2008: 1960, 2009: 2170, 2010: 2420, 2011: 2760,
  2012: 3100, 2013: 3420, 2014: 3720, 2015: 4000, 2016: 4300, 2017: 4620, 2018: 5000, 2019: 5350, 2020: 5600,
  2021: 5900, 2022: 6250, 2023: 6600, 2024: 6900, 2025: 7200, 2026: 7500, 2027: 7800,
};

function averageWageFen(year: number): number {
  const known = AVERAGE_WAGE[year] ?? AVERAGE_WAGE[Math.min(Math.max(year, 1993), 2027)];
  return known * 100;
}

/** Employer and personal rates in basis points for an employee (职工) in a month. */
function employeeRates(kind: InsuranceKind, month: string): { employer: number; personal: number } {
  switch (kind) {
    case 'pension':
      return { employer: month >= '2019-05' ? 1600 : 1800, personal: 800 };
    case 'medical':
      return { employer: 900, personal: 200 };
    case 'unemployment':
      if (month < '2015-03') return { employer: 200, personal: 100 };
      if (month < '2016-05') return { employer: 150, personal: 50 };
      return { employer: 70, personal: 30 };
    case 'work_injury':
      return { employer: 40, personal: 0 };
    case 'maternity':
      return { employer: 80, personal: 0 };
  }
}

/** Flexible workers pay everything themselves. */
function flexibleRates(kind: InsuranceKind): { employer: number; personal: number } {
  return kind === 'pension' ? { employer: 0, personal: 2000 } : { employer: 0, personal: 950 };
}

/** Residents' medical insurance, yearly: the family's premium and the government's subsidy (fen). */
const RESIDENT_PREMIUM: Record<number, [number, number]> = {
  2011: [5000, 20000], 2012: [6000, 24000], 2013: [7000, 28000], 2014: [9000, 32000], 2015: [10000, 38000],
  2016: [12000, 42000], 2017: [15000, 45000], 2018: [18000, 49000], 2019: [22000, 52000], 2020: [25000, 55000],
  2021: [28000, 58000], 2022: [32000, 61000], 2023: [36000, 64000], 2024: [40000, 67000], 2025: [40000, 70000],
  2026: [42000, 70000], 2027: [44000, 72000],
};

/** A small deterministic generator (mulberry32) seeded from the ID number. */
function prng(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PersonRecords {
  insurance: InsuranceEnrolment[];
  /** Newest first. */
  contributions: Array<ContributionMonth & { covers: string[] }>;
  employment: EmploymentRecord[];
  training: NonNullable<RecordProfile['training']>;
  qualifications: NonNullable<RecordProfile['qualifications']>;
  skillLevels: NonNullable<RecordProfile['skillLevels']>;
  startupLoans: NonNullable<RecordProfile['startupLoans']>;
}

function baseFor(segment: CareerSegment, month: string, raise: number): number {
  const avg = averageWageFen(Number(month.slice(0, 4)));
  const wanted = Math.round(avg * segment.baseFactor * raise);
  return Math.min(Math.max(wanted, Math.round(avg * 0.6)), avg * 3);
}

function contributionsOf(profile: RecordProfile, idNumber: string, lastMonth: string): PersonRecords['contributions'] {
  const rows: PersonRecords['contributions'] = [];
  const rand = prng(`contrib:${idNumber}`);
  for (const seg of profile.careers) {
    const end = seg.to && seg.to < lastMonth ? seg.to : lastMonth;
    if (seg.from > end) continue;
    // A yearly raise of 0–6 %, fixed per person and year, so bases move like wages do.
    const raises = new Map<number, number>();
    for (const month of monthRange(seg.from, end)) {
      if (seg.skip?.includes(month)) continue;
      const year = Number(month.slice(0, 4));
      if (!raises.has(year)) raises.set(year, 1 + rand() * 0.06);
      const base = seg.scheme === 'flexible' ? Math.round(averageWageFen(year) * seg.baseFactor) : baseFor(seg, month, raises.get(year)!);
      const parts = seg.kinds.map((kind) => {
        const r = seg.scheme === 'flexible' ? flexibleRates(kind) : employeeRates(kind, month);
        return { insuranceKind: kind, baseFen: base, personalFen: Math.round((base * r.personal) / 10_000), employerFen: Math.round((base * r.employer) / 10_000) };
      });
      rows.push({
        month,
        scheme: seg.scheme,
        unitName: seg.unit?.name ?? null,
        status: seg.backPaid?.includes(month) ? 'back_paid' : 'paid',
        coverageMonths: 1,
        baseFen: base,
        personalFen: parts.reduce((s, p) => s + p.personalFen, 0),
        employerFen: parts.reduce((s, p) => s + p.employerFen, 0),
        parts,
        covers: [month],
      });
    }
  }
  if (profile.residentMedicalFromYear) {
    const lastYear = Number(lastMonth.slice(0, 4));
    for (let y = profile.residentMedicalFromYear; y <= lastYear; y++) {
      const [premium, subsidy] = RESIDENT_PREMIUM[y] ?? RESIDENT_PREMIUM[2027];
      const month = `${y}-01`;
      rows.push({
        month,
        scheme: 'resident',
        unitName: null,
        status: 'paid',
        coverageMonths: 12,
        baseFen: 0,
        personalFen: premium,
        employerFen: subsidy,
        parts: [{ insuranceKind: 'medical', baseFen: 0, personalFen: premium, employerFen: subsidy }],
        covers: monthRange(month, `${y}-12`),
      });
    }
  }
  return rows.sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
}

function enrolmentsOf(profile: RecordProfile, contributions: PersonRecords['contributions'], lastMonth: string): InsuranceEnrolment[] {
  const out: InsuranceEnrolment[] = [];
  for (const kind of INSURANCE_KINDS) {
    const rows = contributions.filter((c) => c.parts.some((p) => p.insuranceKind === kind));
    if (!rows.length) continue;
    const segs = profile.careers.filter((s) => s.kinds.includes(kind));
    const latest = segs[segs.length - 1];
    const resident = rows.every((r) => r.scheme === 'resident');
    let status: InsuranceEnrolment['status'];
    if (profile.retiredFrom) status = kind === 'pension' ? 'drawing' : kind === 'medical' ? 'covered' : 'terminated';
    else if (resident) status = 'contributing';
    else status = latest && (latest.to === null || latest.to >= lastMonth) ? 'contributing' : 'suspended';
    const first = rows[rows.length - 1].month;
    out.push({
      insuranceKind: kind,
      scheme: resident ? 'resident' : (latest?.scheme ?? 'employee'),
      status,
      firstEnrolledOn: `${first}-01`,
      lastContributionMonth: rows[0].covers[rows[0].covers.length - 1] > lastMonth ? lastMonth : rows[0].covers[rows[0].covers.length - 1],
      monthsContributed: rows.reduce((n, r) => n + r.covers.filter((m) => m <= lastMonth).length, 0),
      unitName: resident ? null : (latest?.unit?.name ?? null),
      insuredArea: '370200',
    });
  }
  return out;
}

function employmentOf(profile: RecordProfile, idNumber: string, lastMonth: string): EmploymentRecord[] {
  const rand = prng(`employment:${idNumber}`);
  const regNo = (date: string) => `JY${date.replace(/-/g, '')}${String(Math.floor(rand() * 10_000)).padStart(4, '0')}`;
  const out: EmploymentRecord[] = [];
  for (const seg of profile.careers) {
    if (seg.scheme !== 'employee' || !seg.unit) continue;
    const start = `${seg.from}-01`;
    const ended = seg.to !== null && seg.to < lastMonth;
    out.push({
      registrationNo: regNo(start),
      type: 'employment',
      registeredOn: `${seg.from}-${String(3 + Math.floor(rand() * 20)).padStart(2, '0')}`,
      unitName: seg.unit.name,
      unitCreditCode: seg.unit.creditCode,
      position: seg.position ?? null,
      contractType: seg.contractType ?? null,
      startDate: start,
      endDate: ended ? lastDayOf(seg.to!) : null,
      status: ended ? 'ended' : 'current',
      office: seg.office,
    });
  }
  for (const u of profile.unemployment ?? []) {
    out.push({
      registrationNo: regNo(u.registeredOn),
      type: 'unemployment',
      registeredOn: u.registeredOn,
      unitName: null,
      unitCreditCode: null,
      position: null,
      contractType: null,
      startDate: u.registeredOn,
      endDate: u.endDate,
      status: u.endDate ? 'ended' : 'current',
      office: u.office,
    });
  }
  return out.sort((a, b) => (a.registeredOn < b.registeredOn ? 1 : -1));
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

const byDateDesc = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0);

/**
 * Everything the HRSS system holds about one person as of `now`: contributions up to last
 * month (this month's are not posted yet). Null when the person is unknown to Qingdao HRSS.
 */
export function recordsOf(idNumber: string, now: number): PersonRecords | null {
  const profile = RECORD_PROFILES[idNumber];
  if (!profile) return null;
  const lastMonth = addMonths(monthInChina(now), -1);
  const key = `${idNumber}:${lastMonth}`;
  let records = memo.get(key);
  if (!records) {
    records = build(profile, idNumber, lastMonth);
    if (memo.size > 100) memo.clear();
    memo.set(key, records);
  }
  return records;
}

/** A history is a pure function of the person and the month: computed once per month. */
const memo = new Map<string, PersonRecords>();

function build(profile: RecordProfile, idNumber: string, lastMonth: string): PersonRecords {
  const contributions = contributionsOf(profile, idNumber, lastMonth);
  return {
    insurance: enrolmentsOf(profile, contributions, lastMonth),
    contributions,
    employment: employmentOf(profile, idNumber, lastMonth),
    training: [...(profile.training ?? [])].sort(byDateDesc((t) => t.startDate)),
    qualifications: [...(profile.qualifications ?? [])].sort(byDateDesc((q) => q.issuedOn)),
    skillLevels: [...(profile.skillLevels ?? [])].sort(byDateDesc((s) => s.issuedOn)),
    startupLoans: [...(profile.startupLoans ?? [])].sort(byDateDesc((l) => l.appliedOn)),
  };
}

