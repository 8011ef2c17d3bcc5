import type { Page } from 'playwright-core';

/**
 * The visible page. Taro keeps visited tab pages in the DOM, hidden, and a page left with Back can
 * linger for a moment beside its new instance: only the visible one counts.
 */
export const main = (page: Page, name: string) => page.getByRole('main', { name }).filter({ visible: true });

export async function fill(page: Page, label: string, value: string) {
  await page.locator(`[aria-label="${label}"]:visible input`).fill(value);
}

/** The sandbox stands in for the host's face SDK with a confirmation. */
export async function passFace(page: Page) {
  await page.getByText('人脸核验（演示）').waitFor();
  await page.getByText('通过', { exact: true }).click();
}

/** Logs in as a roster persona (by the label the sandbox login lists) who has not bound a real name yet. */
export async function loginAs(page: Page, label: string) {
  await page.goto('/');
  await page.getByText('去登录').click();
  await page.getByText(label).click();
  await main(page, '电子社保卡').getByText('您尚未完成实名认证').waitFor();
}

/** Real-name binding through the form and the face check. */
export async function bind(page: Page, name: string, idNumber: string) {
  await main(page, '电子社保卡').getByText('去实名认证').click();
  await fill(page, '姓名', name);
  await fill(page, '证件号码', idNumber);
  await main(page, '实名认证').getByText('下一步：人脸核验').click();
  await passFace(page);
}

/** Login, binding and the application for oneself: the resident holds a level-1 e-card. */
export async function loginBindApply(page: Page, label: string, name: string, idNumber: string) {
  await loginAs(page, label);
  await bind(page, name, idNumber);
  await main(page, '申领电子社保卡').getByText('为本人申领').click();
  await main(page, '电子社保卡').getByText('一级签发 · 身份凭证').waitFor();
}

/** Links the card's bank account and sets the e-card password (level 2, payments). */
export async function raiseToLevel2(page: Page, bankAccount: string, password: string) {
  await main(page, '电子社保卡').getByText('开通支付功能（二级）').click();
  await fill(page, '社保卡银行卡号', bankAccount);
  await fill(page, '设置6位数字密码', password);
  await fill(page, '再次输入密码', password);
  await main(page, '开通支付功能').getByText('确认开通').click();
  await main(page, '电子社保卡').getByText('二级签发 · 可支付').waitFor();
}
