import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { BranchImport } from './branch-import.entity';
import { Branch } from './branch.entity';
import { branchKey, validateBranchRows, type BranchInput, type RowProblem } from './branch-rows';
import type { BranchTable } from './branch-table';

export interface ImportProgress {
  phase: 'validate' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Recorded with the rows and the import (`import:<file name>`, `seed`). */
  source: string;
  clock: Clock;
  onProgress?: (p: ImportProgress) => void;
  /** Check only; write nothing. */
  dryRun?: boolean;
  /** Rows are generated sample outlets. */
  synthetic?: boolean;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  source: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
  warnings: string[];
  /** The id of the import record: the data set version the BFF's index rebuilds to. */
  datasetVersion: string | null;
}

const CHUNK = 50;

/**
 * Validates a whole table first and writes only if every row is good, in one transaction: an
 * import either changes nothing (and lists every bad row with its line) or applies all rows.
 * Rows upsert on bank + name, so re-importing a corrected file updates instead of duplicating.
 */
export async function importBranchTable(ds: DataSource, table: BranchTable, opts: ImportOptions): Promise<ImportReport> {
  const existing: Array<Pick<Branch, 'bank' | 'name' | 'lat' | 'lng'>> = await ds.getRepository(Branch).find({ select: { bank: true, name: true, lat: true, lng: true } });
  const existingCoords = new Map(existing.map((b) => [branchKey(b.bank, b.name), { lat: Number(b.lat), lng: Number(b.lng) }]));
  opts.onProgress?.({ phase: 'validate', done: 0, total: table.rows.length });
  const { inputs, problems } = validateBranchRows(table, { existingCoords, synthetic: opts.synthetic });
  opts.onProgress?.({ phase: 'validate', done: table.rows.length, total: table.rows.length });
  const warnings = table.ignoredColumns.length ? [`忽略了无法识别的列：${table.ignoredColumns.join('、')}`] : [];
  const report: ImportReport = {
    ok: problems.length === 0,
    dryRun: Boolean(opts.dryRun),
    source: opts.source,
    rows: table.rows.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    problems,
    warnings,
    datasetVersion: null,
  };
  if (!report.ok || opts.dryRun) return report;
  const written = await writeBranches(ds, inputs, opts);
  return { ...report, ...written };
}

type Comparable = Omit<BranchInput, 'services'> & { services: string };

function toRow(input: BranchInput): Comparable {
  return {
    bank: input.bank,
    name: input.name,
    districtCode: input.districtCode,
    address: input.address,
    phone: input.phone,
    lat: input.lat,
    lng: input.lng,
    services: input.services.join(','),
    weekdayHours: input.weekdayHours,
    weekendHours: input.weekendHours,
    synthetic: input.synthetic,
  };
}

function sameAs(stored: Branch, next: Comparable): boolean {
  return (
    stored.districtCode === next.districtCode &&
    stored.address === next.address &&
    stored.phone === next.phone &&
    Number(stored.lat) === next.lat &&
    Number(stored.lng) === next.lng &&
    stored.services === next.services &&
    stored.weekdayHours === next.weekdayHours &&
    (stored.weekendHours ?? null) === next.weekendHours &&
    Boolean(stored.synthetic) === next.synthetic
  );
}

/** Upserts validated outlets in one transaction and records the import (the new data set version). */
export async function writeBranches(
  ds: DataSource,
  inputs: BranchInput[],
  opts: Pick<ImportOptions, 'source' | 'clock' | 'onProgress'>,
): Promise<{ inserted: number; updated: number; unchanged: number; datasetVersion: string }> {
  return ds.transaction(async (em: EntityManager) => {
    const now = opts.clock.now();
    const at = new Date(now);
    const source = opts.source.slice(0, 96);
    const stored = await em.getRepository(Branch).find();
    const byKey = new Map(stored.map((b) => [branchKey(b.bank, b.name), b]));
    const inserts: Branch[] = [];
    const updates: Array<{ id: string; row: Comparable }> = [];
    let unchanged = 0;
    for (const input of inputs) {
      const row = toRow(input);
      const old = byKey.get(branchKey(input.bank, input.name));
      if (!old) inserts.push(em.create(Branch, { ...row, id: newId(now), source, createdAt: at, updatedAt: at }));
      else if (!sameAs(old, row)) updates.push({ id: old.id, row });
      else unchanged += 1;
    }
    const total = inserts.length + updates.length;
    let done = 0;
    opts.onProgress?.({ phase: 'write', done, total });
    for (let i = 0; i < inserts.length; i += CHUNK) {
      const chunk = inserts.slice(i, i + CHUNK);
      await em.insert(Branch, chunk);
      done += chunk.length;
      opts.onProgress?.({ phase: 'write', done, total });
    }
    for (const u of updates) {
      await em.update(Branch, { id: u.id }, { ...u.row, source, updatedAt: at });
      done += 1;
      if (done % CHUNK === 0 || done === total) opts.onProgress?.({ phase: 'write', done, total });
    }
    const version = newId(now);
    await em.insert(BranchImport, { id: version, at, source, rows: inputs.length, inserted: inserts.length, updated: updates.length });
    return { inserted: inserts.length, updated: updates.length, unchanged, datasetVersion: version };
  });
}
