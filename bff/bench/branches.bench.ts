import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { BRANCH_SERVICES, PARTNER_BANKS, serviceBit, servicesMask, type OpeningHours } from '@qdssc/shared';
import { seededRandom, scatter, type Rng } from '../src/lib/seeded-random';
import { BranchIndex, scanNearby, type IndexedPoint, type NearbySearch } from '../src/modules/branches/branch-index';
import { kb, mb, percentile, table, type Bench } from './bench-kit';

/**
 * Nearest-outlet search at city and national scale: the in-memory kdbush/geokdbush index against
 * a plain scan of every outlet and against MariaDB (bounding box + haversine on a (lat, lng)
 * B-tree, and MBRContains + ST_Distance_Sphere on a SPATIAL index), on the same generated
 * outlets and the same query points, in one run. Results are cross-checked, so a fast wrong
 * answer would show.
 */

interface Outlet extends IndexedPoint {
  id: number;
}

const SIZES = (process.env.BRANCH_BENCH_SIZES ?? '1000,200000,1000000').split(',').map(Number);
const LIMIT = 20;
const RADIUS_M = 50_000;
const HOURS: OpeningHours[] = [
  { weekday: '09:00-17:00', weekend: null },
  { weekday: '09:00-17:00', weekend: '09:00-16:00' },
  { weekday: '08:30-17:30', weekend: '10:00-15:00' },
];

/** Cities across China (denser in the east, as people are), outlets scattered around them. */
function nationalOutlets(n: number, rng: Rng): { outlets: Outlet[]; cities: Array<{ lat: number; lng: number }> } {
  const cities = Array.from({ length: 400 }, () => (rng.next() < 0.8 ? { lat: rng.between(22, 41), lng: rng.between(108, 122) } : { lat: rng.between(25, 46), lng: rng.between(85, 108) }));
  const weights = cities.map((_, i) => 1 / (i + 1)); // Zipf: a few big cities, many small ones
  const total = weights.reduce((a, b) => a + b, 0);
  const outlets: Outlet[] = new Array(n);
  for (let id = 0; id < n; id++) {
    let r = rng.next() * total;
    let c = 0;
    while ((r -= weights[c]) > 0 && c < cities.length - 1) c++;
    const p = scatter(rng, cities[c], 3 + 12 * rng.next());
    const services = BRANCH_SERVICES.filter((s) => s === 'card_business' || rng.next() < (s === 'instant_card' ? 0.05 : 0.8));
    outlets[id] = { id, lat: p.lat, lng: p.lng, mask: servicesMask(services), bank: PARTNER_BANKS[rng.int(8)].name, hours: HOURS[rng.int(3)] };
  }
  return { outlets, cities };
}

function timeEach<T>(inputs: T[], fn: (q: T) => unknown): { mean: number; p99: number } {
  const times: number[] = [];
  for (const q of inputs) {
    const t = process.hrtime.bigint();
    fn(q);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p99: percentile(times, 99) };
}

async function timeEachAsync<T>(inputs: T[], fn: (q: T) => Promise<unknown>): Promise<{ mean: number; p99: number }> {
  const times: number[] = [];
  for (const q of inputs) {
    const t = process.hrtime.bigint();
    await fn(q);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p99: percentile(times, 99) };
}

// A heap difference below the collector's own noise can come out negative at 1,000 outlets: say so.
const size = (bytes: number) => (bytes < 0 ? '< GC noise' : bytes < 1024 * 1024 ? kb(bytes) : mb(bytes));
const fmt = (msValue: number) => (msValue < 1 ? `${(msValue * 1000).toFixed(1)} µs` : msValue < 1000 ? `${msValue.toFixed(2)} ms` : `${(msValue / 1000).toFixed(2)} s`);

