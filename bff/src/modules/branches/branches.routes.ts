import { API, PARTNER_BANKS, QINGDAO_DISTRICTS, serviceBit, type BranchFilters, type BranchSummary } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { BranchDirectory, BranchRecord, DirectorySnapshot } from './branch-directory';
import { wgs84ToGcj02 } from './coords';

export interface BranchRouteDeps {
  directory: BranchDirectory;
  kv: KvStore;
  clock: Clock;
}

function summary(r: BranchRecord): BranchSummary {
  const { mask: _mask, ...rest } = r;
  return rest;
}

/** Coordinates to 6 decimals (~0.1 m): enough for a map, no false precision in the answer. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

const filtersCache = new WeakMap<DirectorySnapshot, BranchFilters>();

function filtersOf(snap: DirectorySnapshot): BranchFilters {
  const cached = filtersCache.get(snap);
  if (cached) return cached;
  const items = snap.index.items;
  const count = (pred: (r: BranchRecord) => boolean) => items.reduce((n, r) => n + (pred(r) ? 1 : 0), 0);
  const known = PARTNER_BANKS.map((b) => b.name);
  const rank = (bank: string) => (known.includes(bank) ? known.indexOf(bank) : known.length);
  const bankNames = [...new Set(items.map((r) => r.bank))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const out: BranchFilters = {
    banks: bankNames.map((name) => ({
      name,
      outlets: count((r) => r.bank === name),
      instant: count((r) => r.bank === name && r.services.includes('instant_card')),
    })),
    districts: QINGDAO_DISTRICTS.map((d) => ({ code: d.code, name: d.name, centre: d.centre, outlets: count((r) => r.districtCode === d.code) })),
    totals: {
      outlets: items.length,
      instant: count((r) => r.services.includes('instant_card')),
      synthetic: count((r) => r.synthetic),
      banks: bankNames.length,
    },
    datasetVersion: snap.version,
  };
  filtersCache.set(snap, out);
  return out;
}

export function mountBranchRoutes(r: ApiRouter, { directory, kv, clock }: BranchRouteDeps): void {
  r.mount(API.branches.nearby, async ({ query, ctx }) => {
    // Public and cheap, but not a free bulk export of the data set.
    await enforceRateLimit(kv, `branches:${ctx.ip}`, 120, 60_000);
    const origin = query.coord === 'wgs84' ? wgs84ToGcj02(query) : { lat: query.lat, lng: query.lng };
    const snap = await directory.snapshot();
    const at = clock.now();
    const hits = snap.index.nearby({
      lat: origin.lat,
      lng: origin.lng,
      limit: query.limit,
      radiusM: query.radius,
      serviceMask: query.service ? serviceBit(query.service) : 0,
      bank: query.bank,
      openNow: query.openNow,
      at,
    });
    return {
      origin: { lat: round6(origin.lat), lng: round6(origin.lng) },
      evaluatedAt: new Date(at).toISOString(),
      radius: query.radius,
      branches: hits.map((h) => ({ ...summary(h.item), distanceM: Math.round(h.distanceM), openNow: h.openNow })),
      datasetVersion: snap.version,
    };
  });

  r.mount(API.branches.filters, async () => filtersOf(await directory.snapshot()));
}
