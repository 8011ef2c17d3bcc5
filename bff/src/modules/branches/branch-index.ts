import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMeters, hoursWindow, todayWindowPicker, type HoursWindow, type OpeningHours } from '@qdssc/shared';

/**
 * The in-memory spatial index of outlets: a static k-d tree (kdbush) over longitude/latitude,
 * searched nearest-first along great circles (geokdbush), with the filters (service mask, bank,
 * open now) applied inside the search so a filtered query still stops after `limit` hits.
 *
 * An index is immutable once built. The directory builds a new one beside the old and swaps the
 * reference, so a request always searches one complete data set.
 */

export interface IndexedPoint {
  lat: number;
  lng: number;
  /** Bit mask of BRANCH_SERVICES. */
  mask: number;
  bank: string;
  hours: OpeningHours;
}

export interface NearbySearch {
  lat: number;
  lng: number;
  limit: number;
  radiusM: number;
  /** Every bit must be offered (0 = no service filter). */
  serviceMask?: number;
  bank?: string;
  /** Evaluate "open now" at this instant (Unix ms) and keep only open outlets when `openNow`. */
  at: number;
  openNow?: boolean;
}

export interface NearbyHit<T> {
  item: T;
  distanceM: number;
  openNow: boolean;
}

export class BranchIndex<T extends IndexedPoint> {
  private readonly tree: KDBush;
  private readonly masks: Uint8Array;
  private readonly bankIds: Uint16Array;
  private readonly banks: Map<string, number>;
  private readonly windows: HoursWindow[];

  private constructor(readonly items: readonly T[]) {
    this.tree = new KDBush(Math.max(1, items.length), 64, Float64Array);
    this.masks = new Uint8Array(items.length);
    this.bankIds = new Uint16Array(items.length);
    this.banks = new Map();
    // Opening hours repeat a lot: share one parsed window per distinct text.
    const windowCache = new Map<string, HoursWindow>();
    this.windows = new Array(items.length);
    items.forEach((it, i) => {
      this.tree.add(it.lng, it.lat);
      this.masks[i] = it.mask;
      let b = this.banks.get(it.bank);
      if (b === undefined) this.banks.set(it.bank, (b = this.banks.size));
      this.bankIds[i] = b;
      const key = `${it.hours.weekday}|${it.hours.weekend ?? ''}`;
      let w = windowCache.get(key);
      if (!w) windowCache.set(key, (w = hoursWindow(it.hours)));
      this.windows[i] = w;
    });
    if (!items.length) this.tree.add(0, 0); // kdbush needs one point; never returned (see size)
    this.tree.finish();
  }

  static build<T extends IndexedPoint>(items: readonly T[]): BranchIndex<T> {
    return new BranchIndex(items);
  }

  get size(): number {
    return this.items.length;
  }

  /** Nearest first, at most `limit`, within `radiusM`, passing every filter. */
  nearby(q: NearbySearch): Array<NearbyHit<T>> {
    if (!this.items.length) return [];
    const { minute, pick } = todayWindowPicker(q.at);
    const isOpen = (i: number) => {
      const w = pick(this.windows[i]);
      return w !== null && minute >= w[0] && minute < w[1];
    };
    const mask = q.serviceMask ?? 0;
    const bankId = q.bank === undefined ? undefined : this.banks.get(q.bank);
    if (q.bank !== undefined && bankId === undefined) return [];
    const predicate =
      mask || bankId !== undefined || q.openNow
        ? (i: number) => (this.masks[i] & mask) === mask && (bankId === undefined || this.bankIds[i] === bankId) && (!q.openNow || isOpen(i))
        : undefined;
    const ids = around(this.tree, q.lng, q.lat, q.limit, q.radiusM / 1000, predicate);
    return ids.map((i) => {
      const item = this.items[i];
      return { item, distanceM: distanceMeters(q, item), openNow: isOpen(i) };
    });
  }

  /** Bytes held by the index structures (tree, filters), not counting the items themselves. */
  get indexBytes(): number {
    return this.tree.data.byteLength + this.masks.byteLength + this.bankIds.byteLength + this.windows.length * 8;
  }
}

/**
 * The same search by brute force: every outlet's distance, filter, sort. The baseline the index
 * is measured against (bench) and checked against (property test).
 */
export function scanNearby<T extends IndexedPoint>(items: readonly T[], q: NearbySearch): Array<NearbyHit<T>> {
  const { minute, pick } = todayWindowPicker(q.at);
  const mask = q.serviceMask ?? 0;
  const hits: Array<NearbyHit<T>> = [];
  for (const item of items) {
    if ((item.mask & mask) !== mask) continue;
    if (q.bank !== undefined && item.bank !== q.bank) continue;
    const w = pick(hoursWindow(item.hours));
    const open = w !== null && minute >= w[0] && minute < w[1];
    if (q.openNow && !open) continue;
    const d = distanceMeters(q, item);
    if (d <= q.radiusM) hits.push({ item, distanceM: d, openNow: open });
  }
  hits.sort((a, b) => a.distanceM - b.distanceM);
  return hits.slice(0, q.limit);
}
