import { z } from 'zod';
import { BRANCH_SERVICES } from '../domain/branch';
import { endpoint } from './endpoint';

export const BranchServiceSchema = z.enum(BRANCH_SERVICES);
export const CoordSystem = z.enum(['gcj02', 'wgs84']);
export type CoordSystem = z.infer<typeof CoordSystem>;

/** Query strings carry text: `true`/`1` mean yes. */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const NearbyQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).describe('Latitude of the resident'),
  lng: z.coerce.number().min(-180).max(180).describe('Longitude of the resident'),
  coord: CoordSystem.default('gcj02').describe('gcj02 (WeChat/Alipay getLocation) or wgs84 (browsers, GPS); wgs84 is converted'),
  service: BranchServiceSchema.optional().describe('Only outlets offering this service'),
  bank: z.string().trim().min(1).max(32).optional().describe('Only this partner bank (short name, e.g. 农业银行)'),
  openNow: flag.default(false).describe('Only outlets open now (Asia/Shanghai time, public holidays closed)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  radius: z.coerce.number().int().min(100).max(300_000).default(50_000).describe('Search radius in metres'),
});
export type NearbyQuery = z.input<typeof NearbyQuery>;

export const LatLngSchema = z.object({ lat: z.number(), lng: z.number() });

export const BranchSummary = z.object({
  id: z.string(),
  bank: z.string(),
  name: z.string(),
  district: z.string().describe('District name, e.g. 市南区'),
  districtCode: z.string(),
  address: z.string(),
  phone: z.string(),
  lat: z.number().describe('GCJ-02'),
  lng: z.number().describe('GCJ-02'),
  services: z.array(BranchServiceSchema),
  hours: z.object({
    weekday: z.string().describe('Mon–Fri and make-up working days, e.g. 09:00-17:00'),
    weekend: z.string().nullable().describe('Saturday and Sunday; null = closed. Public holidays are closed.'),
  }),
  synthetic: z.boolean().describe('Generated sample outlet (not published by the bureau): shown as 示例网点'),
});
export type BranchSummary = z.infer<typeof BranchSummary>;

export const NearbyBranch = BranchSummary.extend({
  distanceM: z.number().int().describe('Great-circle distance in metres'),
  openNow: z.boolean(),
});
export type NearbyBranch = z.infer<typeof NearbyBranch>;

export const NearbyResponse = z.object({
  origin: LatLngSchema.describe('The search point in GCJ-02 (after conversion)'),
  evaluatedAt: z.string().datetime(),
  radius: z.number().int(),
  branches: z.array(NearbyBranch),
  datasetVersion: z.string().nullable(),
});
export type NearbyResponse = z.infer<typeof NearbyResponse>;

export const BranchFilters = z.object({
  banks: z.array(z.object({ name: z.string(), outlets: z.number().int(), instant: z.number().int() })),
  districts: z.array(z.object({ code: z.string(), name: z.string(), centre: LatLngSchema, outlets: z.number().int() })),
  totals: z.object({ outlets: z.number().int(), instant: z.number().int(), synthetic: z.number().int(), banks: z.number().int() }),
  datasetVersion: z.string().nullable(),
});
export type BranchFilters = z.infer<typeof BranchFilters>;

export const branchesApi = {
  nearby: endpoint({
    method: 'get', path: '/api/v1/branches/nearby', tag: 'branches', auth: 'public',
    summary: 'Partner-bank outlets nearest to a point, with distance and whether they are open now',
    description: 'Sorted by great-circle distance from the point (GCJ-02; `coord=wgs84` positions are converted first).',
    query: NearbyQuery, response: NearbyResponse,
    errors: ['BRANCHES_NOT_READY'],
  }),
  filters: endpoint({
    method: 'get', path: '/api/v1/branches/filters', tag: 'branches', auth: 'public',
    summary: 'Banks and districts to filter by, with counts',
    response: BranchFilters,
    errors: ['BRANCHES_NOT_READY'],
  }),
};
