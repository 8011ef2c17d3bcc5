import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { SessionUser } from '@qdssc/shared';

/** The login session on this device: the BFF's opaque token and who it belongs to. */
export interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

const KEY = 'qdssc.session';
const EVENT = 'qdssc:session';

export function getSession(): StoredSession | null {
  try {
    const s = Taro.getStorageSync(KEY) as StoredSession | '';
    if (!s || typeof s !== 'object' || !s.token) return null;
    if (Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession(s: StoredSession): void {
  Taro.setStorageSync(KEY, s);
  Taro.eventCenter.trigger(EVENT, s);
}

export function updateSessionUser(user: SessionUser): void {
  const s = getSession();
  if (s) saveSession({ ...s, user });
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY);
  Taro.eventCenter.trigger(EVENT, null);
}

export function useSession(): StoredSession | null {
  const [session, setSession] = useState<StoredSession | null>(getSession);
  useEffect(() => {
    const on = (s: StoredSession | null) => setSession(s);
    Taro.eventCenter.on(EVENT, on);
    return () => {
      Taro.eventCenter.off(EVENT, on);
    };
  }, []);
  return session;
}
