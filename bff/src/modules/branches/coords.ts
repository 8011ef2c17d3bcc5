import gcoord from 'gcoord';
import type { LatLng } from '@qdssc/shared';

/**
 * WGS-84 (GPS, browsers) ⇄ GCJ-02 (the coordinates Chinese maps and our branch data use). Inside
 * China the two differ by a few hundred metres; outside it gcoord leaves points unchanged, as the
 * maps do.
 */
export function wgs84ToGcj02(p: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lat, lng };
}

export function gcj02ToWgs84(p: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat, lng };
}
