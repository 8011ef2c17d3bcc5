import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messagesFor, type Lang, type Messages } from '../i18n';

/** Display preferences, kept on the device: large-font mode (适老化) and the UI language. */
export interface Settings {
  largeFont: boolean;
  lang: Lang;
}

const KEY = 'qdssc.settings';
const EVENT = 'qdssc:settings';

function systemPrefersLargeFont(): boolean {
  try {
    // WeChat reports the user's font-size setting; anything above the default (17) asks for large text.
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number };
    return (info.fontSizeSetting ?? 0) > 17;
  } catch {
    return false;
  }
}

function load(): Settings {
  try {
    const saved = Taro.getStorageSync(KEY) as Partial<Settings> | '';
    if (saved && typeof saved === 'object') return { largeFont: Boolean(saved.largeFont), lang: saved.lang === 'en' ? 'en' : 'zh' };
  } catch {
    /* first start */
  }
  return { largeFont: systemPrefersLargeFont(), lang: 'zh' };
}

let current: Settings | undefined;

export function getSettings(): Settings {
  current ??= load();
  return current;
}

export function updateSettings(patch: Partial<Settings>): Settings {
  current = { ...getSettings(), ...patch };
  Taro.setStorageSync(KEY, current);
  Taro.eventCenter.trigger(EVENT, current);
  return current;
}

const TAB_KEYS = ['ecard', 'branches', 'services', 'me'] as const;
// app.config's labels are Chinese, so a Chinese UI needs no call.
let tabBarLang: Lang | undefined = 'zh';

/**
 * The tab bar's labels live in app.config (Chinese); after a language switch they are set
 * again. Failing calls (no tab bar on this page yet) are retried on the next page shown.
 */
export function syncTabBarLanguage(lang: Lang): void {
  if (tabBarLang === lang) return;
  const t = messagesFor(lang);
  Promise.all(TAB_KEYS.map((key, index) => Taro.setTabBarItem({ index, text: t.tab[key] }))).then(
    () => {
      tabBarLang = lang;
    },
    () => undefined,
  );
}

/** The settings and the message table of their language; re-renders when either changes. */
export function useSettings(): { settings: Settings; t: Messages } {
  const [settings, setSettings] = useState<Settings>(getSettings);
  useEffect(() => {
    const on = (s: Settings) => setSettings(s);
    Taro.eventCenter.on(EVENT, on);
    return () => {
      Taro.eventCenter.off(EVENT, on);
    };
  }, []);
  return { settings, t: messagesFor(settings.lang) };
}
