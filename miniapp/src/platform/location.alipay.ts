import Taro from '@tarojs/taro';
import type { DevicePosition } from './location.types';

export type { DevicePosition } from './location.types';

/** Inside Alipay: my.getLocation, which reports Amap (GCJ-02) coordinates. */
export async function getDevicePosition(): Promise<DevicePosition> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02' });
    return { ok: true, lat: Number(r.latitude), lng: Number(r.longitude), coord: 'gcj02' };
  } catch (err) {
    // Alipay answers error 11 (user refused) or 2001/2002 (refused / not granted to Alipay).
    const e = err as { error?: number; errorMessage?: string; errMsg?: string };
    const refused = e?.error === 11 || e?.error === 2001 || e?.error === 2002 || /auth|deny|拒绝/i.test(String(e?.errorMessage ?? e?.errMsg ?? ''));
    return { ok: false, reason: refused ? 'denied' : 'unavailable' };
  }
}

export const openLocationSettings: (() => Promise<boolean>) | null = async () => {
  const r = await Taro.openSetting();
  return Boolean((r.authSetting as Record<string, boolean>)?.location ?? (r.authSetting as Record<string, boolean>)?.['scope.userLocation']);
};

/** Alipay's map page with the outlet (my.openLocation). */
export function navigateTo(b: { lat: number; lng: number; name: string; address: string }): void {
  void Taro.openLocation({ latitude: b.lat, longitude: b.lng, name: b.name, address: b.address, scale: 17 });
}
