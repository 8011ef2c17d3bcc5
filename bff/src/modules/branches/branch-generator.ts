import { BRANCH_SERVICES, inBox, PARTNER_BANKS, QINGDAO_DISTRICTS, type BranchService, type District } from '@qdssc/shared';
import { scatter, seededRandom, type Rng } from '../../lib/seeded-random';
import { BASE_SERVICES, type BranchInput } from './branch-rows';

/**
 * Fills the published totals — 8 partner banks, 1,010 outlets, 43 of them making cards on the
 * spot — around the real outlets the bureau published. The rest are not published anywhere, so
 * every generated outlet is `synthetic`, says so in its name and address (示例网点 / 示例地址),
 * and gives its bank's national service number (95599 …) rather than an invented phone number
 * that could ring a stranger. Deterministic: the same seed and real rows give the same outlets.
 */

export interface GeneratorPlan {
  outlets: number;
  instant: number;
  /** Outlets per bank (sum = outlets). */
  perBank: Record<string, number>;
  /** Instant outlets per bank (sum = instant). */
  instantPerBank: Record<string, number>;
  /** Outlets per district code (sum = outlets). */
  perDistrict: Record<string, number>;
}

/** The article's totals spread over banks and districts roughly as their networks are. */
export const QINGDAO_PLAN: GeneratorPlan = {
  outlets: 1010,
  instant: 43,
  perBank: { 农业银行: 140, 中国银行: 100, 建设银行: 120, 工商银行: 130, 交通银行: 70, 邮储银行: 130, 青岛银行: 100, 青岛农商银行: 220 },
  instantPerBank: { 农业银行: 5, 中国银行: 5, 建设银行: 5, 工商银行: 5, 交通银行: 4, 邮储银行: 5, 青岛银行: 7, 青岛农商银行: 7 },
  perDistrict: { '370202': 150, '370203': 160, '370213': 90, '370212': 80, '370214': 110, '370211': 170, '370215': 90, '370281': 65, '370283': 55, '370285': 40 },
};

export const DEFAULT_SEED = 20261129;

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function checkPlan(plan: GeneratorPlan) {
  if (sum(plan.perBank) !== plan.outlets || sum(plan.perDistrict) !== plan.outlets || sum(plan.instantPerBank) !== plan.instant) {
    throw new Error('generator plan: per-bank, per-district and instant counts must add up to the totals');
  }
}

/** Remaining = plan minus what the real rows already cover (never below zero). */
function remaining(plan: Record<string, number>, real: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(plan).map(([k, n]) => [k, Math.max(0, n - (real[k] ?? 0))]));
}

function countBy<T>(list: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of list) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

/** Slots like ['370202', '370202', …] for exact counts, shuffled so banks and districts mix. */
function slots(counts: Record<string, number>, rng: Rng): string[] {
  return rng.shuffle(Object.entries(counts).flatMap(([k, n]) => Array<string>(n).fill(k)));
}

/** A point near one of the district's towns, inside its box. */
export function pointInDistrict(rng: Rng, d: District): { lat: number; lng: number } {
  const total = d.hubs.reduce((a, h) => a + h.weight, 0);
  for (;;) {
    let r = rng.next() * total;
    const hub = d.hubs.find((h) => (r -= h.weight) < 0) ?? d.hubs[0];
    const p = scatter(rng, hub, hub.spreadKm);
    if (inBox(p, d.box)) return { lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 };
  }
}

const WEEKDAY = ['09:00-17:00', '09:00-17:00', '09:00-17:00', '08:30-17:00', '09:00-17:30'];
const WEEKEND = ['09:00-16:00', '09:30-16:00', '10:00-15:00'];

export function generateBranches(real: BranchInput[], opts: { seed?: number; plan?: GeneratorPlan } = {}): BranchInput[] {
  const plan = opts.plan ?? QINGDAO_PLAN;
  checkPlan(plan);
  const rng = seededRandom(opts.seed ?? DEFAULT_SEED);
  const bankSlots = slots(remaining(plan.perBank, countBy(real, (b) => b.bank)), rng);
  const districtSlots = slots(remaining(plan.perDistrict, countBy(real, (b) => b.districtCode)), rng);
  const instantLeft = remaining(
    plan.instantPerBank,
    countBy(real.filter((b) => b.services.includes('instant_card')), (b) => b.bank),
  );
  const n = Math.min(bankSlots.length, districtSlots.length);
  const seq = new Map<string, number>();
  const hotline = new Map(PARTNER_BANKS.map((b) => [b.name, b.serviceHotline]));
  const out: BranchInput[] = [];
  for (let i = 0; i < n; i++) {
    const bank = bankSlots[i];
    const district = QINGDAO_DISTRICTS.find((d) => d.code === districtSlots[i])!;
    const k = `${bank}|${district.code}`;
    const no = (seq.get(k) ?? 0) + 1;
    seq.set(k, no);
    const instant = (instantLeft[bank] ?? 0) > 0;
    if (instant) instantLeft[bank] -= 1;
    const offered = new Set<BranchService>(BASE_SERVICES.filter((s) => s !== 'temporary_card' || instant || rng.next() < 0.9));
    if (instant) offered.add('instant_card');
    const { lat, lng } = pointInDistrict(rng, district);
    out.push({
      bank,
      name: `${bank}${district.short}示例网点${String(no).padStart(2, '0')}`,
      districtCode: district.code,
      address: `青岛市${district.name}示例路${1 + rng.int(300)}号（示例地址）`,
      phone: hotline.get(bank) ?? '12345',
      lat,
      lng,
      services: BRANCH_SERVICES.filter((s) => offered.has(s)),
      weekdayHours: rng.pick(WEEKDAY),
      weekendHours: instant || rng.next() < 0.4 ? rng.pick(WEEKEND) : null,
      synthetic: true,
    });
  }
  return out;
}
