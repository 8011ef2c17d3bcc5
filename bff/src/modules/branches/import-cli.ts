import 'reflect-metadata';
import { basename, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../config';
import { createDataSource, initDataSource } from '../../db/data-source';
import { systemClock } from '../../lib/clock';
import { progressBar, type ProgressBar } from '../../lib/progress-bar';
import { importBranchTable, type ImportProgress } from './branch-import.service';
import { readBranchFile, TableError } from './branch-table';

const USAGE = `用法 / usage: npm run branches:import -- FILE [--dry-run]

  FILE       .csv（逗号或制表符分隔，UTF-8）或 .xlsx，格式同市人社局公布的网点表：
             所属银行、区域、网点（或 即时制卡网点）、地址、联系电话，可加 纬度、经度（GCJ-02）、
             即时制卡、业务范围、工作日营业时间、周末营业时间 列；同一银行下方的银行单元格可留空。
  --dry-run  只校验，不写入。

Writes to DB_URL (MySQL) or the SQLite file SQLITE_PATH (default: the one npm start uses).
Every row is checked first; if any is bad, all bad rows are listed with their line numbers and
nothing is written. Otherwise all rows are written in one transaction (upsert by bank + name).
Running BFF processes pick the new data up within BRANCH_INDEX_REFRESH_SECONDS (default 30).`;

export interface CliIo {
  out: { write(s: string): unknown; isTTY?: boolean };
  err: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Where relative file names are resolved from (npm sets INIT_CWD to the caller's folder). */
  cwd: string;
}

/** The import command; returns the exit code (0 imported, 1 bad rows, 2 unusable file or usage). */
export async function runImportCli(argv: string[], io: CliIo): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--'));
  const dryRun = argv.includes('--dry-run');
  if (argv.includes('--help') || args.length !== 1) {
    io.err.write(`${USAGE}\n`);
    return argv.includes('--help') ? 0 : 2;
  }
  const file = resolve(io.cwd, args[0]);

  let config;
  try {
    // Outside production the demo credentials stand in for the secrets this command does not use.
    config = loadConfig({ SANDBOX: io.env.NODE_ENV === 'production' ? undefined : '1', ...io.env });
  } catch (err) {
    io.err.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 2;
  }

  let table;
  try {
    table = await readBranchFile(file);
  } catch (err) {
    if (err instanceof TableError) {
      io.err.write(`文件无法导入：${err.line ? `第${err.line}行：` : ''}${err.message}\n`);
      return 2;
    }
    throw err;
  }

  const ds = await initDataSource(createDataSource(config.db), config.dbMigrateOnStart);
  const bars: Partial<Record<ImportProgress['phase'], ProgressBar>> = {};
  const labels = { validate: '校验 validate', write: '写入 write   ' };
  try {
    const report = await importBranchTable(ds, table, {
      source: `import:${basename(file)}`,
      clock: systemClock,
      dryRun,
      onProgress: (p) => {
        for (const [phase, bar] of Object.entries(bars)) if (phase !== p.phase) bar?.finish();
        (bars[p.phase] ??= progressBar(io.err, labels[p.phase])).update(p.done, p.total);
      },
    });
    Object.values(bars).forEach((b) => b?.finish());
    for (const w of report.warnings) io.err.write(`提示：${w}\n`);
    if (!report.ok) {
      io.err.write(`\n${report.problems.length} 处问题，未写入任何数据（${report.rows} 行中 ${new Set(report.problems.map((p) => p.line)).size} 行有误）：\n`);
      for (const p of report.problems) io.err.write(`  第${p.line}行 [${p.code}] ${p.message}\n`);
      return 1;
    }
    if (report.dryRun) {
      io.out.write(`校验通过：${report.rows} 行均可导入（--dry-run，未写入）\n`);
      return 0;
    }
    io.out.write(`导入完成：${report.rows} 行，新增 ${report.inserted}，更新 ${report.updated}，未变 ${report.unchanged}；数据版本 ${report.datasetVersion}\n`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  runImportCli(process.argv.slice(2), { out: process.stdout, err: process.stderr, env: process.env, cwd: process.env.INIT_CWD ?? process.cwd() }).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
