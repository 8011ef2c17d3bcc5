import type { AppDeps } from '../app';
import { seedBranches } from '../modules/branches/branch-seed';
import { seedRosterTerminals } from '../modules/terminal/terminal.seed';
import { MerchantCodeService } from '../modules/pay-terminal/merchant-code.service';

/**
 * Development seed, run when the BFF starts in sandbox mode. Idempotent: safe on every start.
 * Features add what a demo needs (the terminals of the roster, branch data, merchants).
 */
export async function seedDevelopment(deps: AppDeps): Promise<void> {
  for (const seed of developmentSeeds) await seed(deps);
}

export type Seed = (deps: AppDeps) => Promise<void>;

export const developmentSeeds: Seed[] = [
  seedBranches,
  seedRosterTerminals,
  (deps) => new MerchantCodeService(deps.db, deps.config.qrSigningKey, deps.clock).seed(),
];
