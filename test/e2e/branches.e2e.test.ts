import { distanceMeters } from '@qdssc/shared';
import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../bff/test/support/stack';
import { Branch } from '../../bff/src/modules/branches/branch.entity';
import { gcj02ToWgs84 } from '../../bff/src/modules/branches/coords';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';

/** Bank of China's Qingdao head office, GCJ-02; the phone reports WGS-84 as every browser does. */
const BOC = { lat: 36.0648, lng: 120.3868 };

/** Reads until the value is what is expected (the page re-renders after each answer), then returns it. */
async function settle<T>(read: () => Promise<T> | T, expected: T, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await read();
  while (JSON.stringify(v) !== JSON.stringify(expected) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

describe('the 网点 tab in Chromium', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startH5Stack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** The nearest outlets worked out from the database, for what the page should list first. */
  async function nearestFromDb(p: { lat: number; lng: number }, keep: (b: Branch) => boolean): Promise<Branch[]> {
    const rows = (await stack.db.ds.getRepository(Branch).find()).filter(keep);
    return rows.sort((a, b) => distanceMeters(p, { lat: a.lat, lng: a.lng }) - distanceMeters(p, { lat: b.lat, lng: b.lng }));
  }

  const visible = (page: Page) => page.locator('.page:visible');
  const names = (page: Page) => visible(page).locator('.branch__name').allInnerTexts();
  const isInstant = (b: Branch) => b.services.split(',').includes('instant_card');

  /** makePhoneCall on H5 is a `tel:` navigation: the browser shows it as a request it aborts. */
  function phoneCalls(page: Page): string[] {
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith('tel:')) calls.push(r.url().slice(4));
    });
    return calls;
  }

  async function openBranchesTab(page: Page) {
    await page.goto('/');
    await page.locator('.taro-tabbar__tabbar').getByText('网点', { exact: true }).click();
    await visible(page).getByText('社保卡网点').first().waitFor();
  }

  it('lists the nearest instant card-making outlet first for a resident at a fixed position, then filters by bank', async () => {
    const { page, blocked, pageErrors } = await openPhone(browser, stack.baseUrl, { geolocation: { latitude: gcj02ToWgs84(BOC).lat, longitude: gcj02ToWgs84(BOC).lng } });
    const calls = phoneCalls(page);
    await openBranchesTab(page);
    await visible(page).getByText('当前位置：我的位置').waitFor();
    await visible(page).locator('.branch').first().waitFor();

    await visible(page).locator('[aria-label="仅看可即时制卡"]').click();
    const instant = await nearestFromDb(BOC, isInstant);
    expect(await settle(async () => (await names(page))[0], instant[0].name)).toBe(instant[0].name);
    expect(instant[0].name).toBe('中国银行青岛市分行营业部');
    const listed = await names(page);
    expect(listed).toEqual(instant.slice(0, listed.length).map((b) => b.name));
    // H5 draws the plot, never the host map (which would fetch a script from the internet).
    await expect(visible(page).locator('.branch-plot [data-rank]').count()).resolves.toBe(listed.length);
    await screenshot(page, 'branches-nearest-instant');

    await visible(page).locator('[aria-label="银行：建设银行"]').click();
    const ccb = await nearestFromDb(BOC, (b) => isInstant(b) && b.bank === '建设银行');
    expect(await settle(async () => (await names(page))[0], ccb[0].name)).toBe(ccb[0].name);
    expect(await names(page)).toEqual(ccb.slice(0, (await names(page)).length).map((b) => b.name));
    await screenshot(page, 'branches-bank-filter');

    await visible(page).locator('.branch').first().getByText('拨打电话').click();
    expect(await settle(() => calls.includes(ccb[0].phone), true)).toBe(true);
    expect(blocked.some((u) => /map|amap|qq\.com|tianditu/.test(u) && !u.startsWith('https://uri.amap.com'))).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('asks for a district when location is denied, and searches from its centre', async () => {
    const { page, pageErrors } = await openPhone(browser, stack.baseUrl);
    await openBranchesTab(page);
    await visible(page).getByText('您没有授权获取位置', { exact: false }).waitFor();
    await screenshot(page, 'branches-location-denied');
    await visible(page).locator('.district-picker').getByText('黄岛区', { exact: true }).click();
    await visible(page).getByText('当前位置：黄岛区（手动选择）').waitFor();
    const centre = { lat: 35.9667, lng: 120.1905 };
    const expected = await nearestFromDb(centre, () => true);
    expect(await settle(async () => (await names(page))[0], expected[0].name)).toBe(expected[0].name);
    await screenshot(page, 'branches-district-chosen');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('creates a 12345 ticket from a refusal screen and calls 12345 with one tap', async () => {
    const { page, pageErrors } = await openPhone(browser, stack.baseUrl, { geolocation: { latitude: 36.07, longitude: 120.38 } });
    const calls = phoneCalls(page);
    await page.goto('/');
    await page.getByText('去登录').click();
    await page.getByText('王海燕 · 在青参保，社保卡正常').click();
    await page.getByText('您尚未完成实名认证').waitFor();

    // The branch search fails as an unavailable upstream would make it fail.
    await page.route('**/api/v1/branches/nearby**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'UPSTREAM_UNAVAILABLE', message: '相关服务暂时不可用', requestId: 'req-e2e-0000001' }) }),
    );
    await page.locator('.taro-tabbar__tabbar').getByText('网点', { exact: true }).click();
    const panel = visible(page).locator('.error-panel');
    await panel.waitFor();
    await panel.getByText('转人工（12345）').click();
    await panel.getByText('已为您提交工单').waitFor();
    const ticketNo = (await panel.locator('.hotline-ticket__no').innerText()).trim();
    expect(ticketNo).toMatch(/^QD\d{14}$/);
    await screenshot(page, 'branches-hotline-ticket');

    const twin = (await (await fetch(`${stack.sandboxUrl}/sandbox/hotline/tickets`)).json()).tickets.find((t: { ticketNo: string }) => t.ticketNo === ticketNo);
    expect(twin.body).toMatchObject({ category: 'branch', operation: 'branches.nearby', errorCode: 'UPSTREAM_UNAVAILABLE', requestId: 'req-e2e-0000001', caller: { channel: 'h5' } });

    await panel.getByText('拨打 12345（告知工单号）').click();
    expect(await settle(() => calls.includes('12345'), true)).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
