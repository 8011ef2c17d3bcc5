import Taro from '@tarojs/taro';
import type { DevicePosition } from './location.types';

export type { DevicePosition } from './location.types';

/**
 * In a browser: the W3C geolocation API, which reports WGS-84. The BFF converts it (coord=wgs84).
 * A refusal (permission denied) and a failure (no fix, timeout, insecure page) are told apart
 * so the page can say why it asks for a district instead.
 */
export async function getDevicePosition(): Promise<DevicePosition> {
  try {
    const r = await Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: 10_000 } as Taro.getLocation.Option);
    return { ok: true, lat: r.latitude, lng: r.longitude, coord: 'wgs84' };
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err);
    return { ok: false, reason: /denied|permission/i.test(msg) ? 'denied' : 'unavailable' };
  }
}

/** Browsers keep location permission in their own settings; nothing to open from the page. */
export const openLocationSettings: (() => Promise<boolean>) | null = null;

/** Turn-by-turn directions: Amap's web page (GCJ-02), opened beside the app. */
export function navigateTo(b: { lat: number; lng: number; name: string; address: string }): void {
  const url = `https://uri.amap.com/marker?position=${b.lng},${b.lat}&name=${encodeURIComponent(b.name)}&coordinate=gaode&callnative=1&src=qdssc`;
  window.open(url, '_blank', 'noopener');
}
