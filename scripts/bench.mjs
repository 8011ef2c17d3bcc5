#!/usr/bin/env node
// `npm run bench [-- name ...]`: compiles the BFF and runs its benchmarks (bff/bench), printing figures.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npxBin, run } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let code = await run(npxBin, ['tsc', '-b', 'shared', 'bff'], { cwd: root });
if (code !== 0) process.exit(code);
code = await run(process.execPath, ['--expose-gc', join(root, 'bff/dist/bench/run.js'), ...process.argv.slice(2)], { cwd: join(root, 'bff'), env: { ...process.env, TEST_DB: process.env.TEST_DB ?? 'sqlite' } });
process.exit(code);
