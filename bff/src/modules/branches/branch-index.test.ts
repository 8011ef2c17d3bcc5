import { BRANCH_SERVICES, PARTNER_BANKS, serviceBit, servicesMask, type BranchService, type OpeningHours } from '@qdssc/shared';
import { seededRandom, type Rng } from '../../lib/seeded-random';
import { BranchIndex, scanNearby, type IndexedPoint, type NearbySearch } from './branch-index';

interface Point extends IndexedPoint {
  id: number;
}

const HOURS: OpeningHours[] = [
  { weekday: '09:00-17:00', weekend: null },
  { weekday: '08:30-17:00', weekend: '09:00-16:00' },
  { weekday: '10:00-18:00', weekend: '10:00-15:00' },
];

function randomPoints(rng: Rng, n: number): Point[] {
  return Array.from({ length: n }, (_, id) => {
    const services = BRANCH_SERVICES.filter((s) => s === 'card_business' || rng.next() < (s === 'instant_card' ? 0.1 : 0.7)) as BranchService[];
    return {
      id,
      // Qingdao and its surroundings, denser in the city centre as real outlets are.
      lat: rng.next() < 0.6 ? 36.07 + rng.gaussian() * 0.05 : rng.between(35.5, 37.2),
      lng: rng.next() < 0.6 ? 120.38 + rng.gaussian() * 0.06 : rng.between(119.4, 121.1),
      mask: servicesMask(services),
      bank: rng.pick(PARTNER_BANKS).name,
      hours: rng.pick(HOURS),
    };
  });
}

function randomQuery(rng: Rng): NearbySearch {
  return {
    lat: rng.between(35.6, 37.1),
    lng: rng.between(119.5, 121.0),
    limit: 1 + rng.int(30),
    radiusM: rng.next() < 0.3 ? Infinity : 500 + rng.int(60_000),
    serviceMask: rng.next() < 0.5 ? 0 : serviceBit(rng.pick(BRANCH_SERVICES)),
    bank: rng.next() < 0.3 ? rng.pick(PARTNER_BANKS).name : undefined,
    openNow: rng.next() < 0.3,
    // Any moment of 2026–2027: weekdays, weekends, nights and holidays.
    at: Date.UTC(2026, 0, 1) + rng.int(730 * 24) * 3600_000 + rng.int(60) * 60_000,
  };
}

describe('the branch index', () => {
  it('finds exactly what a brute-force scan finds, in the same order, for random points and filters', () => {
    const rng = seededRandom(20261129);
    for (let round = 0; round < 5; round++) {
      const points = randomPoints(rng, 500 + rng.int(3000));
      const index = BranchIndex.build(points);
      for (let i = 0; i < 200; i++) {
        const q = randomQuery(rng);
        const fast = index.nearby(q);
        const slow = scanNearby(points, q);
        expect(fast.map((h) => h.item.id)).toEqual(slow.map((h) => h.item.id));
        fast.forEach((h, k) => {
          expect(h.distanceM).toBeCloseTo(slow[k].distanceM, 6);
          expect(h.openNow).toBe(slow[k].openNow);
        });
      }
    }
  });

  it('returns the nearest one first and never more than asked', () => {
    const points = randomPoints(seededRandom(7), 1000);
    const index = BranchIndex.build(points);
    const hits = index.nearby({ lat: 36.0648, lng: 120.3868, limit: 10, radiusM: 50_000, at: Date.UTC(2026, 11, 1, 2) });
    expect(hits).toHaveLength(10);
    for (let i = 1; i < hits.length; i++) expect(hits[i].distanceM).toBeGreaterThanOrEqual(hits[i - 1].distanceM);
  });

  it('answers an empty data set and an unknown bank with nothing', () => {
    const q = { lat: 36.06, lng: 120.38, limit: 5, radiusM: 10_000, at: Date.now() };
    expect(BranchIndex.build<Point>([]).nearby(q)).toEqual([]);
    expect(BranchIndex.build(randomPoints(seededRandom(1), 50)).nearby({ ...q, bank: '花旗银行' })).toEqual([]);
  });
});
