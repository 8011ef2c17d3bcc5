/**
 * The compiled WeChat build of the 网点 tab in miniprogram-simulate (official wcc compiler): the
 * host is asked for a GCJ-02 position, WeChat's own <map> shows a marker per outlet and the
 * resident's position, and the buttons reach wx.makePhoneCall and wx.openLocation.
 */
const path = require('node:path');
const simulate = require('miniprogram-simulate');

const DIST = path.join(__dirname, '../../miniapp/dist/weapp');

const BRANCHES = [
  {
    id: 'b1', bank: '中国银行', name: '中国银行青岛市分行营业部', district: '市南区', districtCode: '370202', address: '青岛市市南区香港中路59号',
    phone: '0532-81858087', lat: 36.0648, lng: 120.3868, services: ['instant_card', 'temporary_card', 'activation', 'loss_replacement', 'card_business'],
    hours: { weekday: '09:00-17:00', weekend: null }, synthetic: false, distanceM: 0, openNow: true,
  },
  {
    id: 'b2', bank: '交通银行', name: '交通银行市南示例网点04', district: '市南区', districtCode: '370202', address: '青岛市市南区示例路1号（示例地址）',
    phone: '95559', lat: 36.067, lng: 120.39, services: ['activation', 'loss_replacement', 'card_business'],
    hours: { weekday: '09:00-17:00', weekend: null }, synthetic: true, distanceM: 380, openNow: false,
  },
];

/** The few host APIs the page touches, recording what it asked for. */
function installHost({ location }) {
  const calls = [];
  const pages = [];
  let app;
  const answer = (url) => {
    if (url.includes('/branches/filters')) {
      return { code: 'OK', data: { banks: [{ name: '中国银行', outlets: 100, instant: 5 }], districts: [], totals: { outlets: 1010, instant: 43, synthetic: 1003, banks: 8 }, datasetVersion: 'v1' } };
    }
    if (url.includes('/branches/nearby')) {
      return { code: 'OK', data: { origin: { lat: 36.0648, lng: 120.3868 }, evaluatedAt: new Date().toISOString(), radius: 50000, branches: BRANCHES, datasetVersion: 'v1' } };
    }
    return { code: 'ROUTE_NOT_FOUND', message: 'not here' };
  };
  const done = (o, r) => setTimeout(() => { o.success && o.success(r); o.complete && o.complete(r); });
  const fail = (o, r) => setTimeout(() => { o.fail && o.fail(r); o.complete && o.complete(r); });
  global.wx = {
    getSystemInfoSync: () => ({ platform: 'devtools', fontSizeSetting: 16, windowWidth: 375, windowHeight: 812, pixelRatio: 2, SDKVersion: '3.0.0' }),
    getStorageSync: () => '',
    setStorageSync: () => undefined,
    removeStorageSync: () => undefined,
    canIUse: () => true,
    nextTick: (fn) => setTimeout(fn),
    getLocation: (o) => {
      calls.push({ api: 'getLocation', type: o.type });
      if (location) done(o, { latitude: location.lat, longitude: location.lng, errMsg: 'getLocation:ok' });
      else fail(o, { errMsg: 'getLocation:fail auth deny' });
    },
    request: (o) => {
      calls.push({ api: 'request', url: o.url });
      done(o, { statusCode: 200, data: answer(o.url), header: {} });
      return { abort() {} };
    },
    makePhoneCall: (o) => { calls.push({ api: 'makePhoneCall', phoneNumber: o.phoneNumber }); done(o, {}); },
    openLocation: (o) => { calls.push({ api: 'openLocation', ...o }); done(o, {}); },
    openSetting: (o) => { calls.push({ api: 'openSetting' }); done(o, { authSetting: {} }); },
    pageScrollTo: (o) => done(o, {}),
  };
  global.App = (opts) => { app = opts; };
  global.getApp = () => app;
  global.getCurrentPages = () => pages;
  // Taro's page config, run as the component miniprogram-simulate can host.
  global.Page = (opts) => {
    const methods = {};
    for (const [k, v] of Object.entries(opts)) if (typeof v === 'function') methods[k] = v;
    global.Component({
      data: opts.data,
      methods,
      lifetimes: {
        attached() {
          this.route = 'pages/branches/index';
          this.__route__ = this.route;
          pages.push(this);
          opts.onLoad.call(this, {});
          if (opts.onShow) opts.onShow.call(this);
        },
        ready() {
          if (opts.onReady) opts.onReady.call(this);
        },
      },
    });
  };
  return calls;
}

