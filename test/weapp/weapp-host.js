/**
 * Runs the COMPILED WeChat build (miniapp/dist/weapp) inside miniprogram-simulate, standing in
 * for the WeChat host: app.js is loaded first (it calls App()), then each page is loaded as a
 * component whose WXML the official `wcc` compiler turns into a render function.
 *
 * miniprogram-simulate only knows custom components, so this file supplies the rest of the
 * host: `App`, `getApp`, `getCurrentPages`, a `Page` that maps onto `Component`, and the parts
 * of `wx` the app really uses (storage, request, login, navigation).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const DIST = path.resolve(__dirname, '../../miniapp/dist/weapp');
const BUILD_COMMAND = 'cd miniapp && NODE_ENV=production npx taro build --type weapp';

/** Throws a message that says what to do when the WeChat build is absent or incomplete. */
function assertWeappBuilt() {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    throw new Error(`The WeChat build is missing: ${DIST}/app.json does not exist.\nBuild it first:\n  ${BUILD_COMMAND}`);
  }
  const required = ['app.js', 'base.wxml', 'comp.js', 'comp.json', 'comp.wxml'];
  for (const page of appPages()) required.push(`${page}.js`, `${page}.json`, `${page}.wxml`);
  const missing = required.filter((file) => !fs.existsSync(path.join(DIST, file)));
  if (missing.length) {
    throw new Error(`The WeChat build in ${DIST} is incomplete; missing: ${missing.join(', ')}.\nRebuild it:\n  ${BUILD_COMMAND}`);
  }
  return appPages();
}

function appPages() {
  return JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')).pages;
}

/** One macrotask turn: Taro batches its setData behind timers, so work lands between turns. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Retries `assertion` once per macrotask turn and rethrows its last failure. Bounded by turns,
 * not by time, so a slow machine cannot turn it red and a broken handler cannot turn it green.
 */
async function eventually(assertion, turns = 100) {
  for (let i = 0; ; i += 1) {
    try {
      return assertion();
    } catch (error) {
      if (i >= turns) throw error;
      await turn();
    }
  }
}

/** The host's answer to an async wx API: success or fail, then complete, on a later turn. */
function answer(options, result) {
  setTimeout(() => {
    if (result.errMsg.endsWith(':ok')) options.success?.(result);
    else options.fail?.(result);
    options.complete?.(result);
  }, 0);
}

/**
 * Starts a cold copy of the mini-program: a fresh module registry (so app.js, the webpack
 * runtime, React and the app's module-level state all run again) and a fresh `wx`.
 *
 * @param {object} [options]
 * @param {Record<string, unknown>} [options.storage] what wx storage holds at launch
 * @param {Record<string, (req: {method: string, url: string, data: unknown, header: object}) =>
 *   {statusCode?: number, data: unknown}>} [options.bff] fake BFF answers keyed by 'METHOD /path'
 */
function launch({ storage = {}, bff = {} } = {}) {
  let host;
  jest.isolateModules(() => {
    // Taro takes the list of API names from Object.keys(wx) once, when taro.js runs: an API
    // missing from `wx` then is "not supported" for good. So `wx` is complete before app.js
    // loads and is never replaced afterwards. Deleting the previous launch's object makes
    // miniprogram-simulate start again from its own full API mock instead of merging into it.
    delete global.wx;
    const simulate = require('miniprogram-simulate');
    const fakes = completeWx(global.wx, storage, bff);

    // Handler exceptions end up in console.error (miniprogram-simulate catches them in its
    // event dispatch); collecting them lets a test fail on an error the page would swallow.
    const errors = [];
    const consoleError = jest.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
    try {
      const app = startApp(simulate);
      host = {
        ...app,
        ...fakes,
        wx: global.wx,
        errors,
        close() {
          app.closePages();
          consoleError.mockRestore();
        },
      };
    } catch (error) {
      consoleError.mockRestore();
      throw error;
    }
  });
  return host;
}

/** Replaces the wx APIs the app uses with fakes the tests can seed and inspect. */
function completeWx(wx, initialStorage, bff) {
  // Real wx storage serialises values, so tests must not share object references with the app.
  const copy = (value) => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
  const storage = new Map(Object.entries(initialStorage).map(([key, value]) => [key, copy(value)]));
  const requests = [];
  const navigation = (name) => jest.fn((options = {}) => answer(options, { errMsg: `${name}:ok` }));

  Object.assign(wx, {
    // miniprogram-simulate's storage keeps nothing (getStorageSync always returns '').
    getStorageSync: (key) => (storage.has(key) ? copy(storage.get(key)) : ''),
    setStorageSync: (key, value) => void storage.set(key, copy(value)),
    removeStorageSync: (key) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorage: ({ key, ...options }) =>
      answer(options, storage.has(key) ? { errMsg: 'getStorage:ok', data: copy(storage.get(key)) } : { errMsg: 'getStorage:fail data not found' }),
    setStorage: ({ key, data, ...options }) => {
      storage.set(key, copy(data));
      answer(options, { errMsg: 'setStorage:ok' });
    },
    removeStorage: ({ key, ...options }) => {
      storage.delete(key);
      answer(options, { errMsg: 'removeStorage:ok' });
    },
    // miniprogram-simulate's own request answers `{}` after 100 ms whatever the URL: a fake BFF
    // keyed by method and path makes each page's calls explicit, and an unknown call fails.
    request: jest.fn((options) => {
      const { pathname } = new URL(options.url);
      const req = { method: (options.method || 'GET').toUpperCase(), url: options.url, data: options.data, header: options.header };
      requests.push(req);
      const handler = bff[`${req.method} ${pathname}`];
      if (!handler) answer(options, { errMsg: `request:fail no fake BFF route for ${req.method} ${pathname}` });
      else {
        const res = handler(req);
        answer(options, { errMsg: 'request:ok', statusCode: res.statusCode ?? 200, header: {}, data: copy(res.data) });
      }
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
    }),
    login: jest.fn((options = {}) => answer(options, { errMsg: 'login:ok', code: 'wx-login-code' })),
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: navigation('navigateBack'),
  });
  return { storage, requests };
}

