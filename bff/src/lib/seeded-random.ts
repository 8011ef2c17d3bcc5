/**
 * A small seeded random generator (mulberry32): the same seed gives the same sequence on every
 * machine, so generated data and property tests are reproducible.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
  pick<T>(list: readonly T[]): T;
  shuffle<T>(list: T[]): T[];
}

export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    between: (min, max) => min + next() * (max - min),
    gaussian: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick: (list) => list[Math.floor(next() * list.length)],
    shuffle: (list) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      return list;
    },
  };
  return rng;
}

/** Kilometres per degree of latitude (and of longitude at the equator) on the mean sphere. */
export const KM_PER_DEGREE = 111.195;

/** A point scattered around a centre with a normal spread of `spreadKm` on each axis. */
export function scatter(rng: Rng, centre: { lat: number; lng: number }, spreadKm: number): { lat: number; lng: number } {
  const dLat = (rng.gaussian() * spreadKm) / KM_PER_DEGREE;
  const dLng = (rng.gaussian() * spreadKm) / (KM_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
  return { lat: centre.lat + dLat, lng: centre.lng + dLng };
}
