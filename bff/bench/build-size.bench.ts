import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kb, table, type Bench } from './bench-kit';

const DIST = join(__dirname, '../../../miniapp/dist');

function sizeOf(dir: string, filter: (rel: string) => boolean = () => true): number {
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (filter(relative(dir, p))) total += st.size;
    }
  };
  if (existsSync(dir)) walk(dir);
  return total;
}

/** Subpackage roots from the compiled app.json: everything else is the main package. */
function subpackageRoots(dir: string): string[] {
  try {
    const app = require(join(dir, 'app.json')) as { subpackages?: Array<{ root: string }>; subPackages?: Array<{ root: string }> };
    return (app.subpackages ?? app.subPackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
  } catch {
    return [];
  }
}

export const buildSizeBench: Bench = {
  name: 'size',
  description: 'Size of each mini-program build (WeChat main package limit: 2 MB; total 20 MB)',
  async run() {
    const rows = [];
    for (const target of ['weapp', 'alipay', 'h5']) {
      const dir = join(DIST, target);
      if (!existsSync(dir)) {
        rows.push({ build: target, 'main package': 'not built', total: '-' });
        continue;
      }
      const roots = subpackageRoots(dir);
      const main = target === 'h5' ? NaN : sizeOf(dir, (rel) => !roots.some((r) => rel.startsWith(r)));
      rows.push({ build: target, 'main package': Number.isNaN(main) ? '(n/a)' : kb(main), total: kb(sizeOf(dir)), subpackages: roots.length });
    }
    table('Mini-program build sizes (run `npm run build` first for fresh figures)', rows);
  },
};
