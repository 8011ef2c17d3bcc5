#!/usr/bin/env node
// `npm run reconcile -- [YYYY-MM-DD]`: compiles the BFF and compares that day's WeChat Pay orders and
// refunds (default: yesterday, China time) with WeChat Pay's trade bill, printing every mismatch.
// Uses the BFF's environment (DB_URL / SQLITE_PATH, WECHATPAY_*); outside production it talks to the
// sandbox twin that `npm start` runs. Exit code 0 = all matched, 3 = mismatches, 1 = could not run.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npxBin, run } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let code = await run(npxBin, ['tsc', '-b', 'shared', 'bff'], { cwd: root });
if (code !== 0) process.exit(code);
code = await run(process.execPath, [join(root, 'bff/dist/src/modules/payments/reconciliation/reconcile-cli.js'), ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, SQLITE_PATH: process.env.SQLITE_PATH ?? join(root, '.data/essc.sqlite') },
});
process.exit(code);
