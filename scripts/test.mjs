#!/usr/bin/env node
// `npm test`: type checks, the three mini-program builds, then every jest suite — shared, BFF on
// SQLite and on MySQL, mini-program pages, the compiled WeChat build, the H5 build in Chromium.
// Ends with one line `N passed, N failed, N skipped` over all of them and exits non-zero on any
// failure. A failed type check or build counts as one failed test.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elapsed, npxBin, run } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const only = new Set(process.argv.slice(2)); // e.g. `npm test -- unit e2e` to run some stages
const want = (stage) => only.size === 0 || only.has(stage);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const t0 = Date.now();

async function check(name, cmd, args, opts = {}) {
  const t = Date.now();
  const code = await run(cmd, args, { cwd: root, ...opts });
  if (code === 0) totals.passed += 1;
  else totals.failed += 1;
  lines.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${name} (${elapsed(t)})`);
  return code === 0;
}

async function jest(name, args) {
  const t = Date.now();
  const file = join(out, `jest-${name}.json`);
  rmSync(file, { force: true });
  const code = await run(npxBin, ['jest', ...args, '--json', `--outputFile=${file}`], { cwd: root });
  if (!existsSync(file)) {
    totals.failed += 1;
    lines.push(`FAIL jest ${name}: did not run (exit ${code}) (${elapsed(t)})`);
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A suite that fails to load has no failed tests but must still count.
  const brokenSuites = r.numRuntimeErrorTestSuites ?? 0;
  const failed = r.numFailedTests + brokenSuites + (code !== 0 && r.numFailedTests === 0 && brokenSuites === 0 ? 1 : 0);
  totals.passed += r.numPassedTests;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${failed ? 'FAIL' : 'ok  '} jest ${name}: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped in ${r.numTotalTestSuites} suites (${elapsed(t)})`);
}

if (want('types')) {
  await check('typecheck shared + bff', npxBin, ['tsc', '-b', 'shared', 'bff']);
  await check('typecheck miniapp', npxBin, ['tsc', '--noEmit', '-p', 'miniapp']);
}
if (want('build')) {
  for (const target of ['h5', 'weapp', 'alipay']) {
    await check(`build miniapp ${target}`, npxBin, ['taro', 'build', '--type', target], { cwd: join(root, 'miniapp'), env: { ...process.env, NODE_ENV: 'production' } });
  }
}
if (want('unit')) await jest('unit', ['--maxWorkers=2']);
if (want('weapp')) await jest('weapp', ['-c', 'test/jest.weapp.config.js', '--runInBand']);
if (want('e2e')) await jest('e2e', ['-c', 'test/jest.e2e.config.js', '--runInBand']);

console.log(`\n── npm test (${elapsed(t0)}) ──`);
for (const l of lines) console.log(l);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
