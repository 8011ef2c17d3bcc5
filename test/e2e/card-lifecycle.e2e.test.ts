import type { Browser } from 'playwright-core';
import type { Stack } from '../../bff/test/support/stack';
import { terminal, terminalPost } from '../../bff/test/support/ecard-flow';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';
import { loginBindApply, main, passFace } from '../support/phone-flows';

describe('the physical card lifecycle in Chromium (H5)', () => {
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

  it('reports a temporary loss: QR issuing stops and a code shown a moment before is refused; release restores both', async () => {
    const { page, pageErrors } = await openPhone(browser, stack.baseUrl);
    page.setDefaultTimeout(20_000);
    await loginBindApply(page, '王海燕 · 在青参保，社保卡正常', '王海燕', '370202198503152027');

    const tab = main(page, '电子社保卡');
    await tab.getByText('出示二维码').click();
    const qr = main(page, '电子社保卡二维码').locator('[role="img"][data-qr]');
    await qr.waitFor();
    const before = await qr.getAttribute('data-qr');
    expect(before).toMatch(/^E1\./);
    const [{ id: ecardId }] = await stack.db.ds.query('SELECT e.id FROM ecard e JOIN physical_card p ON p.resident_id = e.resident_id WHERE p.card_no_masked = ?', ['*****2345']);
    // The holder looks at the code for a moment (one countdown tick). Going Back within the first
    // second of the page's entry leaves the tab page hidden in Taro's H5 router (see the issue note).
    const countdown = main(page, '电子社保卡二维码').getByText(/秒后自动刷新/);
    const firstTick = await countdown.textContent();
    await page.waitForFunction((t) => [...document.querySelectorAll('*')].some((e) => e.childElementCount === 0 && /秒后自动刷新/.test(e.textContent ?? '') && e.textContent !== t), firstTick);
    await page.goBack();

    await tab.getByText('实体卡挂失、激活与制卡进度').click();
    const cardPage = main(page, '实体社保卡');
    await cardPage.getByText('电子社保卡可正常使用').waitFor();
    expect(await cardPage.getByText('激活社保卡', { exact: true }).count()).toBe(0);
    await cardPage.getByText('临时挂失', { exact: true }).click();
    await cardPage.getByText('用人脸核验确认', { exact: true }).click();
    await passFace(page);
    await cardPage.getByText('解除临时挂失', { exact: true }).waitFor();
    await cardPage.getByText(/电子社保卡暂停使用/).waitFor();
    await screenshot(page, 'card-temporarily-lost');

    // Asking for a new code with the page's own session is refused…
    const token = await page.evaluate(() => {
      const raw = localStorage.getItem('qdssc.session') ?? '';
      const parsed = JSON.parse(raw);
      return (parsed?.data?.token ?? parsed?.token) as string;
    });
    const issue = await stack.api.withToken(token).post(`/api/v1/ecards/${ecardId}/qrcodes`);
    expect(issue.body.code).toBe('CARD_TEMPORARILY_LOST');
    // …and the code issued before the report is refused by a terminal at once.
    const refused = await terminalPost(stack, terminal('hospital'), { qrcode: before, busiType: '01' });
    expect(refused.body.code).toBe('CARD_TEMPORARILY_LOST');

    await page.goBack();
    await tab.getByText('社保卡已临时挂失，电子社保卡暂停使用；解除挂失后即可恢复').waitFor();
    expect(await tab.getByText('出示二维码').count()).toBe(0);

    await tab.getByText('实体卡挂失、激活与制卡进度').click();
    await cardPage.getByText('解除临时挂失', { exact: true }).click();
    await cardPage.getByText('用人脸核验确认', { exact: true }).click();
    await passFace(page);
    await cardPage.getByText('电子社保卡可正常使用').waitFor();
    await page.goBack();

    await tab.getByText('出示二维码').click();
    await qr.waitFor();
    const after = await qr.getAttribute('data-qr');
    expect(after).not.toBe(before);
    const verified = await terminalPost(stack, terminal('pharmacy'), { qrcode: after, busiType: '01' });
    expect(verified.status).toBe(200);
    expect(verified.body.data.holder.maskedName).toBe('**燕');
    expect(pageErrors).toEqual([]);
  });

  it('shows a cancelled card only the way to an instant card-making branch', async () => {
    const { page, pageErrors } = await openPhone(browser, stack.baseUrl);
    page.setDefaultTimeout(20_000);
    await loginBindApply(page, '孙丽 · 社保卡已注销', '孙丽', '370203196007055022');
    await main(page, '电子社保卡').getByText('实体卡挂失、激活与制卡进度').click();
    const cardPage = main(page, '实体社保卡');
    await cardPage.getByText('查找即时制卡网点', { exact: true }).waitFor();
    for (const action of ['激活社保卡', '临时挂失', '解除临时挂失', '注销社保卡']) expect(await cardPage.getByText(action, { exact: true }).count()).toBe(0);
    await screenshot(page, 'card-cancelled');
    await cardPage.getByText('查找即时制卡网点', { exact: true }).click();
    await main(page, '网点').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
