import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../bff/test/support/stack';
import { terminal } from '../../bff/test/support/ecard-flow';
import { charge, outTradeNo, payAccount, terminalGet } from '../../bff/test/support/pay-terminal';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';
import { loginBindApply, main, raiseToLevel2 } from '../support/phone-flows';

/** A resident with a level-2 e-card, set up through the pages as in ecard.e2e. */
async function levelTwoResident(page: Page) {
  await loginBindApply(page, '王海燕 · 在青参保，社保卡正常', '王海燕', '370202198503152027');
  await raiseToLevel2(page, '6228480212345678901', '258369');
}

describe('a merchant scans the resident\'s code and the resident confirms on the phone (Chromium, H5)', () => {
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

  it('charges above the password-free amount after the resident types the e-card password on the pad', async () => {
    const { page, pageErrors } = await openPhone(browser, stack.baseUrl);
    page.setDefaultTimeout(20_000);
    await levelTwoResident(page);
    await main(page, '电子社保卡').getByText('出示二维码').click();
    const qr = main(page, '电子社保卡二维码').locator('[role="img"][data-qr]');
    await qr.waitFor();
    const code = (await qr.getAttribute('data-qr'))!;
    const before = (await payAccount(stack, 'adult-active')).balanceFen;

    // The hospital cashier's terminal (played by the test, with signed requests) charges ¥1,500.
    const hospital = terminal('hospital');
    const no = outTradeNo();
    const first = await charge(stack, hospital, { qrcode: code, amountFen: 150_000, outTradeNo: no, items: [{ name: '门诊自付', quantity: 1, amountFen: 150_000 }] });
    expect(first.body.data).toMatchObject({ status: 'USERPAYING', passwordRequired: true });

    // The QR page notices the waiting charge and leads to the confirmation.
    const notice = main(page, '电子社保卡二维码').getByRole('alert');
    await notice.getByText('有一笔¥1,500.00的扣款待您确认').waitFor();
    await screenshot(page, 'merchant-charge-notice');
    await notice.getByText('去确认').click();
    const confirm = main(page, '待确认的扣款');
    await confirm.getByText('青岛市市立医院（演示终端）').waitFor();
    await confirm.getByText('门诊自付 ×1').waitFor();
    for (const d of '25836') await confirm.locator(`[aria-label="数字${d}"]`).click();
    await confirm.locator('[aria-label="6位数字密码，已输入5位"]').waitFor();
    await screenshot(page, 'merchant-charge-password');
    await confirm.locator('[aria-label="数字9"]').click();
    await confirm.getByText('扣款成功').waitFor();
    await confirm.getByText('付款凭证').waitFor();
    await screenshot(page, 'merchant-charge-receipt');

    const polled = await terminalGet(stack, hospital, `/terminal/v1/charges/${no}`);
    expect(polled.body.data).toMatchObject({ status: 'SUCCESS', amountFen: 150_000, holder: { maskedName: '**燕' } });
    expect((await payAccount(stack, 'adult-active')).balanceFen).toBe(before - 150_000);
    // The terminal retrying its request gets the first answer, and nobody is charged twice.
    expect((await charge(stack, hospital, { qrcode: code, amountFen: 150_000, outTradeNo: no, items: [{ name: '门诊自付', quantity: 1, amountFen: 150_000 }] })).body.data).toEqual(first.body.data);
    expect((await payAccount(stack, 'adult-active')).balanceFen).toBe(before - 150_000);
    expect(pageErrors).toEqual([]);
  });
});
