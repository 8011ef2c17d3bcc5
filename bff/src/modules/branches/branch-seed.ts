import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from '../../app';
import { BranchImport } from './branch-import.entity';
import { writeBranches } from './branch-import.service';
import { generateBranches } from './branch-generator';
import { validateBranchRows, type BranchInput } from './branch-rows';
import { readBranchFile } from './branch-table';

/**
 * The 7 instant card-making outlets the bureau published (bff/data/branches, a copy of
 * shared/data/instant-card-branches.csv), read through the same reader and checks as any import.
 */
export function realBranchesFile(): string {
  // Sources run from src/modules/branches, compiled code from dist/src/modules/branches.
  for (const p of [join(__dirname, '../../../data/branches/instant-card-branches.csv'), join(__dirname, '../../../../data/branches/instant-card-branches.csv')]) {
    if (existsSync(p)) return p;
  }
  throw new Error('bff/data/branches/instant-card-branches.csv not found');
}

export async function loadRealBranches(): Promise<BranchInput[]> {
  const { inputs, problems } = validateBranchRows(await readBranchFile(realBranchesFile()), { existingCoords: new Map() });
  if (problems.length) throw new Error(`the published branch list does not pass the import checks: ${JSON.stringify(problems)}`);
  return inputs.map(({ line: _line, ...b }) => b);
}

/** Real outlets plus the generated ones that fill the published totals. */
export async function seedDataset(seed?: number): Promise<BranchInput[]> {
  const real = await loadRealBranches();
  return [...real, ...generateBranches(real, { seed })];
}

/**
 * Development seed: fills an empty branch table (no import has ever run) with the data set
 * above. Idempotent: once any import or seed is recorded it does nothing, so it neither
 * duplicates nor overwrites data someone imported.
 */
export async function seedBranches(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<void> {
  const imports = deps.db.getRepository(BranchImport);
  if ((await imports.count()) > 0) return;
  try {
    await writeBranches(deps.db, await seedDataset(), { source: 'seed', clock: deps.clock });
  } catch (err) {
    // Two processes starting together: the other one's seed won (unique key), which is fine.
    if ((await imports.count()) === 0) throw err;
  }
}
