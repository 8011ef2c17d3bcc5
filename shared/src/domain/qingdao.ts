/**
 * Qingdao's districts and the social security card's partner banks: the vocabulary branch data
 * is checked against, shared so the import, the API and the mini-program's district picker agree.
 *
 * Coordinates are GCJ-02 (what WeChat's and Amap's maps use). Each district has a generous
 * bounding box — enough to catch swapped latitude/longitude, a point in another city or a typo,
 * not a cadastral boundary — a centre (its main town, used when the resident picks a district
 * instead of sharing a location) and the towns where outlets cluster (used by the generator).
 */

export interface LatLng {
  lat: number;
  lng: number;
}

export interface GeoBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

export interface District {
  /** GB/T 2260 code. */
  code: string;
  name: string;
  /** Short form used in generated names (市南, 黄岛 …). */
  short: string;
  /** Other ways the bureau's tables write it (old names of merged districts included). */
  aliases: readonly string[];
  centre: LatLng;
  box: GeoBox;
  /** Towns where outlets cluster: centre, spread (km, one standard deviation) and weight. */
  hubs: ReadonlyArray<LatLng & { spreadKm: number; weight: number }>;
}

export const QINGDAO_DISTRICTS: readonly District[] = [
  {
    code: '370202', name: '市南区', short: '市南', aliases: ['市南'],
    centre: { lat: 36.0646, lng: 120.3865 },
    box: { minLat: 36.03, maxLat: 36.11, minLng: 120.3, maxLng: 120.48 },
    hubs: [
      { lat: 36.064, lng: 120.385, spreadKm: 1.4, weight: 3 },
      { lat: 36.062, lng: 120.42, spreadKm: 1.4, weight: 2 },
      { lat: 36.07, lng: 120.36, spreadKm: 0.9, weight: 1 },
    ],
  },
  {
    code: '370203', name: '市北区', short: '市北', aliases: ['市北', '四方区', '四方'],
    centre: { lat: 36.087, lng: 120.375 },
    box: { minLat: 36.06, maxLat: 36.18, minLng: 120.32, maxLng: 120.45 },
    hubs: [
      { lat: 36.087, lng: 120.375, spreadKm: 1.4, weight: 3 },
      { lat: 36.113, lng: 120.37, spreadKm: 1.4, weight: 2 },
      { lat: 36.1, lng: 120.41, spreadKm: 1.4, weight: 1 },
    ],
  },
  {
    code: '370213', name: '李沧区', short: '李沧', aliases: ['李沧'],
    centre: { lat: 36.16, lng: 120.428 },
    box: { minLat: 36.12, maxLat: 36.25, minLng: 120.35, maxLng: 120.52 },
    hubs: [
      { lat: 36.16, lng: 120.428, spreadKm: 1.5, weight: 3 },
      { lat: 36.185, lng: 120.4, spreadKm: 1.5, weight: 1 },
    ],
  },
  {
    code: '370212', name: '崂山区', short: '崂山', aliases: ['崂山'],
    centre: { lat: 36.107, lng: 120.468 },
    box: { minLat: 36.05, maxLat: 36.35, minLng: 120.41, maxLng: 120.72 },
    hubs: [
      { lat: 36.107, lng: 120.468, spreadKm: 1.6, weight: 3 },
      { lat: 36.095, lng: 120.43, spreadKm: 1.0, weight: 1 },
      { lat: 36.25, lng: 120.64, spreadKm: 1.5, weight: 0.5 },
    ],
  },
  {
    code: '370214', name: '城阳区', short: '城阳', aliases: ['城阳'],
    centre: { lat: 36.307, lng: 120.396 },
    box: { minLat: 36.18, maxLat: 36.45, minLng: 120.2, maxLng: 120.56 },
    hubs: [
      { lat: 36.307, lng: 120.396, spreadKm: 2.0, weight: 3 },
      { lat: 36.265, lng: 120.375, spreadKm: 1.5, weight: 1 },
      { lat: 36.24, lng: 120.445, spreadKm: 1.5, weight: 1 },
    ],
  },
  {
    code: '370211', name: '黄岛区', short: '黄岛', aliases: ['黄岛', '西海岸新区', '青岛西海岸新区', '胶南市', '胶南'],
    centre: { lat: 35.9667, lng: 120.1905 },
    box: { minLat: 35.57, maxLat: 36.16, minLng: 119.5, maxLng: 120.36 },
    hubs: [
      { lat: 35.965, lng: 120.19, spreadKm: 2.2, weight: 4 },
      { lat: 35.872, lng: 120.046, spreadKm: 2.5, weight: 3 },
      { lat: 36.01, lng: 120.12, spreadKm: 2.0, weight: 1 },
      { lat: 35.72, lng: 119.86, spreadKm: 2.0, weight: 0.5 },
    ],
  },
  {
    code: '370215', name: '即墨区', short: '即墨', aliases: ['即墨', '即墨市'],
    centre: { lat: 36.39, lng: 120.447 },
    box: { minLat: 36.25, maxLat: 36.65, minLng: 120.3, maxLng: 121.0 },
    hubs: [
      { lat: 36.39, lng: 120.447, spreadKm: 2.5, weight: 3 },
      { lat: 36.36, lng: 120.6, spreadKm: 2.0, weight: 0.5 },
    ],
  },
  {
    code: '370281', name: '胶州市', short: '胶州', aliases: ['胶州'],
    centre: { lat: 36.285, lng: 120.033 },
    box: { minLat: 36.05, maxLat: 36.5, minLng: 119.6, maxLng: 120.22 },
    hubs: [
      { lat: 36.285, lng: 120.033, spreadKm: 2.5, weight: 3 },
      { lat: 36.39, lng: 119.96, spreadKm: 2.0, weight: 0.5 },
    ],
  },
  {
    code: '370283', name: '平度市', short: '平度', aliases: ['平度'],
    centre: { lat: 36.777, lng: 119.96 },
    box: { minLat: 36.45, maxLat: 37.05, minLng: 119.5, maxLng: 120.3 },
    hubs: [
      { lat: 36.777, lng: 119.96, spreadKm: 2.5, weight: 3 },
      { lat: 36.62, lng: 120.15, spreadKm: 2.0, weight: 0.5 },
    ],
  },
  {
    code: '370285', name: '莱西市', short: '莱西', aliases: ['莱西'],
    centre: { lat: 36.887, lng: 120.517 },
    box: { minLat: 36.6, maxLat: 37.1, minLng: 120.3, maxLng: 120.82 },
    hubs: [
      { lat: 36.887, lng: 120.517, spreadKm: 2.5, weight: 3 },
      { lat: 36.73, lng: 120.5, spreadKm: 2.0, weight: 0.5 },
    ],
  },
];

