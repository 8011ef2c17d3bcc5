/**
 * The compiled WeChat build, not the TypeScript: miniapp/dist/weapp is loaded into
 * miniprogram-simulate with WeChat's own wcc template compiler, so a break that only shows in
 * the weapp output (templates, the Taro runtime, the WeChat host adapter, wx APIs) fails here
 * even when the H5 tests are green. Every test launches the app cold.
 */
'use strict';

const { assertWeappBuilt, launch, eventually } = require('./weapp-host');

// Fail the whole file with the build command in the message rather than with a require error.
const PAGES = assertWeappBuilt();

// The app treats a session past its expiresAt as logged out.
const future = () => new Date(Date.now() + 3_600_000).toISOString();

// The login page asks the BFF what this deployment offers as soon as it mounts.
const meta = () => ({ data: { code: 'OK', data: { version: 'test', sandbox: false, channels: ['wechat'] } } });

describe('the compiled WeChat build in miniprogram-simulate', () => {
  let host;

  // An exception in a page or handler is caught and logged by the simulator, not thrown at
  // the test: checking the log after each test keeps such a failure from passing silently.
  afterEach(() => {
    const errors = host?.errors ?? [];
    host?.close();
    host = undefined;
    expect(errors).toEqual([]);
  });

  test('launching runs app.js and every page script, which register themselves with App() and Page()', () => {
    host = launch();
    expect(host.app).toEqual(expect.objectContaining({ onLaunch: expect.any(Function), onShow: expect.any(Function) }));
    expect(PAGES).toEqual(['pages/ecard/index', 'pages/branches/index', 'pages/services/index', 'pages/me/index', 'pages/login/index', 'pages/qrcode/index']);
    expect(host.registered).toEqual(PAGES);
  });

  test.each([
    ['pages/ecard/index', ['电子社保卡', '如果实体社保卡挂失，电子社保卡也将不能使用。', '请先登录', '去登录']],
    ['pages/branches/index', ['社保卡网点', '办理条件、材料和时间', '仅看可即时制卡']],
    ['pages/services/index', ['服务']],
    ['pages/me/index', ['大字模式', '放大文字和按钮，方便长辈使用', 'Language / 语言', 'English', '去登录']],
    ['pages/login/index', ['登录青岛电子社保卡', '微信一键登录']],
  ])('%s renders its Chinese text through the wcc-compiled templates', async (route, texts) => {
    host = launch({ bff: { 'GET /api/v1/meta': meta } });
    const page = await host.open(route);
    for (const text of texts) expect(page.dom.textContent).toContain(text);
  });

  test('tapping the language button on the me page stores English and re-renders the page in English', async () => {
    host = launch();
    const page = await host.open('pages/me/index');
    expect(host.storage.has('qdssc.settings')).toBe(false);

    host.tap(page, 'English');

    await eventually(() => expect(host.storage.get('qdssc.settings')).toEqual({ largeFont: false, lang: 'en' }));
    await eventually(() => expect(page.dom.textContent).toContain('Large text'));
    expect(page.dom.textContent).toContain('中文');
    expect(page.dom.textContent).not.toContain('大字模式');
  });

  test('tapping 去登录 on the card page asks WeChat to open the login page', async () => {
    host = launch();
    const page = await host.open('pages/ecard/index');
    expect(host.wx.navigateTo).not.toHaveBeenCalled();

    host.tap(page, '去登录');

    await eventually(() => expect(host.wx.navigateTo).toHaveBeenCalledTimes(1));
    expect(host.wx.navigateTo.mock.calls[0][0].url).toBe('/pages/login/index');
  });

  test('a session in wx storage replaces the login prompt on the card page with the holder', async () => {
    const card = {
      id: '0190a000-0000-7000-8000-000000000001', relation: 'self',
      holder: { maskedName: '*小明', maskedIdNumber: '3702**********2027', idType: 'resident' },
      status: 'active', signLevel: 1, signNoMasked: '****0001', signDate: '2026-11-29', validUntil: '2036-11-29', channels: ['wechat'],
      physicalCard: null, usable: true, unusableCode: null, passwordSet: false, bankAccountMasked: null,
    };
    host = launch({
      storage: {
        'qdssc.session': { token: 't', expiresAt: future(), user: { userId: 'u1', channel: 'wechat', realNameBound: true, maskedName: '*小明' } },
      },
      bff: { 'GET /api/v1/ecards': () => ({ data: { code: 'OK', data: [card] } }) },
    });
    const page = await host.open('pages/ecard/index');
    await eventually(() => expect(page.dom.textContent).toContain('*小明'));
    expect(page.dom.textContent).not.toContain('请先登录');
  });

  test('tapping 微信一键登录 trades the wx.login code at the BFF, stores the session and switches to the card tab', async () => {
    const session = { token: 'tok-1', expiresAt: future(), user: { userId: 'u1', channel: 'wechat', realNameBound: false, maskedName: null } };
    host = launch({
      bff: {
        'GET /api/v1/meta': meta,
        'POST /api/v1/auth/login': () => ({ data: { code: 'OK', data: session } }),
      },
    });
    const page = await host.open('pages/login/index');

    host.tap(page, '微信一键登录');

    await eventually(() => expect(host.wx.switchTab).toHaveBeenCalledTimes(1));
    expect(host.wx.login).toHaveBeenCalledTimes(1);
    expect(host.requests.find((r) => r.url.endsWith('/api/v1/auth/login'))).toMatchObject({
      method: 'POST',
      data: { channel: 'wechat', code: 'wx-login-code' },
    });
    expect(host.storage.get('qdssc.session')).toEqual(session);
    expect(host.wx.switchTab.mock.calls[0][0].url).toBe('/pages/ecard/index');
  });
});
