import { API, type NearbyQuery } from '@qdssc/shared';
import { call } from './http';

/** Typed client of the BFF's branches module. */
export const branchesService = {
  nearby: (q: NearbyQuery) => call(API.branches.nearby, { query: q as Record<string, string | number | boolean | undefined> }),
  filters: () => call(API.branches.filters),
};
