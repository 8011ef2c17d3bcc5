import { distanceMeters, QINGDAO_BOX } from '@qdssc/shared';
import { seededRandom } from '../../lib/seeded-random';
import { gcj02ToWgs84, wgs84ToGcj02 } from './coords';

describe('WGS-84 ⇄ GCJ-02', () => {
  const rng = seededRandom(42);
  const inQingdao = () => ({ lat: rng.between(QINGDAO_BOX.minLat, QINGDAO_BOX.maxLat), lng: rng.between(QINGDAO_BOX.minLng, QINGDAO_BOX.maxLng) });

  it('returns within 1 m of the start after a round trip, anywhere in Qingdao', () => {
    for (let i = 0; i < 2000; i++) {
      const wgs = inQingdao();
      const back = gcj02ToWgs84(wgs84ToGcj02(wgs));
      expect(distanceMeters(wgs, back)).toBeLessThan(1);
    }
  });

  it('returns within 1 m across mainland China too', () => {
    for (let i = 0; i < 2000; i++) {
      const wgs = { lat: rng.between(22, 45), lng: rng.between(100, 122) };
      expect(distanceMeters(wgs, gcj02ToWgs84(wgs84ToGcj02(wgs)))).toBeLessThan(1);
    }
  });

  it('moves a Qingdao position by the few hundred metres the national offset applies', () => {
    for (let i = 0; i < 200; i++) {
      const wgs = inQingdao();
      const shift = distanceMeters(wgs, wgs84ToGcj02(wgs));
      expect(shift).toBeGreaterThan(100);
      expect(shift).toBeLessThan(1000);
    }
  });

  it('leaves a point outside China where it is, as Chinese maps do', () => {
    const london = { lat: 51.5074, lng: -0.1278 };
    expect(wgs84ToGcj02(london)).toEqual(london);
  });
});
