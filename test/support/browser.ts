import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = join(__dirname, '../../test-results');
export const H5_DIST = join(__dirname, '../../miniapp/dist/h5');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with every background connection off (the network is closed here). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (never a downloaded browser)`);
  if (!existsSync(join(H5_DIST, 'index.html'))) throw new Error(`H5 build missing at ${H5_DIST}: run npm run build:h5`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface PhoneOptions {
  /** Grant the geolocation permission and put the phone here (WGS-84, as browsers report). */
  geolocation?: { latitude: number; longitude: number };
  locale?: string;
}

/**
 * A phone-sized page. Requests leaving localhost are aborted (no CDN or map tiles offline) and
 * remembered, `tel:` navigations too, so tests can assert a call was placed.
 */
export async function openPhone(browser: Browser, baseUrl: string, opts: PhoneOptions = {}) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: opts.locale ?? 'zh-CN',
    baseURL: baseUrl,
    geolocation: opts.geolocation,
    permissions: opts.geolocation ? ['geolocation'] : [],
  });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page: Page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page, blocked, pageErrors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
