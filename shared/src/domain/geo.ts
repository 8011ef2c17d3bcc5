import type { LatLng } from './qingdao';

/** Mean Earth radius in metres (the sphere geokdbush and MySQL's ST_Distance_Sphere use). */
export const EARTH_RADIUS_M = 6_371_000;

const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** `850 m`, `1.2 km`, `35 km`: what a list of branches shows. */
export function formatDistance(m: number, lang: 'zh' | 'en' = 'zh'): string {
  if (m < 1000) return `${Math.max(1, Math.round(m / 10) * 10)}${lang === 'zh' ? '米' : ' m'}`;
  const km = m < 10_000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000));
  return `${km}${lang === 'zh' ? '公里' : ' km'}`;
}
