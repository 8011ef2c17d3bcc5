import { join } from 'node:path';
import { Branch } from '../src/modules/branches/branch.entity';
import { runImportCli } from '../src/modules/branches/import-cli';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db';

const FIXTURES = join(__dirname, 'fixtures/branches');

/** Captures what the command prints, as a terminal would (isTTY) or a log would. */
function capture(isTTY = false) {
  let text = '';
  return { stream: { isTTY, write: (s: string) => (text += s) }, text: () => text };
}

describeDb('npm run branches:import', () => {
  let t: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    t = await createTestDatabase();
    env = { NODE_ENV: 'test', ...(t.config.kind === 'mysql' ? { DB_URL: t.config.url } : { SQLITE_PATH: t.config.path }) };
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('lists every bad row with its line number, exits 1 and writes nothing', async () => {
    const out = capture();
    const err = capture();
    const code = await runImportCli(['bad-branches.csv'], { out: out.stream, err: err.stream, env, cwd: FIXTURES });
    expect(code).toBe(1);
    for (const line of [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) expect(err.text()).toContain(`第${line}行 [`);
    expect(err.text()).not.toContain('第2行 [');
    expect(err.text()).toContain('未写入任何数据');
    expect(await t.ds.getRepository(Branch).count()).toBe(0);
  });

  it('checks without writing on --dry-run', async () => {
    const out = capture();
    expect(await runImportCli(['bureau-layout.tsv', '--dry-run'], { out: out.stream, err: capture().stream, env, cwd: FIXTURES })).toBe(0);
    expect(out.text()).toContain('校验通过');
    expect(await t.ds.getRepository(Branch).count()).toBe(0);
  });

  it('imports a good file with a progress bar on a terminal, and a second run changes nothing', async () => {
    const out = capture();
    const err = capture(true);
    expect(await runImportCli([join(FIXTURES, 'bureau-layout.tsv')], { out: out.stream, err: err.stream, env, cwd: '/' })).toBe(0);
    expect(out.text()).toMatch(/导入完成：7 行，新增 7，更新 0，未变 0；数据版本 [0-9a-f-]{36}/);
    expect(err.text()).toContain('\r写入 write    [██████████████████████████████] 100% 7/7');
    expect(await t.ds.getRepository(Branch).count()).toBe(7);
    const again = capture();
    expect(await runImportCli(['bureau-layout.tsv'], { out: again.stream, err: capture().stream, env, cwd: FIXTURES })).toBe(0);
    expect(again.text()).toContain('新增 0，更新 0，未变 7');
  });

  it('says plainly when the file cannot be used at all', async () => {
    const err = capture();
    expect(await runImportCli(['no-such-file.csv'], { out: capture().stream, err: err.stream, env, cwd: FIXTURES })).toBe(2);
    expect(err.text()).toContain('无法读取文件');
    const usage = capture();
    expect(await runImportCli([], { out: capture().stream, err: usage.stream, env, cwd: FIXTURES })).toBe(2);
    expect(usage.text()).toContain('npm run branches:import -- FILE');
  });
});
