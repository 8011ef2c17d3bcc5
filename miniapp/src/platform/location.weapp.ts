import Taro from '@tarojs/taro';
import type { DevicePosition } from './location.types';

export type { DevicePosition } from './location.types';

/**
 * Inside WeChat: wx.getLocation with type gcj02 (the permission text is scope.userLocation in
 * app.config.ts; getLocation is declared in requiredPrivateInfos).
 */
export async function getDevicePosition(): Promise<DevicePosition> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02' });
    return { ok: true, lat: r.latitude, lng: r.longitude, coord: 'gcj02' };
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? err);
    return { ok: false, reason: /auth|deny|denied|permission/i.test(msg) ? 'denied' : 'unavailable' };
  }
}

/** Opens the mini-program's settings so a resident who said no can say yes; true when granted. */
export const openLocationSettings: (() => Promise<boolean>) | null = async () => {
  const r = await Taro.openSetting();
  return Boolean((r.authSetting as Record<string, boolean>)['scope.userLocation']);
};

/** WeChat's own map page with the outlet, from which the resident picks a navigation app. */
export function navigateTo(b: { lat: number; lng: number; name: string; address: string }): void {
  void Taro.openLocation({ latitude: b.lat, longitude: b.lng, name: b.name, address: b.address, scale: 17 });
}