/** Heap and array buffers in use after a full collection (run with --expose-gc, as npm run bench does). */
function heapNow(): number {
  (global as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const HAVERSINE_SQL = '6371000 * 2 * ASIN(SQRT(POW(SIN(RADIANS(lat - ?) / 2), 2) + COS(RADIANS(?)) * COS(RADIANS(lat)) * POW(SIN(RADIANS(lng - ?) / 2), 2)))';

/** Nearest `LIMIT` within the radius by SQL: a box that doubles until it holds enough hits. */
async function sqlNearest(conn: mysql.Connection, q: NearbySearch, spatial: boolean): Promise<number[]> {
  for (let km = 2; ; km *= 2) {
    const r = Math.min(km * 1000, q.radiusM);
    const dLat = r / 111_195;
    const dLng = r / (111_195 * Math.cos((q.lat * Math.PI) / 180));
    let rows: Array<{ id: number; d: number }>;
    if (spatial) {
      const box = `POLYGON((${q.lng - dLng} ${q.lat - dLat},${q.lng + dLng} ${q.lat - dLat},${q.lng + dLng} ${q.lat + dLat},${q.lng - dLng} ${q.lat + dLat},${q.lng - dLng} ${q.lat - dLat}))`;
      [rows] = (await conn.query(
        'SELECT id, ST_Distance_Sphere(pt, POINT(?, ?), 6371000) AS d FROM bench_branch WHERE MBRContains(ST_GeomFromText(?), pt) HAVING d <= ? ORDER BY d LIMIT ?',
        [q.lng, q.lat, box, r, q.limit],
      )) as unknown as [Array<{ id: number; d: number }>];
    } else {
      [rows] = (await conn.query(
        `SELECT id, ${HAVERSINE_SQL} AS d FROM bench_branch WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ? HAVING d <= ? ORDER BY d LIMIT ?`,
        [q.lat, q.lat, q.lng, q.lat - dLat, q.lat + dLat, q.lng - dLng, q.lng + dLng, r, q.limit],
      )) as unknown as [Array<{ id: number; d: number }>];
    }
    if (rows.length >= q.limit || r >= q.radiusM) return rows.map((x) => x.id);
  }
}

async function loadMysql(conn: mysql.Connection, outlets: Outlet[]): Promise<{ ms: number; bytes: number }> {
  const t = Date.now();
  await conn.query('DROP TABLE IF EXISTS bench_branch');
  await conn.query('CREATE TABLE bench_branch (id INT PRIMARY KEY, lat DOUBLE NOT NULL, lng DOUBLE NOT NULL, mask TINYINT NOT NULL, pt POINT NOT NULL) ENGINE=InnoDB');
  for (let i = 0; i < outlets.length; i += 5000) {
    const values = outlets
      .slice(i, i + 5000)
      .map((o) => `(${o.id},${o.lat},${o.lng},${o.mask},POINT(${o.lng},${o.lat}))`)
      .join(',');
    await conn.query(`INSERT INTO bench_branch (id, lat, lng, mask, pt) VALUES ${values}`);
  }
  // Indexes after the load, as a bulk import would.
  await conn.query('ALTER TABLE bench_branch ADD INDEX ix_lat_lng (lat, lng), ADD SPATIAL INDEX ix_pt (pt)');
  await conn.query('ANALYZE TABLE bench_branch');
  const [[size]] = (await conn.query(
    "SELECT data_length + index_length AS bytes FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'bench_branch'",
  )) as unknown as [[{ bytes: number }]];
  return { ms: Date.now() - t, bytes: Number(size.bytes) };
}

async function openMysql(): Promise<{ conn: mysql.Connection; drop: () => Promise<void> } | null> {
  const base = process.env.DB_URL || 'mysql://root@127.0.0.1:3306/test';
  const name = `bench_branches_${randomBytes(3).toString('hex')}`;
  try {
    const admin = await mysql.createConnection({ uri: base, connectTimeout: 3000 });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const conn = await mysql.createConnection({ uri: url.toString() });
    return {
      conn,
      drop: async () => {
        await conn.query(`DROP DATABASE \`${name}\``);
        await conn.end();
      },
    };
  } catch (err) {
    console.log(`  (no MySQL at ${base.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message}; MySQL rows skipped)`);
    return null;
  }
}

export const branchesBench: Bench = {
  name: 'branches',
  description: `Nearest ${LIMIT} outlets within ${RADIUS_M / 1000} km: kdbush+geokdbush index vs plain scan vs MariaDB, at ${SIZES.map((n) => n.toLocaleString('en')).join(' / ')} outlets`,
  async run() {
    const rows: Array<Record<string, string | number>> = [];
    const db = await openMysql();
    const version = db ? ((await db.conn.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]])[0][0].v : 'none';
    try {
      for (const n of SIZES) {
        const rng = seededRandom(n);
        const heapBefore = heapNow();
        const { outlets, cities } = nationalOutlets(n, rng);
        const outletsMem = heapNow() - heapBefore;
        // Residents search from near where people live; a fifth of the searches filter on instant card-making.
        const at = Date.UTC(2026, 11, 1, 2);
        const queries: NearbySearch[] = Array.from({ length: 2000 }, (_, i) => {
          const p = scatter(rng, rng.pick(cities), 10);
          return { lat: p.lat, lng: p.lng, limit: LIMIT, radiusM: RADIUS_M, at, serviceMask: i % 5 === 0 ? serviceBit('instant_card') : 0 };
        });
        const label = n.toLocaleString('en');

        const t0 = process.hrtime.bigint();
        const index = BranchIndex.build(outlets);
        const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
        const fromIndex = (q: NearbySearch) => index.nearby(q).map((h) => h.item.id).join();
        timeEach(queries.slice(0, 300), (q) => index.nearby(q)); // warm-up: the JIT, not the order of runs, decides nothing
        const idx = timeEach(queries, (q) => index.nearby(q));
        rows.push({ outlets: label, method: 'kdbush + geokdbush (in memory)', build: fmt(buildMs), memory: `${size(index.indexBytes)} index + ${size(outletsMem)} outlets`, 'query mean': fmt(idx.mean), 'query p99': fmt(idx.p99), checked: '-' });

        const scanQueries = queries.slice(0, n >= 1_000_000 ? 30 : n >= 200_000 ? 100 : 1000);
        timeEach(scanQueries.slice(0, 5), (q) => scanNearby(outlets, q));
        const scan = timeEach(scanQueries, (q) => scanNearby(outlets, q));
        const scanAgrees = scanQueries.filter((q) => scanNearby(outlets, q).map((h) => h.item.id).join() === fromIndex(q)).length;
        rows.push({ outlets: label, method: 'plain scan (haversine, sort)', build: '-', memory: `${size(outletsMem)} outlets`, 'query mean': fmt(scan.mean), 'query p99': fmt(scan.p99), checked: `${scanAgrees}/${scanQueries.length} same as index` });

        if (db) {
          const loaded = await loadMysql(db.conn, outlets);
          const sqlQueries = queries.filter((q) => !q.serviceMask).slice(0, n >= 1_000_000 ? 100 : 200);
          for (const spatial of [false, true]) {
            await timeEachAsync(sqlQueries.slice(0, 20), (q) => sqlNearest(db.conn, q, spatial));
            const r = await timeEachAsync(sqlQueries, (q) => sqlNearest(db.conn, q, spatial));
            let agrees = 0;
            for (const q of sqlQueries) if ((await sqlNearest(db.conn, q, spatial)).join() === fromIndex(q)) agrees++;
            rows.push({
              outlets: label,
              method: spatial ? 'MariaDB MBRContains + ST_Distance_Sphere (SPATIAL)' : 'MariaDB bbox + haversine (B-tree lat,lng)',
              build: spatial ? fmt(loaded.ms) : '(same load)',
              memory: `${size(loaded.bytes)} on disk`,
              'query mean': fmt(r.mean),
              'query p99': fmt(r.p99),
              checked: `${agrees}/${sqlQueries.length} same as index`,
            });
          }
        }
        console.log(`  ${label} outlets done`);
      }
    } finally {
      await db?.drop();
    }
    table(`Nearest outlets (limit ${LIMIT}, radius ${RADIUS_M / 1000} km; MySQL: MariaDB ${version} on this machine, one connection, round trip included)`, rows);
  },
};