/** Shims App/getApp/getCurrentPages/Page, runs app.js and every page script, and launches. */
function startApp(simulate) {
  let app = null;
  const pageStack = [];
  const registered = []; // routes whose compiled JS called Page()
  let loadingRoute = null; // whose page script is running, so Page() knows its route
  let opening = null; // the page being attached: its query and what to call on its first paint

  global.App = (options) => {
    app = options;
  };
  global.getApp = () => app;
  global.getCurrentPages = () => pageStack.slice();
  global.Page = (options) => {
    const route = loadingRoute;
    registered.push(route);
    const methods = {};
    const fields = {};
    for (const [key, value] of Object.entries(options)) {
      if (key === 'data' || key === 'behaviors') continue;
      if (typeof value === 'function') methods[key] = value;
      else fields[key] = value;
    }
    // WeChat runs onLoad, onShow, then onReady; attached and ready are the component lifetimes
    // that come in that order. Taro reads the route from the page instance.
    global.Component({
      data: options.data,
      behaviors: options.behaviors,
      methods,
      lifetimes: {
        attached() {
          Object.assign(this, fields, { route, __route__: route });
          pageStack.push(this);
          const { query, onFirstPaint } = opening;
          this.options = query;
          // Taro renders by calling the page's setData, so its first call is the first paint.
          // (Taro's onLoad does take a second argument, but it is the prerender hook: it gets
          // the data *instead of* setData and leaves the page blank.)
          const setData = this.setData;
          this.setData = (data, callback) => {
            setData.call(this, data, callback);
            onFirstPaint();
          };
          this.onLoad(query);
          this.onShow?.();
        },
        ready() {
          this.onReady?.();
        },
        detached() {
          this.onUnload?.();
          pageStack.splice(pageStack.indexOf(this), 1);
        },
      },
    });
  };

  require(path.join(DIST, 'app.js'));
  if (!app) throw new Error('app.js ran but never called App(): dist/weapp is not a Taro app build');
  const launchOptions = { path: 'pages/ecard/index', query: {}, scene: 1001 };
  app.onLaunch?.(launchOptions);
  app.onShow?.(launchOptions);

  // Like WeChat without lazy code loading, every page script runs at launch. Here it must: a
  // page script only pushes a webpack chunk, and jest's require cache ignores
  // miniprogram-simulate's attempt to forget it, so a page loaded later would land in another
  // module registry, run once, and never call Page() again on the next launch.
  const pages = appPages();
  const loaded = new Map();
  for (const route of pages) {
    loadingRoute = route;
    loaded.set(route, simulate.load(path.join(DIST, route), { compiler: 'official', rootPath: DIST }));
  }
  loadingRoute = null;
  const opened = [];

  return {
    app,
    registered,

    /** Renders and attaches a page, and resolves once Taro has sent its first setData. */
    async open(route, query = {}) {
      if (!loaded.has(route)) throw new Error(`${route} is not a page of app.json (${pages.join(', ')})`);
      const page = simulate.render(loaded.get(route));
      if (!page) throw new Error(`${route}.js ran but never called Page(), so there is nothing to render`);
      let painted = false;
      opening = { query, onFirstPaint: () => (painted = true) };
      const container = document.createElement('div');
      document.body.appendChild(container);
      page.attach(container);
      opening = null;
      opened.push({ page, container });
      await eventually(() => {
        if (!painted) throw new Error(`${route} never painted: Taro did not call the page's setData`);
      });
      return page;
    },

    /** Taps the innermost element whose text is `text`, the way a finger would on WeChat. */
    tap(page, text) {
      const matches = [...page.dom.querySelectorAll('[data-sid]')].filter(
        (el) => el.textContent.trim() === text && ![...el.children].some((child) => child.textContent.trim() === text),
      );
      if (matches.length !== 1) {
        throw new Error(`Expected one element reading "${text}" to tap, found ${matches.length}. Page text: ${page.dom.textContent}`);
      }
      // Taro's templates give each node the exparser id `uid || sid`; nodes without a
      // developer-set id (all tap targets here) are therefore selectable by their data-sid.
      const target = page.querySelector(`#${matches[0].getAttribute('data-sid')}`);
      if (!target) throw new Error(`"${text}" is rendered but miniprogram-simulate cannot select it by its Taro id`);
      target.dispatchEvent('tap');
    },

    closePages() {
      for (const { page, container } of opened.splice(0)) {
        page.detach();
        container.remove();
      }
    },
  };
}

module.exports = { DIST, assertWeappBuilt, launch, eventually };