/** Waits (bounded) until the page shows what the step leads to; the host answers asynchronously. */
async function until(pred, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return pred();
}

/** The page, loaded fresh from the build with the host the test describes. */
async function openPage(host) {
  jest.resetModules();
  const calls = installHost(host);
  require(path.join(DIST, 'app.js'));
  global.getApp().onLaunch && global.getApp().onLaunch({ path: 'pages/branches/index', query: {} });
  const id = simulate.load(path.join(DIST, 'pages/branches/index'), { compiler: 'official', rootPath: DIST });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  await until(() => page.dom.querySelector('.main--branch__name') || page.dom.textContent.includes('您没有授权获取位置'));
  return { page, calls };
}

/** The host component whose text is `text`, as a simulate wrapper that can be tapped. */
function byText(page, selector, text) {
  const hit = page.querySelectorAll(selector).find((c) => c.dom.textContent.trim() === text);
  if (!hit) throw new Error(`no ${selector} reading ${text}`);
  return hit;
}

/** The markers handed to <map>: Taro keeps them in the page data it renders from. */
function findMarkers(node) {
  if (Array.isArray(node)) {
    if (node.length && node.every((m) => m && typeof m === 'object' && 'iconPath' in m)) return node;
    for (const n of node) {
      const found = findMarkers(n);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    for (const v of Object.values(node)) {
      const found = findMarkers(v);
      if (found) return found;
    }
  }
  return null;
}

describe('the 网点 tab in the WeChat build', () => {
  it('asks WeChat for a GCJ-02 position and shows the outlets on WeChat’s map, nearest first', async () => {
    const { page, calls } = await openPage({ location: { lat: 36.0651, lng: 120.3871 } });
    expect(calls.find((c) => c.api === 'getLocation').type).toBe('gcj02');
    const nearby = calls.find((c) => c.api === 'request' && c.url.includes('/branches/nearby'));
    expect(nearby.url).toContain('coord=gcj02');
    const map = page.dom.querySelector('wx-map');
    expect(map).not.toBeNull();
    expect(page.dom.querySelector('.main--branch-plot')).toBeNull();
    const names = [...page.dom.querySelectorAll('.main--branch__name')].map((el) => el.textContent);
    expect(names).toEqual(['中国银行青岛市分行营业部', '交通银行市南示例网点04']);
    expect(page.dom.textContent).toContain('示例网点');
    const markers = findMarkers(page.instance.data);
    expect(markers.map((m) => [m.latitude, m.longitude, m.iconPath])).toEqual([
      [36.0648, 120.3868, '/assets/map/marker-instant.png'],
      [36.067, 120.39, '/assets/map/marker.png'],
    ]);
  });

  it('calls an outlet and opens WeChat’s map page to navigate there', async () => {
    const { page, calls } = await openPage({ location: { lat: 36.0651, lng: 120.3871 } });
    byText(page, '.btn', '拨打电话').dispatchEvent('tap');
    byText(page, '.btn', '导航').dispatchEvent('tap');
    await until(() => calls.some((c) => c.api === 'openLocation'));
    expect(calls.find((c) => c.api === 'makePhoneCall')).toEqual({ api: 'makePhoneCall', phoneNumber: '0532-81858087' });
    expect(calls.find((c) => c.api === 'openLocation')).toMatchObject({ latitude: 36.0648, longitude: 120.3868, name: '中国银行青岛市分行营业部', address: '青岛市市南区香港中路59号' });
  });

  it('offers the settings page and the districts when WeChat location is refused', async () => {
    const { page, calls } = await openPage({ location: null });
    expect(page.dom.textContent).toContain('您没有授权获取位置');
    expect(calls.some((c) => c.api === 'request' && c.url.includes('/branches/nearby'))).toBe(false);
    byText(page, '.chip', '李沧区').dispatchEvent('tap');
    await until(() => calls.some((c) => c.api === 'request' && c.url.includes('/branches/nearby')));
    const nearby = calls.find((c) => c.api === 'request' && c.url.includes('/branches/nearby'));
    expect(nearby.url).toContain('lat=36.16&lng=120.428&coord=gcj02');
    byText(page, '.btn', '去设置中开启定位').dispatchEvent('tap');
    await until(() => calls.some((c) => c.api === 'openSetting'));
    expect(calls.some((c) => c.api === 'openSetting')).toBe(true);
  });
});