/** The whole city: 35°35′–37°09′ N, 119°30′–121°00′ E. */
export const QINGDAO_BOX: GeoBox = { minLat: 35.57, maxLat: 37.1, minLng: 119.5, maxLng: 121.0 };

export function inBox(p: LatLng, b: GeoBox): boolean {
  return p.lat >= b.minLat && p.lat <= b.maxLat && p.lng >= b.minLng && p.lng <= b.maxLng;
}

/** Inside one of the districts' boxes (the city's box alone would take in a lot of sea and Yantai). */
export function insideQingdao(p: LatLng): boolean {
  return QINGDAO_DISTRICTS.some((d) => inBox(p, d.box));
}

const byCode = new Map(QINGDAO_DISTRICTS.map((d) => [d.code, d]));

export function districtByCode(code: string): District | undefined {
  return byCode.get(code);
}

/**
 * `青岛市市南区`, `市南区`, `市南`, `山东省青岛市黄岛区`, `西海岸新区`, `370202` → the district;
 * anything else → undefined.
 */
export function findDistrict(text: string): District | undefined {
  const s = String(text ?? '').replace(/\s+/g, '').replace(/^(山东省)?(青岛市)?/, '');
  if (!s) return undefined;
  const exact = byCode.get(s);
  if (exact) return exact;
  return QINGDAO_DISTRICTS.find((d) => d.name === s || d.aliases.includes(s));
}

/** The district names in the order the bureau lists them. */
export const DISTRICT_NAMES = QINGDAO_DISTRICTS.map((d) => d.name);

export interface PartnerBank {
  /** Short name used everywhere (农业银行); it is half of a branch's natural key. */
  name: string;
  aliases: readonly string[];
  /** The bank's national customer-service number: what a synthetic outlet offers to call. */
  serviceHotline: string;
}

/**
 * The eight partner banks. The article names three of them (农业银行, 中国银行, 建设银行) and the
 * count; the other five are the banks that issue Qingdao's card today, an assumption to check
 * against the bureau's list before production.
 */
export const PARTNER_BANKS: readonly PartnerBank[] = [
  { name: '农业银行', aliases: ['中国农业银行', '农行'], serviceHotline: '95599' },
  { name: '中国银行', aliases: ['中行'], serviceHotline: '95566' },
  { name: '建设银行', aliases: ['中国建设银行', '建行'], serviceHotline: '95533' },
  { name: '工商银行', aliases: ['中国工商银行', '工行'], serviceHotline: '95588' },
  { name: '交通银行', aliases: ['交行'], serviceHotline: '95559' },
  { name: '邮储银行', aliases: ['中国邮政储蓄银行', '邮政储蓄银行', '邮储'], serviceHotline: '95580' },
  { name: '青岛银行', aliases: [], serviceHotline: '96588' },
  { name: '青岛农商银行', aliases: ['青岛农村商业银行', '农商银行'], serviceHotline: '96668' },
];

/**
 * `农业银行 青岛市分行`, `中国农业银行青岛分行`, `农行` → `农业银行`; unknown → undefined.
 * The bureau writes the city branch after the bank's name; that part is dropped.
 */
export function findPartnerBank(text: string): PartnerBank | undefined {
  const s = String(text ?? '').replace(/\s+/g, '').replace(/(股份有限公司)?(山东省)?(青岛市?)?(分行|支行)?$/, '');
  if (!s) return undefined;
  return PARTNER_BANKS.find((b) => b.name === s || b.aliases.includes(s));
}
