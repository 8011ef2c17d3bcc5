import { distanceMeters, formatDistance } from './geo';
import { findDistrict, findPartnerBank, inBox, insideQingdao, PARTNER_BANKS, QINGDAO_DISTRICTS } from './qingdao';

describe('Qingdao districts and partner banks', () => {
  it('recognise district names the way the bureau writes them', () => {
    expect(findDistrict('青岛市市南区')?.code).toBe('370202');
    expect(findDistrict('山东省青岛市黄岛区')?.code).toBe('370211');
    expect(findDistrict('西海岸新区')?.code).toBe('370211');
    expect(findDistrict('四方区')?.code).toBe('370203');
    expect(findDistrict('莱西')?.code).toBe('370285');
    expect(findDistrict('370212')?.name).toBe('崂山区');
    expect(findDistrict('青岛市火星区')).toBeUndefined();
    expect(findDistrict('')).toBeUndefined();
  });

  it('list ten districts, each centred inside its own box', () => {
    expect(QINGDAO_DISTRICTS).toHaveLength(10);
    for (const d of QINGDAO_DISTRICTS) {
      expect(inBox(d.centre, d.box)).toBe(true);
      for (const h of d.hubs) expect(inBox(h, d.box)).toBe(true);
    }
  });

  it('tell Qingdao from Beijing and from swapped coordinates', () => {
    expect(insideQingdao({ lat: 36.0648, lng: 120.3868 })).toBe(true);
    expect(insideQingdao({ lat: 39.9042, lng: 116.4074 })).toBe(false);
    expect(insideQingdao({ lat: 120.3868, lng: 36.0648 })).toBe(false);
  });

  it('recognise the eight partner banks with the city branch written after the name', () => {
    expect(PARTNER_BANKS).toHaveLength(8);
    expect(findPartnerBank('农业银行 青岛市分行')?.name).toBe('农业银行');
    expect(findPartnerBank('中国建设银行青岛分行')?.name).toBe('建设银行');
    expect(findPartnerBank('青岛农村商业银行')?.name).toBe('青岛农商银行');
    expect(findPartnerBank('青岛银行')?.name).toBe('青岛银行');
    expect(findPartnerBank('花旗银行')).toBeUndefined();
  });
});

describe('great-circle distance', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceMeters({ lat: 36, lng: 120 }, { lat: 37, lng: 120 })).toBeCloseTo(111_195, -1);
  });

  it('is zero from a point to itself and symmetric', () => {
    const a = { lat: 36.0648, lng: 120.3868 };
    const b = { lat: 36.1606, lng: 120.4262 };
    expect(distanceMeters(a, a)).toBe(0);
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
  });

  it('is shown in metres nearby and kilometres further away', () => {
    expect(formatDistance(234)).toBe('230米');
    expect(formatDistance(1234)).toBe('1.2公里');
    expect(formatDistance(23_456, 'en')).toBe('23 km');
  });
});
