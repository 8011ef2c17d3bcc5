import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { withRosterSubjects } from '../../bff/test/support/roster-subject-resolver';
import type { Stack } from '../../bff/test/support/stack';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';

/**
 * The records pages in Chromium against the real BFF and the HRSS twin: the contribution chart of
 * 王海燕 (a three-month gap in 2020, a back-paid month) and a proof of contributions downloaded as
 * a PDF whose code the public API confirms. Records subjects come from the roster stand-in, as in
 * the business suite, so the test needs no face check and e-card application first.
 */
describe('records in the H5 app', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startH5Stack({ overrides: withRosterSubjects });
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPhone(browser, stack.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const visible = () => page.locator('.page:visible');

  it('shows the contribution history as a chart of months with the gaps marked, and the same as a table', async () => {
    await page.goto('/');
    await page.getByText('去登录').click();
    await page.getByText('王海燕 · 在青参保，社保卡正常').click();
    await page.locator('.taro-tabbar__tabbar').getByText('服务', { exact: true }).click();
    await visible().getByText('社保缴费记录', { exact: true }).click();

    const pension = visible().locator('[data-kind="pension"]');
    await pension.locator('[data-year]').first().waitFor();
    // The chart covers the last five calendar years; each year is one sentence for screen readers.
    const years = await pension.locator('[data-year]').evaluateAll((els) => els.map((e) => e.getAttribute('data-year')));
    const thisYear = new Date().getFullYear();
    expect(years).toEqual([0, 1, 2, 3, 4].map((i) => String(thisYear - i)));
    const label = await pension.locator('[data-year]').first().getAttribute('aria-label');
    expect(label).toMatch(new RegExp(`^${thisYear}年养老保险：已缴 \\d+ 个月`));
    expect(await pension.locator('[data-state="paid"]').count()).toBeGreaterThan(36);
    await visible().getByText('缴费概况').waitFor();
    expect(await visible().getByText(/^所选期间缴费 \d+ 个月$/).count()).toBe(1);
    await screenshot(page, 'records-contribution-chart');

    // Back to 2019-2020: the gap after leaving the first employer and the back-paid month show up.
    await page.goto('/#/subpackages/records/contributions/index?from=2019-01&to=2021-12');
    await pension.locator('[data-year="2019"]').waitFor();
    expect(await pension.locator('[data-year]').count()).toBe(3);
    expect(await visible().locator('[data-kind="pension"] [data-state="gap"]').count()).toBeGreaterThan(0);
    expect(await visible().locator('[data-kind="pension"] [data-state="back_paid"]').count()).toBeGreaterThan(0);
    await expect(visible().getByText(/共 \d+ 个月未缴费/).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'records-contribution-chart-gaps');

    await visible().getByText('以表格查看缴费明细').click();
    const rows = visible().locator('[role="table"] [role="row"]');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBeGreaterThan(30);
    expect(pageErrors).toEqual([]);
  });

  it('issues a proof of contributions, downloads the PDF, and the code checks out', async () => {
    await visible().getByText('开具参保证明').click();
    await visible().getByText('生成参保证明', { exact: true }).click();
    const codeEl = visible().locator('[data-testid="proof-code"]');
    await codeEl.waitFor();
    const code = (await codeEl.innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    await screenshot(page, 'records-proof-issued');

    const download = page.waitForEvent('download');
    await visible().getByText('下载并打开 PDF').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`参保证明-${code}.pdf`);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const v = await stack.api.get(`/api/v1/proofs/${code}`);
    expect(v.status).toBe(200);
    expect(v.body.data).toMatchObject({ status: 'valid', holderMaskedName: '**燕' });

    // The public check page, as whoever receives the proof uses it.
    await visible().getByText('查验一份参保证明').click();
    await visible().getByText('查验', { exact: true }).click();
    await visible().getByText('✓ 证明有效').waitFor();
    expect(await visible().innerText()).toContain(v.body.data.pdfSm3);
    await screenshot(page, 'records-proof-verified');
    expect(pageErrors).toEqual([]);
  });

  it('lists the other record kinds from the 服务 tab', async () => {
    await page.goto('/#/pages/services/index');
    await visible().getByText('职业技能等级证书', { exact: true }).click();
    await visible().getByText(/证书编号/).first().waitFor();
    await page.goto('/#/pages/services/index');
    await visible().getByText('社会保险参保信息', { exact: true }).click();
    await visible().getByRole('article', { name: /^养老保险/ }).waitFor();
    await screenshot(page, 'records-insurance');
    expect(pageErrors).toEqual([]);
  });
});
