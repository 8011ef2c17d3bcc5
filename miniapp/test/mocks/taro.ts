/**
 * Stand-in for @tarojs/taro in page tests: storage backed by a Map, a real event centre, and
 * jest spies for everything that talks to the host (request, navigation, phone, location…).
 * Tests set `Taro.request.mockImplementation(...)` to answer API calls.
 */
import { useEffect } from 'react';

const storage = new Map<string, unknown>();
const listeners = new Map<string, Set<(...a: unknown[]) => void>>();

const eventCenter = {
  on(name: string, fn: (...a: unknown[]) => void) {
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name)!.add(fn);
  },
  off(name: string, fn?: (...a: unknown[]) => void) {
    if (fn) listeners.get(name)?.delete(fn);
    else listeners.delete(name);
  },
  trigger(name: string, ...args: unknown[]) {
    for (const fn of [...(listeners.get(name) ?? [])]) fn(...args);
  },
};

const ok = () => jest.fn(async () => ({ errMsg: 'ok' }));

const Taro = {
  eventCenter,
  getStorageSync: jest.fn((k: string) => (storage.has(k) ? storage.get(k) : '')),
  setStorageSync: jest.fn((k: string, v: unknown) => void storage.set(k, v)),
  removeStorageSync: jest.fn((k: string) => void storage.delete(k)),
  clearStorageSync: jest.fn(() => storage.clear()),
  getSystemInfoSync: jest.fn(() => ({ platform: 'devtools', fontSizeSetting: 16, windowWidth: 375, windowHeight: 812 })),
  request: jest.fn(async (_opts: unknown): Promise<unknown> => {
    throw new Error('Taro.request not mocked in this test');
  }),
  login: jest.fn(async () => ({ code: 'test-code', errMsg: 'login:ok' })),
  navigateTo: ok(),
  redirectTo: ok(),
  navigateBack: ok(),
  switchTab: ok(),
  reLaunch: ok(),
  makePhoneCall: ok(),
  showToast: ok(),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  showLoading: ok(),
  hideLoading: ok(),
  setTabBarItem: ok(),
  setNavigationBarTitle: ok(),
  setKeepScreenOn: ok(),
  getScreenBrightness: jest.fn(async () => ({ value: 0.5 })),
  setScreenBrightness: ok(),
  getLocation: jest.fn(async () => ({ latitude: 36.0662, longitude: 120.3826 })),
  openLocation: ok(),
  scanCode: jest.fn(async () => ({ result: '' })),
  chooseImage: jest.fn(async () => ({ tempFilePaths: [] })),
  chooseMedia: jest.fn(async () => ({ tempFiles: [] })),
  uploadFile: jest.fn(async () => ({ statusCode: 200, data: '{}' })),
  downloadFile: jest.fn(async () => ({ statusCode: 200, tempFilePath: '/tmp/file' })),
  openDocument: ok(),
  requestSubscribeMessage: jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok' })),
  requestPayment: ok(),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEAPP: 'WEAPP', ALIPAY: 'ALIPAY', WEB: 'WEB' },
  useLoad: (fn: (opts: Record<string, string>) => void) => useEffect(() => fn(Taro.__routerParams), []),
  useDidShow: (fn: () => void) => useEffect(() => fn(), []),
  useDidHide: (fn: () => void) => useEffect(() => () => fn(), []),
  useReady: (fn: () => void) => useEffect(() => fn(), []),
  useUnload: (fn: () => void) => useEffect(() => () => fn(), []),
  usePullDownRefresh: () => undefined,
  useRouter: () => ({ params: Taro.__routerParams }),
  getCurrentInstance: () => ({ router: { params: Taro.__routerParams } }),
  stopPullDownRefresh: ok(),
  pageScrollTo: ok(),
  setClipboardData: ok(),
  openSetting: jest.fn(async () => ({ authSetting: {} as Record<string, boolean> })),
  pxTransform: (n: number) => `${n / 2}px`,
  /** Tests set the page's query parameters here. */
  __routerParams: {} as Record<string, string>,
  __storage: storage,
  __reset() {
    storage.clear();
    listeners.clear();
    Taro.__routerParams = {};
  },
};

export default Taro;
export const { useLoad, useDidShow, useDidHide, useReady, useUnload, useRouter, getCurrentInstance, eventCenter: _eventCenter } = Taro;
