/** Where the device is, in the coordinate system its host reports, or why it cannot say. */
export type DevicePosition =
  | { ok: true; lat: number; lng: number; coord: 'gcj02' | 'wgs84' }
  | { ok: false; reason: 'denied' | 'unavailable' };
