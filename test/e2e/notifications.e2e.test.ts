import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { businessItem } from '@qdssc/shared';
import { goodForm } from '../../shared/src/business/form-samples';
import { withRosterSubjects } from '../../bff/test/support/roster-subject-resolver';
import type { Stack } from '../../bff/test/support/stack';
import { launchBrowser, openPhone, screenshot } from '../support/browser';
import { startH5Stack } from '../support/h5-stack';

/**
 * Subscription messages on H5 against the real BFF and twins: subscribe on the application page
 * (the app's own dialog: a browser has no host one), let the HRSS twin accept the application,
 * and find the message in 我的消息.
 */
describe('subscription messages in the H5 app', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startH5Stack({ overrides: withRosterSubjects });
    await fetch(`${stack.sandboxUrl}/sandbox/hrss/settings`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceStepMs: 0, notifyScheduleMs: [100, 200, 400], latencyMs: 0 }),
    });
    browser = await launchBrowser();
    ({ page, pageErrors } = await openPhone(browser, stack.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const visible = () => page.locator('.page:visible');

  it('subscribes on an application, and the status change HRSS reports reaches the inbox', async () => {
    await page.goto('/');
    await page.getByText('去登录').click();
    await page.getByText('王海燕 · 在青参保，社保卡正常').click();
    await page.locator('.taro-tabbar__tabbar').getByText('电子社保卡', { exact: true }).waitFor();

    // The same H5 account submits through the API (the form pages have their own suite).
    const api = await stack.loginAs('adult-active', 'h5');
    const item = businessItem('flexible-employment-enrolment')!;
    const sub = await api.post('/api/v1/business/applications', { clientId: randomUUID().replace(/-/g, ''), itemId: item.id, form: goodForm(item), attachmentIds: [] });
    expect(sub.status).toBe(200);
    const { id, applicationNo } = sub.body.data;

    await page.goto(`/#/subpackages/business/application/index?id=${id}`);
    const subscribe = visible().locator('[aria-label="有变化时提醒我：业务办理进度"]');
    await subscribe.waitFor();
    await page.waitForFunction(() => !(document.querySelector('.page:not([style*="display: none"]) .subscribe-button button') as HTMLButtonElement | null)?.disabled);
    await subscribe.click();
    const dialog = page.locator('.taro__modal');
    await dialog.getByText('允许发送以下通知？').waitFor();
    await screenshot(page, 'notifications-subscribe-dialog');
    await dialog.getByText('允许', { exact: true }).click();
    await visible().getByText('已订阅，有变化时提醒您').waitFor();
    const [grant] = await stack.db.ds.query("SELECT grants FROM notification_subscription WHERE topic = 'application_status'");
    expect(Number(grant.grants)).toBe(1);

    // HRSS accepts the application and calls the BFF back; the dispatcher files the message.
    const adv = await fetch(`${stack.sandboxUrl}/sandbox/hrss/applications/${applicationNo}/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: 'accepted' }) });
    expect(adv.status).toBe(200);
    const deadline = Date.now() + 15_000;
    let filed = 0;
    while (!filed && Date.now() < deadline) {
      await stack.app.services.notifications.dispatcher.runOnce();
      [{ n: filed }] = await stack.db.ds.query('SELECT COUNT(*) AS n FROM notification_inbox');
      filed = Number(filed);
      if (!filed) await new Promise((r) => setTimeout(r, 200));
    }
    expect(filed).toBe(1);

    await page.goto('/#/pages/me/index');
    await visible().locator('[aria-label="我的消息，1条未读"]').click();
    const msg = visible().locator('.message--unread');
    await msg.waitFor();
    expect(await msg.innerText()).toMatch(/业务办理进度[\s\S]*未读[\s\S]*灵活就业人员参保登记[\s\S]*已受理/);
    await screenshot(page, 'notifications-inbox');
    await msg.click();
    // The inbox itself says 业务办理进度: wait for the application page by its address first.
    await page.waitForURL((u) => u.toString().includes(`subpackages/business/application/index?id=${id}`));
    await visible().getByText('办理进度', { exact: true }).waitFor();
    await page.goto('/#/subpackages/messages/inbox/index');
    await visible().getByText('0条未读').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
