import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { signRequest } from '../../bff/src/lib/crypto/request-signing';
import { qrFor, terminal, terminalPost, withEcard } from '../../bff/test/support/ecard-flow';
import { withRosterSubjects } from '../../bff/test/support/roster-subject-resolver';
import type { Stack } from '../../bff/test/support/stack';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';

/**
 * Fees and medical settlement on H5, the WeChat Pay twin standing in for the host payment sheet:
 * 刘建华 pays his oldest open flexible-employment month and HRSS books it; 王海燕 confirms a
 * hospital bill's split (the test plays the hospital terminal with signed requests) and the
 * terminal sees it SETTLED.
 */
describe('fees and medical settlement in the H5 app', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startH5Stack({ overrides: withRosterSubjects });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(600); // lets transitions settle so the screenshot shows the screen (not an assertion)
    await screenshot(page, name);
  };

  it('pays the oldest open flexible-employment month and HRSS marks the bill paid', async () => {
    const { page, pageErrors } = await openPhone(browser, stack.baseUrl);
    const visible = () => page.locator('.page:visible');
    await page.goto('/');
    await page.getByText('去登录').click();
    await page.getByText('刘建华 · 在青参保，社保卡正常').click();
    await page.locator('.taro-tabbar__tabbar').getByText('服务', { exact: true }).click();
    await visible().getByText('社保费与考试培训费缴纳', { exact: true }).click();
    await visible().locator('[aria-label="灵活就业"]').click();
    const first = visible().locator('[data-bill]').first();
    await first.waitFor();
    const billNo = await first.getAttribute('data-bill');
    const titles = await visible().locator('[data-bill] .subtitle').allTextContents();
    // Picking a later month first is not allowed: the pay button stays disabled with the rule shown.
    await visible().locator(`[aria-label="${titles[1]} ¥1,298.00 选择"]`).click();
    await visible().getByText('请从最早未缴的月份起连续选择').waitFor();
    await visible().locator(`[aria-label="${titles[1]} ¥1,298.00 取消选择"]`).click();
    await visible().locator(`[aria-label="${titles[0]} ¥1,298.00 选择"]`).click();
    await shot(page, 'fees-bills');
    await visible().locator('[aria-label="去支付 ¥1,298.00"]').click();
    const sheet = page.locator('.taro__modal');
    await sheet.getByText('微信支付（沙箱）').waitFor();
    await sheet.getByText('确认支付', { exact: true }).click();
    await visible().getByText('支付成功').waitFor({ timeout: 15_000 });
    await shot(page, 'fees-paid');
    const forwarded = async () => (await (await fetch(`${stack.sandboxUrl}/sandbox/hrss/bills/${billNo}`)).json()) as { status: string; paidOrderNo: string };
    for (let i = 0; i < 100 && (await forwarded()).status !== 'paid'; i++) await new Promise((r) => setTimeout(r, 100));
    const [order] = await stack.db.ds.query("SELECT status, amount_fen, out_trade_no FROM payment_order WHERE payable_type = 'hrss-bill'");
    expect(order).toMatchObject({ status: 'SUCCESS', amount_fen: 129_800 });
    expect(await forwarded()).toMatchObject({ status: 'paid', paidOrderNo: order.out_trade_no });

    await page.goto(`${stack.baseUrl}/#/subpackages/fees/receipts/index`);
    await visible().getByText('人社系统已到账').waitFor();
    await shot(page, 'fees-receipts');
    expect(pageErrors).toEqual([]);
  });

  it('confirms a hospital bill’s split on the phone, pays the own part and the terminal sees SETTLED', async () => {
    const holder = await withEcard(stack, 'adult-active');
    const hospital = terminal('hospital');
    const items = [
      { code: 'A1', name: '阿莫西林胶囊', category: 'drug_a', quantity: 2, amountFen: 20_000 },
      { code: 'B1', name: '乙类中成药', category: 'drug_b', quantity: 1, amountFen: 30_000 },
      { code: 'T1', name: '血常规检查', category: 'treatment', quantity: 1, amountFen: 10_000 },
      { code: 'S1', name: '自费营养品', category: 'self', quantity: 1, amountFen: 5_000 },
    ];
    const up = await terminalPost(stack, hospital, { qrcode: await qrFor(holder.client, holder.ecard.id), busiType: '04', outBillNo: 'E2E-HOSP-0001', items }, { path: '/terminal/v1/medical-bills' });
    expect(up.body.data).toMatchObject({ status: 'WAITING', fundFen: 15_200, accountFen: 41_800, selfPayFen: 8_000 });

    const { page, pageErrors } = await openPhone(browser, stack.baseUrl);
    const visible = () => page.locator('.page:visible');
    await page.goto('/');
    await page.getByText('去登录').click();
    await page.getByText('王海燕 · 在青参保，社保卡正常').click();
    await page.locator('.taro-tabbar__tabbar').getByText('服务', { exact: true }).click();
    await visible().getByText('医疗费用确认（就医购药）', { exact: true }).click();
    await visible().locator('[aria-label="统筹基金支付 ¥152.00"]').waitFor();
    await visible().locator('[aria-label="个人账户支付 ¥418.00"]').waitFor();
    await visible().locator('[aria-label="个人自付（需支付） ¥80.00"]').waitFor();
    await shot(page, 'medical-split');
    await visible().locator('[aria-label="确认并支付自付部分 ¥80.00"]').click();
    const sheet = page.locator('.taro__modal');
    await sheet.getByText('微信支付（沙箱）').waitFor();
    await sheet.getByText('确认支付', { exact: true }).click();
    await visible().getByText('支付成功').waitFor({ timeout: 15_000 });
    await shot(page, 'medical-paid');

    let status = '';
    for (let i = 0; i < 100 && status !== 'SETTLED'; i++) {
      const r = await stack.api.request('GET', '/terminal/v1/medical-bills/E2E-HOSP-0001', { headers: signedGet(stack, hospital, '/terminal/v1/medical-bills/E2E-HOSP-0001') });
      status = r.body.data.status;
      if (status !== 'SETTLED') await new Promise((res) => setTimeout(res, 100));
    }
    expect(status).toBe('SETTLED');
    expect(pageErrors).toEqual([]);
  });
});

function signedGet(stack: Stack, t: { id: string; secret: string }, path: string): Record<string, string> {
  const ts = String(stack.clock.now());
  const nonce = randomBytes(16).toString('hex');
  return { 'x-terminal-id': t.id, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signRequest(t.secret, 'GET', path, ts, nonce, '') };
}
