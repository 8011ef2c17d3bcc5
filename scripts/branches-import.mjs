#!/usr/bin/env node
// `npm run branches:import -- FILE [--dry-run]`: compiles the BFF and imports a branch table
// (CSV or XLSX in the bureau's layout) into the database `npm start` uses (or DB_URL).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npxBin, run } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let code = await run(npxBin, ['tsc', '-b', 'shared', 'bff'], { cwd: root });
if (code !== 0) process.exit(code);
code = await run(process.execPath, [join(root, 'bff/dist/src/modules/branches/import-cli.js'), ...process.argv.slice(2)], {
  cwd: join(root, 'bff'),
  env: { ...process.env, SQLITE_PATH: process.env.SQLITE_PATH ?? join(root, '.data/essc.sqlite'), INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
});
process.exit(code);
