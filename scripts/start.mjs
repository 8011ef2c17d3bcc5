#!/usr/bin/env node
// `npm start`: build, then run the sandbox twins and the BFF (embedded SQLite, sandbox mode),
// serving the H5 app and the API on one port. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8080);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8090);

if (process.env.SKIP_BUILD !== '1' || !existsSync(join(root, 'bff/dist/src/server.js'))) {
  const code = await run(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root });
  if (code !== 0) process.exit(code);
}

mkdirSync(join(root, '.data'), { recursive: true });
const children = [];
function start(name, script, env) {
  const child = spawn(process.execPath, [script], { cwd: join(root, 'bff'), env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('sandbox', 'dist/sandbox/server.js', { SANDBOX_PORT: String(sandboxPort), BFF_BASE_URL: `http://127.0.0.1:${port}` });
start('bff', 'dist/src/server.js', {
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  PORT: String(port),
  SANDBOX: '1',
  SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
  SQLITE_PATH: process.env.SQLITE_PATH ?? join(root, '.data/essc.sqlite'),
  STATIC_DIR: join(root, 'miniapp/dist/h5'),
  H5_ORIGINS: process.env.H5_ORIGINS ?? `http://localhost:${port},http://127.0.0.1:${port}`,
});

// Say where everything is once the BFF answers.
const deadline = Date.now() + 30_000;
while (Date.now() < deadline && !stopping) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/readyz`);
    if (r.ok) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 300));
}
console.log(`
  ┌──────────────────────────────────────────────────────────────────────────┐
   Qingdao e-SSC is running (sandbox mode, embedded SQLite)
   H5 app ............ http://localhost:${port}/          (pick a demo persona)
   API ............... http://localhost:${port}/api/v1     OpenAPI: /openapi.json
   Health ............ http://localhost:${port}/healthz    /readyz
   Sandbox twins ..... http://127.0.0.1:${sandboxPort}/sandbox/roster
   WeChat build ...... miniapp/dist/weapp  (open the repository root in WeChat DevTools)
   Alipay build ...... miniapp/dist/alipay (open miniapp/dist/alipay in the Alipay IDE)
   Database .......... ${process.env.SQLITE_PATH ?? join(root, '.data/essc.sqlite')}
   Stop with Ctrl-C
  └──────────────────────────────────────────────────────────────────────────┘
`);
