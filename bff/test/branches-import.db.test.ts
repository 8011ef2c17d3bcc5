import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { ManualClock } from '../src/lib/clock';
import { BranchImport } from '../src/modules/branches/branch-import.entity';
import { importBranchTable, type ImportProgress } from '../src/modules/branches/branch-import.service';
import { generateBranches, QINGDAO_PLAN } from '../src/modules/branches/branch-generator';
import { loadRealBranches, seedBranches, seedDataset } from '../src/modules/branches/branch-seed';
import { parseDelimited, parseXlsx, readBranchFile, toBranchTable } from '../src/modules/branches/branch-table';
import { Branch } from '../src/modules/branches/branch.entity';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db';

const FIXTURES = join(__dirname, 'fixtures/branches');

/** Everything stored about branches, in a stable order: equal snapshots mean nothing changed. */
async function snapshot(ds: DataSource) {
  const rows = await ds.getRepository(Branch).find({ order: { id: 'ASC' } });
  const imports = await ds.getRepository(BranchImport).find({ order: { id: 'ASC' } });
  return { rows: rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng), synthetic: Boolean(r.synthetic) })), imports };
}

describeDb('importing branch data', () => {
  let t: TestDatabase;
  const clock = new ManualClock(Date.UTC(2026, 10, 30, 2));

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedBranches({ db: t.ds, clock });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('seeds the published totals: 8 banks, 1,010 outlets, 43 instant, all but the 7 real ones synthetic', async () => {
    const rows = await t.ds.getRepository(Branch).find();
    expect(rows).toHaveLength(1010);
    expect(new Set(rows.map((r) => r.bank)).size).toBe(8);
    expect(rows.filter((r) => r.services.split(',').includes('instant_card'))).toHaveLength(43);
    const real = rows.filter((r) => !r.synthetic);
    expect(real.map((r) => r.name).sort()).toEqual((await loadRealBranches()).map((b) => b.name).sort());
    expect(rows.filter((r) => r.synthetic).every((r) => r.name.includes('示例网点') && r.address.includes('示例地址'))).toBe(true);
  });

  it('seeds only once: a second run changes nothing', async () => {
    const before = await snapshot(t.ds);
    clock.advance(60_000);
    await seedBranches({ db: t.ds, clock });
    expect(await snapshot(t.ds)).toEqual(before);
  });

  it('reports every bad row of a bad file with its line, and changes nothing', async () => {
    const before = await snapshot(t.ds);
    const report = await importBranchTable(t.ds, await readBranchFile(join(FIXTURES, 'bad-branches.csv')), { source: 'import:bad-branches.csv', clock });
    expect(report.ok).toBe(false);
    expect(report.datasetVersion).toBeNull();
    const byLine = report.problems.map((p) => [p.line, p.code]);
    expect(byLine).toEqual([
      [3, 'PHONE_INVALID'],
      [4, 'DISTRICT_UNKNOWN'],
      [5, 'COORDS_OUTSIDE_QINGDAO'],
      [6, 'BANK_UNKNOWN'],
      [7, 'BANK_UNKNOWN'],
      [8, 'COORDS_OUTSIDE_QINGDAO'],
      [9, 'ADDRESS_MISSING'],
      [10, 'DUPLICATE'],
      [11, 'INSTANT_INVALID'],
      [12, 'COORDS_OUTSIDE_DISTRICT'],
      [13, 'COORDS_MISSING'],
    ]);
    expect(report.problems.find((p) => p.line === 8)?.message).toContain('纬度和经度可能填反了');
    expect(report.problems.find((p) => p.line === 10)?.message).toContain('第8行');
    expect(await snapshot(t.ds)).toEqual(before);
  });

  it('imports the bureau’s table and updates outlets it already has instead of duplicating them', async () => {
    const before = await t.ds.getRepository(Branch).count();
    const table = await readBranchFile(join(FIXTURES, 'bureau-layout.tsv'));
    const unchanged = await importBranchTable(t.ds, table, { source: 'import:bureau-layout.tsv', clock });
    expect(unchanged).toMatchObject({ ok: true, rows: 7, inserted: 0, updated: 0, unchanged: 7 });

    // The bureau moves one outlet's phone: one update, no new row, and a new data set version.
    table.rows[0].fields.phone = '85939999';
    clock.advance(1000);
    const moved = await importBranchTable(t.ds, table, { source: 'import:bureau-layout.tsv', clock });
    expect(moved).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 6 });
    expect(moved.datasetVersion).not.toBe(unchanged.datasetVersion);
    expect(await t.ds.getRepository(Branch).count()).toBe(before);
    expect((await t.ds.getRepository(Branch).findOneByOrFail({ bank: '农业银行', name: '农业银行市南支行营业室' })).phone).toBe('0532-85939999');
  });

  it('keeps stored coordinates when a re-imported row leaves them blank', async () => {
    const repo = t.ds.getRepository(Branch);
    const before = await repo.findOneByOrFail({ bank: '中国银行', name: '中国银行青岛市分行营业部' });
    const csv = '所属银行,区域,网点,地址,联系电话\n中国银行,市南区,中国银行青岛市分行营业部,青岛市市南区香港中路59号一楼,81858087\n';
    const report = await importBranchTable(t.ds, toBranchTable(parseDelimited(csv)), { source: 'import:no-coords.csv', clock });
    expect(report).toMatchObject({ ok: true, updated: 1, problems: [] });
    const after = await repo.findOneByOrFail({ id: before.id });
    expect(after.address).toBe('青岛市市南区香港中路59号一楼');
    expect([Number(after.lat), Number(after.lng)]).toEqual([Number(before.lat), Number(before.lng)]);
  });

  it('reads an XLSX in the bureau’s layout with the bank cell merged down its block', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('网点');
    ws.addRow(['青岛市社保卡即时制卡银行营业网点一览表']);
    ws.addRow(['所属银行', '区域', '网点', '地址', '联系电话', '纬度', '经度', '业务范围', '工作日营业时间', '周末营业时间']);
    ws.addRow(['工商银行 青岛市分行', '青岛市崂山区', '工商银行崂山测试支行', '青岛市崂山区测试路1号', '0532-88886666', 36.107, 120.468, '即时制卡、临时卡、激活、挂失补换', '08:30-17:00', '09:00-16:00']);
    ws.addRow(['', '青岛市城阳区', '工商银行城阳测试支行', '青岛市城阳区测试路2号', 88887777, 36.307, 120.396, '激活、挂失补换', '09:00—17:30', '休息']);
    ws.mergeCells('A3:A4');
    const table = toBranchTable(await parseXlsx(Buffer.from(await wb.xlsx.writeBuffer())));
    const report = await importBranchTable(t.ds, table, { source: 'import:test.xlsx', clock });
    expect(report).toMatchObject({ ok: true, inserted: 2, problems: [] });
    const laoshan = await t.ds.getRepository(Branch).findOneByOrFail({ bank: '工商银行', name: '工商银行崂山测试支行' });
    expect(laoshan).toMatchObject({ districtCode: '370212', services: 'instant_card,temporary_card,activation,loss_replacement,card_business', weekdayHours: '08:30-17:00', weekendHours: '09:00-16:00' });
    const chengyang = await t.ds.getRepository(Branch).findOneByOrFail({ bank: '工商银行', name: '工商银行城阳测试支行' });
    expect(chengyang).toMatchObject({ phone: '0532-88887777', services: 'activation,loss_replacement,card_business', weekdayHours: '09:00-17:30', weekendHours: null });
  });

  it('writes all rows in one transaction: a failure half-way leaves nothing behind', async () => {
    const before = await snapshot(t.ds);
    const table = await readBranchFile(join(FIXTURES, 'bureau-layout.tsv'));
    table.rows.forEach((r, i) => (r.fields.name = `事务测试网点${i}`));
    const seen: ImportProgress[] = [];
    await expect(
      importBranchTable(t.ds, table, {
        source: 'import:crash.tsv',
        clock,
        onProgress: (p) => {
          seen.push(p);
          // The first chunk is written; then the process "dies".
          if (p.phase === 'write' && p.done > 0) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(seen.some((p) => p.phase === 'write' && p.done > 0)).toBe(true);
    expect(await snapshot(t.ds)).toEqual(before);
  });
});

describe('the branch generator', () => {
  it('gives the same outlets for the same seed and different ones for another', async () => {
    const real = await loadRealBranches();
    expect(generateBranches(real, { seed: 1 })).toEqual(generateBranches(real, { seed: 1 }));
    expect(generateBranches(real, { seed: 2 })).not.toEqual(generateBranches(real, { seed: 1 }));
  });

  it('fills each bank and district to the plan, counting the real outlets', async () => {
    const all = await seedDataset();
    for (const [bank, n] of Object.entries(QINGDAO_PLAN.perBank)) expect(all.filter((b) => b.bank === bank)).toHaveLength(n);
    for (const [code, n] of Object.entries(QINGDAO_PLAN.perDistrict)) expect(all.filter((b) => b.districtCode === code)).toHaveLength(n);
    for (const [bank, n] of Object.entries(QINGDAO_PLAN.instantPerBank)) {
      expect(all.filter((b) => b.bank === bank && b.services.includes('instant_card'))).toHaveLength(n);
    }
  });

  it('gives synthetic outlets the bank’s service number, never an invented local number', async () => {
    const generated = generateBranches(await loadRealBranches());
    expect(generated.every((b) => /^9[56]\d{3}$/.test(b.phone))).toBe(true);
  });
});
