import type { Browser, Page } from 'playwright-core';
import { withRosterSubjects } from '../../bff/test/support/roster-subject-resolver';
import type { Stack } from '../../bff/test/support/stack';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0c1bd3e0000000049454e44ae426082',
  'hex',
);

/**
 * The online-business pages in Chromium against the real BFF and the HRSS twin. The identity
 * feature is not wired yet, so the stack uses the roster stand-in resolver of the BFF tests.
 */
describe('online business in the H5 app', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startH5Stack({ overrides: withRosterSubjects });
    // The twin accepts and reviews on its own schedule, compressed for the test.
    await fetch(`${stack.sandboxUrl}/sandbox/hrss/settings`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceStepMs: 1500, notifyScheduleMs: [200, 400, 800] }),
    });
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPhone(browser, stack.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const visible = () => page.locator('.page:visible');

  it('submits a labour dispute mediation request with a photo of the evidence and sees HRSS accept it', async () => {
    await page.goto('/');
    await page.getByText('去登录').click();
    await page.getByText('王海燕 · 在青参保，社保卡正常').click();
    await page.locator('.taro-tabbar__tabbar').getByText('服务', { exact: true }).click();
    await visible().getByText('劳动争议调解申请').click();
    await visible().getByText('承诺办结时限：15 个工作日').waitFor();

    const field = (name: string) => visible().locator(`[data-field="${name}"]`);
    await field('respondentName').locator('input').fill('青岛某某贸易有限公司');
    await field('respondentAddress').locator('input').fill('青岛市市北区辽宁路100号');
    await field('disputeType').getByText('劳动报酬（欠薪）').click();
    await field('claimFen').locator('input').fill('8600.50');
    await field('facts').locator('textarea').fill('2026年8月至10月工资共计8600.50元未发放，多次催要未果。');
    await field('requests').locator('textarea').fill('支付拖欠工资8600.50元');
    await field('mode').getByText('线上视频调解').click();
    await field('mobile').locator('input').fill('13805321234');
    await field('consent').locator('[role="checkbox"]').click();

    const chooser = page.waitForEvent('filechooser');
    await visible().getByText('上传材料', { exact: true }).click();
    await (await chooser).setFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: PNG });
    await visible().getByText(/PNG · 1KB|PNG · 0KB/).waitFor();
    await screenshot(page, 'business-mediation-form');

    await visible().getByText('提交申请', { exact: true }).click();
    await visible().getByText('办理进度').waitFor();
    await visible().getByText('已提交').first().waitFor();

    // The twin accepts it and calls the BFF back; the page shows it when opened again.
    const [row] = await stack.db.ds.query('SELECT id, application_no FROM business_application ORDER BY submitted_at DESC LIMIT 1');
    const deadline = Date.now() + 20_000;
    let accepted = false;
    while (!accepted && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const [s] = await stack.db.ds.query('SELECT status FROM business_application WHERE id = ?', [row.id]);
      accepted = s.status !== 'submitted';
    }
    expect(accepted).toBe(true);
    await page.reload();
    await visible().getByText('人社部门').first().waitFor();
    expect(await visible().innerText()).toMatch(/已受理|审核中|已办结/);
    await screenshot(page, 'business-mediation-accepted');

    const [att] = await stack.db.ds.query('SELECT type, application_id FROM business_attachment');
    expect(att).toEqual({ type: 'png', application_id: row.id });
    expect(pageErrors).toEqual([]);
  });

  it('lists it under my applications', async () => {
    await page.goto('/#/subpackages/business/applications/index');
    const row = page.locator('.application-row:visible').first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(/劳动争议调解申请[\s\S]*(已受理|审核中|已办结)[\s\S]*申请编号 QDYW/);
    await screenshot(page, 'business-my-applications');
  });
});
