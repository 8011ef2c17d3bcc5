/**
 * The compiled WeChat build of the records subpackage (miniapp/dist/weapp, `npm run build:weapp`)
 * under miniprogram-simulate: the contribution chart renders from plain views in WeChat's own
 * templates (no canvas), and a proof's PDF goes through wx.downloadFile with the session header
 * and opens in wx.openDocument — what only the WeChat build does.
 */
const path = require('node:path');

const DIST = path.join(__dirname, '../../miniapp/dist/weapp');
const CODE = 'ABCDE-FGHJK-MNPQR-STVWX';

const part = (k, p) => ({ insuranceKind: k, baseFen: 700000, personalFen: p, employerFen: 2 * p });
const months = [];
for (let y = 2026; y >= 2022; y--) {
  for (let m = 12; m >= 1; m--) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > '2026-10' || (month >= '2025-03' && month <= '2025-05')) continue;
    months.push({ month, scheme: 'employee', unitName: '青岛港湾物流有限公司', status: month === '2024-07' ? 'back_paid' : 'paid', coverageMonths: 1, baseFen: 700000, personalFen: 70000, employerFen: 140000, parts: [part('pension', 56000), part('medical', 14000)] });
  }
}
const summary = { firstMonth: '2022-01', lastMonth: '2026-10', paidMonths: months.length, gapMonths: ['2025-03', '2025-04', '2025-05'], personalTotalFen: 1, employerTotalFen: 2 };
const proof = { code: CODE, from: '2025-11', to: '2026-10', monthsPaid: 12, issuedAt: '2026-11-29T02:00:00.000Z', expiresAt: '2027-02-27T02:00:00.000Z', filePath: `/api/v1/proofs/${CODE}/file`, sizeBytes: 30000 };

const requests = [];
const ok = (name, extra = {}) => jest.fn((o = {}) => {
  const res = { errMsg: `${name}:ok`, ...extra };
  setTimeout(() => { o.success && o.success(res); o.complete && o.complete(res); }, 0);
  return Promise.resolve(res);
});
const wx = {
  getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 812, pixelRatio: 2, fontSizeSetting: 16, SDKVersion: '3.0.0' }),
  getStorageSync: (k) => (k === 'qdssc.session' ? '' : ''),
  setStorageSync: () => undefined,
  removeStorageSync: () => undefined,
  request: jest.fn((o) => {
    const url = new URL(o.url, 'http://bff');
    const key = `${o.method} ${url.pathname}`;
    requests.push({ key, query: url.search, data: o.data });
    let data;
    if (key === 'GET /api/v1/records/contributions') {
      const page = Number(url.searchParams.get('page') || 1);
      const size = Number(url.searchParams.get('pageSize') || 20);
      data = { items: months.slice((page - 1) * size, page * size), page, pageSize: size, total: months.length, asOf: '2026-11-29T02:00:00.000Z', summary };
    } else if (key === 'GET /api/v1/family/members') data = { members: [], agedOut: [], limit: 8 };
    else if (key === 'POST /api/v1/proofs') data = proof;
    setTimeout(() => o.success({ statusCode: data ? 200 : 404, data: data ? { code: 'OK', data } : { code: 'ROUTE_NOT_FOUND', message: key }, header: {} }), 0);
    return { abort() {} };
  }),
  downloadFile: ok('downloadFile', { statusCode: 200, tempFilePath: 'wxfile://tmp/proof.pdf' }),
  openDocument: ok('openDocument'),
  navigateTo: ok('navigateTo'),
  setNavigationBarTitle: ok('setNavigationBarTitle'),
};

let simulate;
const pages = [];

beforeAll(() => {
  jest.useFakeTimers({ now: new Date('2026-11-29T02:00:00Z'), doNotFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] });
  global.wx = new Proxy(wx, { get: (t, k) => (k in t ? t[k] : (t[k] = ok(String(k)))) });
  global.App = (o) => { global.__app = o; };
  global.getApp = () => global.__app;
  global.getCurrentPages = () => pages;
  simulate = require('miniprogram-simulate');
  global.Page = (opts) => {
    const methods = {};
    for (const [k, v] of Object.entries(opts)) if (typeof v === 'function') methods[k] = v;
    global.Component({
      data: opts.data || {},
      methods,
      lifetimes: {
        attached() { pages.push(this); this.onLoad(global.__query || {}); this.onShow(); },
        ready() { this.onReady(); },
      },
    });
  };
  require(path.join(DIST, 'app.js'));
  global.__app.onLaunch({ path: 'pages/services/index', query: {} });
  global.__app.onShow({ path: 'pages/services/index', query: {} });
});
afterAll(() => jest.useRealTimers());

function open(route, query) {
  global.__query = query;
  const id = simulate.load(path.join(DIST, route), { compiler: 'official', rootPath: DIST });
  const page = simulate.render(id);
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  page.attach(parent);
  return { page, parent };
}

async function until(check, what) {
  for (let i = 0; i < 150; i++) {
    if (check()) return;
    await simulate.sleep(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('the records subpackage of the compiled WeChat build', () => {
  it('is registered as its own subpackage', () => {
    const app = require(path.join(DIST, 'app.json'));
    expect(app.subPackages || app.subpackages).toEqual(expect.arrayContaining([
      expect.objectContaining({ root: 'subpackages/records', pages: ['list/index', 'contributions/index', 'proof/index', 'verify/index'] }),
    ]));
  });

  it('draws the contribution months as squares with the gaps marked, from plain views', async () => {
    const { page, parent } = open('subpackages/records/contributions/index', {});
    await until(() => parent.textContent.includes('缴费概况') && parent.textContent.includes('2025年'), 'the chart');
    expect(requests.filter((r) => r.key === 'GET /api/v1/records/contributions')).toHaveLength(2);
    expect(parent.textContent).toContain('所选期间缴费 55 个月');
    expect(parent.textContent).toContain('2025-03 至 2025-05，共 3 个月未缴费');
    // Two insurances × five years × twelve months, and the three gap months in each.
    expect(page.querySelectorAll('.grid-month').length).toBe(120);
    expect(page.querySelectorAll('.grid-month.month-gap').length).toBe(6);
    expect(page.querySelectorAll('.grid-month.month-back_paid').length).toBe(2);
    expect(parent.querySelector('canvas, wx-canvas')).toBeNull();
    expect(page.querySelectorAll('.grid-month.month-paid').length).toBe(108);
  });

  it('downloads a proof with wx.downloadFile and opens it with wx.openDocument', async () => {
    const { page, parent } = open('subpackages/records/proof/index', { from: '2025-11', to: '2026-10' });
    await until(() => parent.textContent.includes('生成参保证明'), 'the proof page');
    page.querySelectorAll('.btn-primary')[0].dispatchEvent('tap');
    await until(() => parent.textContent.includes(CODE), 'the code');
    page.querySelectorAll('.btn-secondary')[0].dispatchEvent('tap');
    await until(() => wx.openDocument.mock.calls.length > 0, 'the document viewer');
    expect(wx.downloadFile.mock.calls[0][0]).toMatchObject({ url: expect.stringMatching(new RegExp(`/api/v1/proofs/${CODE}/file$`)), header: expect.objectContaining({ 'X-Lang': 'zh' }) });
    expect(wx.openDocument.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://tmp/proof.pdf', fileType: 'pdf', showMenu: true });
  });
});
