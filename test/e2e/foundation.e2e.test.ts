import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../bff/test/support/stack';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';

describe('the H5 app in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startH5Stack();
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPhone(browser, stack.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('opens on the e-card tab and asks a visitor to log in', async () => {
    await page.goto('/');
    await page.getByText('请先登录').waitFor();
    const tabBar = await page.locator('.taro-tabbar__tabbar').innerText();
    for (const tab of ['电子社保卡', '网点', '服务', '我的']) expect(tabBar).toContain(tab);
  });

  it('logs in as a roster persona through the sandbox and returns to the tab bar', async () => {
    await page.getByText('去登录').click();
    await page.getByText('演示身份（沙箱环境）').waitFor();
    await page.getByText('王海燕 · 在青参保，社保卡正常').click();
    await page.getByText('您尚未完成实名认证').waitFor();
    await expect(page.locator('.taro-tabbar__tabbar').isVisible()).resolves.toBe(true);
    await screenshot(page, 'foundation-logged-in');
    const audit = await stack.db.ds.query("SELECT channel, result FROM audit_log WHERE action = 'auth.login'");
    expect(audit).toEqual([{ channel: 'h5', result: 'ok' }]);
  });

  it('switches to large-font mode and English on the Me tab, and logs out', async () => {
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('大字模式').waitFor();
    // Taro keeps visited tab pages in the DOM, hidden: only the visible page counts.
    const before = await page.locator('.page:visible').evaluate((el) => getComputedStyle(el).fontSize);
    await page.locator('[aria-label="大字模式"]:visible').click();
    await page.locator('.page.large-font:visible').waitFor();
    const after = await page.locator('.page.large-font:visible').evaluate((el) => getComputedStyle(el).fontSize);
    expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
    await page.locator('.page:visible').getByText('English', { exact: true }).click();
    await page.locator('.page:visible').getByText('Large text').waitFor();
    await page.locator('.taro-tabbar__tabbar').getByText('Services').waitFor();
    await screenshot(page, 'foundation-me-large-english');
    await page.getByText('Log out').click();
    await page.locator('.page:visible').getByText('Log in', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
