import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../bff/test/support/stack';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';

/**
 * Paying a demo exam fee on H5, with the WeChat Pay twin standing in for the host payment sheet:
 * order → sandbox sheet → SUCCESS → refund → REFUNDED, all through the real BFF, twin and database.
 */
describe('paying an exam fee in the H5 app', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startH5Stack();
    await fetch(`${stack.sandboxUrl}/sandbox/wechatpay/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refundDelayMs: 200 }) });
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPhone(browser, stack.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const visible = () => page.locator('.page:visible');
  /** Lets Taro's page and modal transitions finish so the screenshot shows the settled screen (not an assertion). */
  const shot = async (name: string) => {
    await page.waitForTimeout(600);
    await screenshot(page, name);
  };

  it('logs in and finds the exam fees under Services', async () => {
    await page.goto('/');
    await page.getByText('去登录').click();
    await page.getByText('王海燕 · 在青参保，社保卡正常').click();
    await page.getByText('您尚未完成实名认证').waitFor();
    await page.locator('.taro-tabbar__tabbar').getByText('服务', { exact: true }).click();
    await visible().getByText('在线缴费', { exact: true }).click();
    await visible().getByText('企业人力资源管理师（三级）考试费').waitFor();
    await shot('payments-payables');
  });

  it('pays the fee in the sandbox payment sheet and shows SUCCESS', async () => {
    await visible().locator('[aria-label="企业人力资源管理师（三级）考试费 去缴费 ¥120.00"]').click();
    await visible().getByText('¥120.00').first().waitFor();
    await visible().locator('[aria-label="确认支付 ¥120.00"]').click();
    const sheet = page.locator('.taro__modal');
    await sheet.getByText('微信支付（沙箱）').waitFor();
    await shot('payments-sheet');
    await sheet.getByText('确认支付', { exact: true }).click();
    await visible().getByText('支付成功').waitFor({ timeout: 15_000 });
    await shot('payments-success');
    const [row] = await stack.db.ds.query("SELECT status, amount_fen FROM payment_order WHERE payable_ref = 'EXAM-HRM-3'");
    expect(row).toEqual({ status: 'SUCCESS', amount_fen: 12000 });
  });

  it('refunds the whole fee from the order page and shows REFUNDED', async () => {
    await visible().locator('[aria-label="查看订单"]').click();
    await visible().locator('[aria-label="提交退款申请"]').waitFor();
    await visible().locator('[aria-label="提交退款申请"]').click();
    const confirm = page.locator('.taro__modal');
    await confirm.getByText('确定申请退款 ¥120.00 吗？退款将原路退回。').waitFor();
    await confirm.getByText('确定', { exact: true }).click();
    await visible().getByText('已全额退款').waitFor({ timeout: 15_000 });
    await visible().getByText('已退款', { exact: true }).last().waitFor();
    await shot('payments-refunded');
    const [row] = await stack.db.ds.query("SELECT status, refunded_fen FROM payment_order WHERE payable_ref = 'EXAM-HRM-3'");
    expect(row).toEqual({ status: 'REFUNDED', refunded_fen: 12000 });
    const events = await stack.db.ds.query('SELECT type FROM payment_event ORDER BY type');
    expect(events.map((e: { type: string }) => e.type)).toEqual(['ORDER_PAID', 'ORDER_REFUNDED', 'REFUND_SUCCEEDED']);
  });

  it('lists the order as refunded under My orders', async () => {
    await page.goBack();
    await page.goto(`${stack.baseUrl}/#/pages/payments/orders/index`);
    await visible().getByText('已全额退款').waitFor();
    await shot('payments-orders');
    expect(pageErrors).toEqual([]);
  });
});
