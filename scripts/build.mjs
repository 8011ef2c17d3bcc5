#!/usr/bin/env node
// Builds everything `npm start` serves: shared + BFF (tsc), then the H5, WeChat and Alipay builds.
// `node scripts/build.mjs h5 weapp` builds only those mini-program targets.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elapsed, npxBin, run } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['h5', 'weapp', 'alipay'];

const t0 = Date.now();
let code = await run(npxBin, ['tsc', '-b', 'shared', 'bff'], { cwd: root });
if (code !== 0) {
  console.error('TypeScript build of shared/ and bff/ failed');
  process.exit(code);
}
console.log(`shared + bff built (${elapsed(t0)})`);
for (const target of targets) {
  const t = Date.now();
  code = await run(npxBin, ['taro', 'build', '--type', target], { cwd: join(root, 'miniapp'), env: { ...process.env, NODE_ENV: 'production' } });
  if (code !== 0) {
    console.error(`mini-program build for ${target} failed`);
    process.exit(code);
  }
  console.log(`miniapp ${target} built into miniapp/dist/${target} (${elapsed(t)})`);
}
