import { distanceMeters, type NearbyBranch } from '@qdssc/shared';
import type { ManualClock } from '../src/lib/clock';
import { importBranchTable } from '../src/modules/branches/branch-import.service';
import { parseDelimited, toBranchTable } from '../src/modules/branches/branch-table';
import { Branch } from '../src/modules/branches/branch.entity';
import { gcj02ToWgs84 } from '../src/modules/branches/coords';
import { startStack, type Stack } from './support/stack';
import { describeDb } from './support/test-db';

/** Bank of China's Qingdao head office (GCJ-02), one of the published instant card-making outlets. */
const BOC_HEAD_OFFICE = { lat: 36.0648, lng: 120.3868 };
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`);

describeDb('finding the nearest branch over HTTP', () => {
  let s: Stack;
  let clock: ManualClock;

  beforeAll(async () => {
    s = await startStack({ clock: 'manual' });
    clock = s.clock as ManualClock;
    clock.set(shanghai('2026-12-01T10:00')); // a Tuesday morning
  });
  afterAll(async () => {
    await s?.close();
  });
  // The endpoint is rate limited per address; each test starts a fresh minute.
  beforeEach(() => clock.advance(61_000));

  const nearby = (q: Record<string, string | number | boolean>) =>
    s.api.get(`/api/v1/branches/nearby?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`);

  /** The answer worked out the slow way, from the database. */
  async function bruteForce(p: { lat: number; lng: number }, keep: (b: Branch) => boolean) {
    const rows = (await s.db.ds.getRepository(Branch).find()).filter(keep);
    return rows.map((b) => ({ name: b.name, d: distanceMeters(p, { lat: Number(b.lat), lng: Number(b.lng) }) })).sort((a, b) => a.d - b.d);
  }

  it('puts the nearest instant card-making outlet first, sorted by distance', async () => {
    const r = await nearby({ ...BOC_HEAD_OFFICE, service: 'instant_card', limit: 10 });
    expect(r.status).toBe(200);
    const list: NearbyBranch[] = r.body.data.branches;
    const expected = await bruteForce(BOC_HEAD_OFFICE, (b) => b.services.split(',').includes('instant_card'));
    expect(list.map((b) => b.name)).toEqual(expected.slice(0, 10).map((e) => e.name));
    expect(list[0]).toMatchObject({ name: '中国银行青岛市分行营业部', synthetic: false, distanceM: 0, phone: '0532-81858087' });
    expect(list.every((b) => b.services.includes('instant_card'))).toBe(true);
    for (let i = 1; i < list.length; i++) expect(list[i].distanceM).toBeGreaterThanOrEqual(list[i - 1].distanceM);
    expect(r.body.data.datasetVersion).toEqual(expect.any(String));
  });

  it('converts a browser’s WGS-84 position before searching', async () => {
    const wgs = gcj02ToWgs84(BOC_HEAD_OFFICE);
    const r = await nearby({ ...wgs, coord: 'wgs84', service: 'instant_card', limit: 3 });
    expect(distanceMeters(r.body.data.origin, BOC_HEAD_OFFICE)).toBeLessThan(1);
    expect(r.body.data.branches[0].name).toBe('中国银行青岛市分行营业部');
    // Taken as GCJ-02 the same numbers are a few hundred metres off.
    const raw = await nearby({ ...wgs, service: 'instant_card', limit: 1 });
    expect(raw.body.data.branches[0].distanceM).toBeGreaterThan(100);
  });

  it('filters by bank, and marks generated outlets as synthetic', async () => {
    const r = await nearby({ ...BOC_HEAD_OFFICE, bank: '建设银行', limit: 30 });
    const list: NearbyBranch[] = r.body.data.branches;
    expect(list).toHaveLength(30);
    expect(new Set(list.map((b) => b.bank))).toEqual(new Set(['建设银行']));
    const expected = await bruteForce(BOC_HEAD_OFFICE, (b) => b.bank === '建设银行');
    expect(list.map((b) => b.name)).toEqual(expected.slice(0, 30).map((e) => e.name));
    expect(list.some((b) => b.synthetic) && list.some((b) => !b.synthetic)).toBe(true);
    expect(list.filter((b) => b.synthetic).every((b) => b.name.includes('示例网点'))).toBe(true);
  });

  it('keeps to the radius and answers an empty list far from Qingdao', async () => {
    const near = await nearby({ ...BOC_HEAD_OFFICE, radius: 1000, limit: 100 });
    expect(near.body.data.branches.every((b: NearbyBranch) => b.distanceM <= 1000)).toBe(true);
    const beijing = await nearby({ lat: 39.9042, lng: 116.4074 });
    expect(beijing.status).toBe(200);
    expect(beijing.body.data.branches).toEqual([]);
  });

  it('says which outlets are open now in Qingdao time, and closes them all on a public holiday', async () => {
    clock.set(shanghai('2026-12-06T10:00')); // Sunday
    const sunday = await nearby({ ...BOC_HEAD_OFFICE, openNow: true, limit: 50 });
    const open: NearbyBranch[] = sunday.body.data.branches;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((b) => b.openNow && b.hours.weekend !== null)).toBe(true);
    const all = await nearby({ ...BOC_HEAD_OFFICE, limit: 50 });
    expect(all.body.data.branches.filter((b: NearbyBranch) => b.hours.weekend === null).every((b: NearbyBranch) => !b.openNow)).toBe(true);

    clock.set(shanghai('2026-10-02T10:00')); // National Day holiday, a Friday
    const holiday = await nearby({ ...BOC_HEAD_OFFICE, openNow: true });
    expect(holiday.body.data.branches).toEqual([]);
    expect(holiday.body.data.evaluatedAt).toBe('2026-10-02T02:00:00.000Z');

    clock.set(shanghai('2026-12-01T10:00'));
    const weekday = await nearby({ ...BOC_HEAD_OFFICE, openNow: true, limit: 20 });
    expect(weekday.body.data.branches).toHaveLength(20);
  });

  it('refuses nonsense coordinates and options with VALIDATION_FAILED naming the field', async () => {
    for (const [q, field] of [
      [{ lat: 'abc', lng: 120 }, 'lat'],
      [{ lat: 36, lng: 200 }, 'lng'],
      [{ ...BOC_HEAD_OFFICE, limit: 500 }, 'limit'],
      [{ ...BOC_HEAD_OFFICE, service: 'haircut' }, 'service'],
      [{ ...BOC_HEAD_OFFICE, coord: 'bd09' }, 'coord'],
    ] as const) {
      const r = await nearby(q as Record<string, string | number>);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const missing = await s.api.get('/api/v1/branches/nearby');
    expect(missing.status).toBe(400);
  });

  it('lists banks and districts to filter by, with the published totals', async () => {
    const r = await s.api.get('/api/v1/branches/filters');
    expect(r.status).toBe(200);
    expect(r.body.data.totals).toEqual({ outlets: 1010, instant: 43, synthetic: 1003, banks: 8 });
    expect(r.body.data.banks.map((b: { name: string }) => b.name).slice(0, 3)).toEqual(['农业银行', '中国银行', '建设银行']);
    expect(r.body.data.districts).toHaveLength(10);
    expect(r.body.data.districts[0]).toMatchObject({ code: '370202', name: '市南区', centre: { lat: expect.any(Number), lng: expect.any(Number) } });
  });

  describe('after an import', () => {
    const NEW_OUTLET = { lat: 36.0651, lng: 120.3871 };
    const csv = (name: string) =>
      `所属银行,区域,网点,地址,联系电话,纬度,经度,即时制卡\n交通银行,市南区,${name},青岛市市南区香港中路60号,95559,${NEW_OUTLET.lat},${NEW_OUTLET.lng},是\n`;

    it('serves the new data once the index is rebuilt, never a half-built one', async () => {
      const before = await nearby({ ...NEW_OUTLET, limit: 1 });
      const oldVersion = before.body.data.datasetVersion;
      const report = await importBranchTable(s.db.ds, toBranchTable(parseDelimited(csv('交通银行香港中路测试网点'))), { source: 'import:test', clock });
      expect(report.ok).toBe(true);

      // Requests racing the rebuild each see one whole data set: the old one without the outlet
      // or the new one with it.
      const rebuilding = s.app.services.branches.refreshIfChanged();
      const answers = await Promise.all(Array.from({ length: 20 }, () => nearby({ ...NEW_OUTLET, limit: 1 })));
      expect(await rebuilding).toBe(true);
      for (const a of answers) {
        const hasNew = a.body.data.branches[0].name === '交通银行香港中路测试网点';
        expect(a.body.data.datasetVersion).toBe(hasNew ? report.datasetVersion : oldVersion);
      }
      const after = await nearby({ ...NEW_OUTLET, limit: 1 });
      expect(after.body.data).toMatchObject({ datasetVersion: report.datasetVersion, branches: [{ name: '交通银行香港中路测试网点', distanceM: 0 }] });
      expect((await s.api.get('/api/v1/branches/filters')).body.data.totals.outlets).toBe(1011);
    });

    it('notices an import made by another process on its own within the refresh interval', async () => {
      const report = await importBranchTable(s.db.ds, toBranchTable(parseDelimited(csv('交通银行香港中路测试网点二'))), { source: 'import:other-process', clock });
      clock.advance(s.config.branches.indexRefreshMs);
      // The request that notices still gets the current index at once; a later one the new index.
      const first = await nearby({ ...NEW_OUTLET, limit: 2 });
      expect(first.status).toBe(200);
      let version = first.body.data.datasetVersion;
      for (let i = 0; i < 50 && version !== report.datasetVersion; i++) {
        await new Promise((r) => setTimeout(r, 20));
        version = (await s.api.get('/api/v1/branches/filters')).body.data.datasetVersion;
      }
      expect(version).toBe(report.datasetVersion);
    });
  });

  it('limits how fast one address can query', async () => {
    let last = 200;
    for (let i = 0; i < 125 && last === 200; i++) last = (await nearby({ ...BOC_HEAD_OFFICE, limit: 1 })).status;
    expect(last).toBe(429);
  });
});
