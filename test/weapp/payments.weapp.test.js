/**
 * The compiled WeChat build of the payment pages (miniapp/dist/weapp, `npm run build:weapp`) under
 * miniprogram-simulate: the real Taro runtime, templates and our code as WeChat runs them, with
 * `wx` answered by this test. It checks what only the WeChat build does: wx.requestPayment with
 * exactly the parameters the BFF signed.
 */
const path = require('node:path');

const DIST = path.join(__dirname, '../../miniapp/dist/weapp');
const ORDER_ID = '01a228ac-3de3-7fee-9d77-fd63cd6f2fd3';
const requestPayment = { appId: 'wx5a3c0e7b11d2f001', timeStamp: '1795978725', nonceStr: 'A1B2C3', package: 'prepay_id=wx2026112910000012345678901234567890', signType: 'RSA', paySign: 'c2lnbmVkLWJ5LXRoZS1tZXJjaGFudA==' };
const order = {
  id: ORDER_ID, outTradeNo: 'Q20261129100000ABCDEFGHJKLM', kind: 'exam_fee', description: '企业人力资源管理师（三级）考试费', amountFen: 12000, refundedFen: 0, provider: 'wechatpay',
  status: 'PAYING', createdAt: '2026-11-29T02:00:00.000Z', paidAt: null, payableType: 'demo-exam-fee', payableRef: 'EXAM-HRM-3', refundingFen: 0, refundableFen: 0,
  providerTransactionId: null, expiresAt: '2026-11-29T02:15:00.000Z', closedAt: null, refundAllowed: false, refunds: [],
};
const item = { payableType: 'demo-exam-fee', ref: 'EXAM-HRM-3', kind: 'exam_fee', title: '企业人力资源管理师（三级）考试费', detail: null, amountFen: 12000, refundable: true, paidOrderId: null };

const requests = [];
/** A wx API that succeeds, in both the callback and the promise form. */
const ok = (name) => jest.fn((o = {}) => {
  const res = { errMsg: `${name}:ok` };
  setTimeout(() => { o.success && o.success(res); o.complete && o.complete(res); }, 0);
  return Promise.resolve(res);
});
const wx = {
  getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 812, pixelRatio: 2, fontSizeSetting: 16, SDKVersion: '3.0.0' }),
  getStorageSync: () => '',
  setStorageSync: () => undefined,
  removeStorageSync: () => undefined,
  request: jest.fn((o) => {
    const key = `${o.method} ${new URL(o.url, 'http://bff').pathname}`;
    requests.push({ key, data: o.data });
    const data = {
      'GET /api/v1/payments/payables': [item],
      'POST /api/v1/payments/orders': { order, payment: { provider: 'wechatpay', requestPayment } },
      [`GET /api/v1/payments/orders/${ORDER_ID}`]: order,
      [`POST /api/v1/payments/orders/${ORDER_ID}/pay`]: { order, payment: { provider: 'wechatpay', requestPayment } },
    }[key];
    setTimeout(() => o.success({ statusCode: data ? 200 : 404, data: data ? { code: 'OK', data } : { code: 'ROUTE_NOT_FOUND', message: key }, header: {} }), 0);
    return { abort() {} };
  }),
  requestPayment: ok('requestPayment'),
  redirectTo: ok('redirectTo'),
  navigateTo: ok('navigateTo'),
  showModal: ok('showModal'),
  showToast: ok('showToast'),
  makePhoneCall: ok('makePhoneCall'),
  switchTab: ok('switchTab'),
};

let simulate;
const pages = [];

beforeAll(() => {
  global.wx = new Proxy(wx, { get: (t, k) => (k in t ? t[k] : (t[k] = ok(String(k)))) });
  global.App = (o) => { global.__app = o; };
  global.getApp = () => global.__app;
  global.getCurrentPages = () => pages;
  simulate = require('miniprogram-simulate');
  // Taro registers pages with Page(); the simulator knows Component(): run the page's lifecycle from the component's.
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

async function open(route, query) {
  global.__query = query;
  const id = simulate.load(path.join(DIST, route), { compiler: 'official', rootPath: DIST });
  const page = simulate.render(id);
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  page.attach(parent);
  return { page, parent };
}

async function until(check, what) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await simulate.sleep(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('the payment pages of the compiled WeChat build', () => {
  it('pays with wx.requestPayment using exactly the parameters the BFF signed, then shows the result page', async () => {
    const { page, parent } = await open('pages/payments/checkout/index', { type: 'demo-exam-fee', ref: 'EXAM-HRM-3' });
    await until(() => parent.textContent.includes('确认支付 ¥120.00'), 'the pay button');
    expect(parent.textContent).toContain('微信支付');
    expect(parent.textContent).toContain('企业人力资源管理师（三级）考试费');
    page.querySelectorAll('.btn-primary')[0].dispatchEvent('tap');
    await until(() => wx.redirectTo.mock.calls.length > 0, 'the result page');
    const created = requests.find((r) => r.key === 'POST /api/v1/payments/orders');
    expect(JSON.parse(typeof created.data === 'string' ? created.data : JSON.stringify(created.data))).toMatchObject({ payableType: 'demo-exam-fee', payableRef: 'EXAM-HRM-3', provider: 'wechatpay' });
    const { appId: _appId, ...sheet } = requestPayment;
    expect(wx.requestPayment).toHaveBeenCalledWith(expect.objectContaining(sheet));
    expect(wx.redirectTo.mock.calls[0][0].url).toBe(`/pages/payments/result/index?id=${ORDER_ID}`);
  });

  it('tells the payer nothing was charged when the WeChat Pay sheet is closed on an open order', async () => {
    // Taro calls WeChat's promise form of the API (no callbacks) on current base libraries.
    wx.requestPayment.mockImplementationOnce(() => Promise.reject({ errMsg: 'requestPayment:fail cancel' }));
    wx.redirectTo.mockClear();
    const { page, parent } = await open('pages/payments/order/index', { id: ORDER_ID });
    await until(() => parent.textContent.includes('继续支付 ¥120.00'), 'the order');
    expect(parent.textContent).toContain('Q20261129100000ABCDEFGHJKLM');
    page.querySelectorAll('.btn-primary')[0].dispatchEvent('tap');
    await until(() => parent.textContent.includes('您已取消支付，订单未扣款'), 'the cancelled notice');
    expect(requests.filter((r) => r.key.endsWith('/pay'))).toHaveLength(1);
    expect(wx.redirectTo).not.toHaveBeenCalled();
  });
});
