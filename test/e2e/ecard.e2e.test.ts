import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../bff/test/support/stack';
import { terminal, terminalPost } from '../../bff/test/support/ecard-flow';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';
import { bind, fill, loginAs, main } from '../support/phone-flows';

async function waitUntil(ok: () => boolean, ms = 5000) {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A real (1×1) PNG: the H5 image picker decodes what it is given. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('the e-card in Chromium (H5)', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    // Short-lived codes so the test sees a refresh: 12 s, the next one after 6 s.
    stack = await startH5Stack({ env: { QR_TTL_SECONDS: '12' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  describe('a resident and guardian', () => {
    let page: Page;
    let pageErrors: string[];
    beforeAll(async () => {
      ({ page, pageErrors } = await openPhone(browser, stack.baseUrl));
      page.setDefaultTimeout(20_000);

    });

    it('logs in, binds with a face check, applies and sees the level-1 card', async () => {
      await loginAs(page, '王海燕 · 在青参保，社保卡正常');
      await bind(page, '王海燕', '370202198503152027');
      await main(page, '申领电子社保卡').getByText('为本人申领').click();
      const tab = main(page, '电子社保卡');
      await tab.getByText('一级签发 · 身份凭证').waitFor();
      await tab.getByText('3702**********2027').waitFor();
      await screenshot(page, 'ecard-level1');
    });

    it('links the bank account and sets a password: level 2', async () => {
      await main(page, '电子社保卡').getByText('开通支付功能（二级）').click();
      await fill(page, '社保卡银行卡号', '6228480212345678901');
      await fill(page, '设置6位数字密码', '258369');
      await fill(page, '再次输入密码', '258369');
      await main(page, '开通支付功能').getByText('确认开通').click();
      await main(page, '电子社保卡').getByText('二级签发 · 可支付').waitFor();
    });

    it('shows a QR code that refreshes itself and that a pharmacy accepts for payment', async () => {
      await main(page, '电子社保卡').getByText('出示二维码').click();
      const qr = main(page, '电子社保卡二维码').locator('[role="img"][data-qr]');
      await qr.waitFor();
      const first = await qr.getAttribute('data-qr');
      expect(first).toMatch(/^E1\./);
      expect(await qr.getAttribute('aria-label')).toMatch(/^电子社保卡二维码，\d+秒内有效$/);
      await main(page, '电子社保卡二维码').getByText(/秒后自动刷新/).waitFor();
      await page.waitForFunction((old) => document.querySelector('[role="img"][data-qr]')?.getAttribute('data-qr') !== old, first, { timeout: 15_000 });
      const second = await qr.getAttribute('data-qr');
      expect(second).not.toBe(first);
      await screenshot(page, 'ecard-qr');
      const verified = await terminalPost(stack, terminal('pharmacy'), { qrcode: second, busiType: '02' });
      expect(verified.body.data).toMatchObject({ holder: { maskedName: '**燕' }, signLevel: 2 });
      expect((await terminalPost(stack, terminal('hospital'), { qrcode: second, busiType: '01' })).body.code).toBe('QR_CODE_USED');
    });

    it('applies for the roster child with a proof photo and shows the child’s QR code', async () => {
      await page.goBack();
      await main(page, '电子社保卡').getByText('亲情服务').click();
      await main(page, '亲情服务').getByText('还没有家庭成员').waitFor();
      await main(page, '亲情服务').getByText('添加家庭成员').click();
      await fill(page, '孩子姓名', '王小雨');
      await fill(page, '证件号码', '37020220160601502X');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), main(page, '为孩子申领').getByText('拍照或选择证明材料').click()]);
      await chooser.setFiles({ name: 'hukou.png', mimeType: 'image/png', buffer: PHOTO });
      await main(page, '为孩子申领').getByText('证明材料已上传').waitFor();
      await main(page, '为孩子申领').getByText('提交申领').click();
      const family = main(page, '亲情服务');
      await family.getByText('**雨 · 母亲').waitFor();
      await screenshot(page, 'ecard-family');
      await family.locator('[aria-label="出示二维码 **雨"]').click();
      const qrPage = main(page, '电子社保卡二维码');
      await qrPage.getByText('持卡人：**雨').waitFor();
      const code = await qrPage.locator('[role="img"][data-qr]').getAttribute('data-qr');
      const verified = await terminalPost(stack, terminal('hospital'), { qrcode: code, busiType: '01' });
      expect(verified.body.data.holder).toMatchObject({ maskedName: '**雨', maskedIdNumber: '3702**********502X' });
      await screenshot(page, 'ecard-child-qr');
      const [proof] = await stack.db.ds.query('SELECT mime, size_bytes AS size FROM upload');
      expect(proof).toEqual({ mime: 'image/png', size: PHOTO.length });
      expect(pageErrors).toEqual([]);
    });
  });

  it('refuses a person not insured in Qingdao, offering the nearest branch and the 12345 hotline', async () => {
    const { page, pageErrors } = await openPhone(browser, stack.baseUrl);
    page.setDefaultTimeout(20_000);
    await loginAs(page, '李建国 · 未在青岛参保');
    await bind(page, '李建国', '110105197807204018');
    const refusal = main(page, '暂不能申领');
    await expect(refusal.getByRole('alert').innerText()).resolves.toContain('未在青岛参加社会保险');
    await screenshot(page, 'ecard-not-insured');
    // makePhoneCall on H5 is a tel: navigation, which the headless browser cannot complete.
    const dialled: string[] = [];
    page.on('request', (r) => r.url().startsWith('tel:') && dialled.push(r.url()));
    await refusal.getByText('拨打 12345 热线').click();
    await waitUntil(() => dialled.includes('tel:12345'));
    await refusal.getByText('查找附近网点').click();
    await main(page, '网点').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
