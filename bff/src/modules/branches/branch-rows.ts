import gcoord from 'gcoord';
import {
  BRANCH_SERVICES,
  districtByCode,
  findDistrict,
  findPartnerBank,
  inBox,
  insideQingdao,
  parseHours,
  type BranchService,
} from '@qdssc/shared';
import type { BranchTable, RawBranchRow } from './branch-table';

/** A validated outlet, ready to be written. */
export interface BranchInput {
  bank: string;
  name: string;
  districtCode: string;
  address: string;
  phone: string;
  lat: number;
  lng: number;
  services: BranchService[];
  weekdayHours: string;
  weekendHours: string | null;
  synthetic: boolean;
}

export type RowProblemCode =
  | 'BANK_MISSING'
  | 'BANK_UNKNOWN'
  | 'DISTRICT_UNKNOWN'
  | 'NAME_MISSING'
  | 'NAME_TOO_LONG'
  | 'ADDRESS_MISSING'
  | 'PHONE_INVALID'
  | 'COORDS_MISSING'
  | 'COORDS_INVALID'
  | 'COORDS_OUTSIDE_QINGDAO'
  | 'COORDS_OUTSIDE_DISTRICT'
  | 'INSTANT_INVALID'
  | 'SERVICES_UNKNOWN'
  | 'HOURS_INVALID'
  | 'DUPLICATE';

export interface RowProblem {
  line: number;
  code: RowProblemCode;
  message: string;
}

export const DEFAULT_WEEKDAY_HOURS = '09:00-17:00';

/** Every outlet in the data set does these; instant card-making is per outlet. */
export const BASE_SERVICES: BranchService[] = ['card_business', 'activation', 'loss_replacement', 'temporary_card'];

const SERVICE_WORDS: Array<[RegExp, BranchService]> = [
  [/^(即时制卡|即时发卡|instant_card)$/i, 'instant_card'],
  [/^(临时卡|临时社保卡|temporary_card)$/i, 'temporary_card'],
  [/^(激活|卡激活|社保卡激活|activation)$/i, 'activation'],
  [/^(挂失|补换|补卡|换卡|挂失补换|挂失补换卡|loss_replacement)$/i, 'loss_replacement'],
  [/^(申领|社保卡申领|社保卡业务|综合业务|card_business)$/i, 'card_business'],
];

/**
 * `85939671` (the article writes local numbers without the area code) → `0532-85939671`;
 * `0532 8593 9671`, mobiles, `95xxx`/`96xxx` bank service numbers and `400` numbers are
 * accepted; anything else is a problem.
 */
export function normalizePhone(raw: string): string | null {
  const s = raw.replace(/[\s()（）]/g, '').replace(/^(?:\+86|0086)-?/, '');
  let m: RegExpExecArray | null;
  if ((m = /^(?:0532-?)?(\d{8})$/.exec(s))) return `0532-${m[1]}`;
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  if (/^9[56]\d{3,4}$/.test(s)) return s;
  if ((m = /^400-?(\d{3})-?(\d{4})$/.exec(s))) return `400-${m[1]}-${m[2]}`;
  return null;
}

function normalizeHoursText(raw: string): string {
  return raw.replace(/：/g, ':').replace(/\s+/g, '').replace(/[—–~～至]/g, '-');
}

function parseFlag(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', '√', '✓'].includes(s)) return true;
  if (['否', 'n', 'no', 'false', '0', ''].includes(s)) return false;
  return null;
}

export interface ValidationContext {
  /** Coordinates of outlets already stored, by `bank|name`: a file without coordinates may update them. */
  existingCoords: Map<string, { lat: number; lng: number }>;
  synthetic?: boolean;
}

export const branchKey = (bank: string, name: string) => `${bank}|${name}`;

/**
 * Checks every row (never stopping at the first problem, so one run lists everything to fix)
 * and carries the bank down into rows that leave it blank, as the bureau's table does.
 */
export function validateBranchRows(table: BranchTable, ctx: ValidationContext): { inputs: Array<BranchInput & { line: number }>; problems: RowProblem[] } {
  const inputs: Array<BranchInput & { line: number }> = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let carriedBank: string | undefined;
  /** Line of the last bank cell that could not be recognised, while rows below it leave theirs blank. */
  let badBankLine: number | undefined;

  for (const row of table.rows) {
    const p = (code: RowProblemCode, message: string) => problems.push({ line: row.line, code, message });
    const before = problems.length;
    const f = row.fields;

    // Bank: written once, blank below it until the next bank.
    let bank: string | undefined;
    const bankText = f.bank ?? '';
    if (bankText) {
      const found = findPartnerBank(bankText);
      if (found) {
        bank = found.name;
        carriedBank = found.name;
        badBankLine = undefined;
      } else {
        p('BANK_UNKNOWN', `所属银行“${bankText}”不是社保卡合作银行`);
        carriedBank = undefined;
        badBankLine = row.line;
      }
    } else if (carriedBank) {
      bank = carriedBank;
    } else if (badBankLine !== undefined) {
      p('BANK_UNKNOWN', `所属银行沿用第${badBankLine}行，而该行的银行无法识别`);
    } else {
      p('BANK_MISSING', '所属银行为空，且上方没有可沿用的银行');
    }

    const district = findDistrict(f.district ?? '');
    if (!district) p('DISTRICT_UNKNOWN', `区域“${f.district ?? ''}”不是青岛市的区（市）`);

    const name = (f.name ?? '').replace(/\s+/g, '');
    if (!name) p('NAME_MISSING', '网点名称为空');
    else if (name.length > 128) p('NAME_TOO_LONG', '网点名称超过128个字');

    const address = (f.address ?? '').trim();
    if (!address) p('ADDRESS_MISSING', '地址为空');

    const phone = normalizePhone(f.phone ?? '');
    if (!phone) p('PHONE_INVALID', `联系电话“${f.phone ?? ''}”格式不正确（例：0532-85939671 或 85939671）`);

    let lat: number | undefined;
    let lng: number | undefined;
    const latText = f.lat ?? '';
    const lngText = f.lng ?? '';
    if (!latText && !lngText) {
      const known = bank && name ? ctx.existingCoords.get(branchKey(bank, name)) : undefined;
      if (known) ({ lat, lng } = known);
      else p('COORDS_MISSING', '缺少经纬度：新网点需填写纬度、经度（GCJ-02，腾讯/高德地图坐标）');
    } else if (!/^-?\d+(\.\d+)?$/.test(latText) || !/^-?\d+(\.\d+)?$/.test(lngText)) {
      p('COORDS_INVALID', `经纬度“${latText}, ${lngText}”不是数字`);
    } else {
      lat = Number(latText);
      lng = Number(lngText);
      if (table.coordsWgs84) [lng, lat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
      if (!insideQingdao({ lat, lng })) {
        const swapped = insideQingdao({ lat: lng, lng: lat });
        p('COORDS_OUTSIDE_QINGDAO', `坐标（${latText}, ${lngText}）不在青岛市范围内${swapped ? '：纬度和经度可能填反了' : ''}`);
        lat = lng = undefined;
      } else if (district && !inBox({ lat, lng }, district.box)) {
        p('COORDS_OUTSIDE_DISTRICT', `坐标（${latText}, ${lngText}）不在所填区域${district.name}内`);
      }
    }

    const instantFlag = f.instant === undefined ? false : parseFlag(f.instant);
    if (instantFlag === null) p('INSTANT_INVALID', `即时制卡“${f.instant}”应填“是”或“否”`);

    const services = new Set<BranchService>(BASE_SERVICES);
    if (f.services) {
      services.clear();
      services.add('card_business');
      for (const word of f.services.split(/[、,，;；/\s]+/).filter(Boolean)) {
        const hit = SERVICE_WORDS.find(([re]) => re.test(word));
        if (hit) services.add(hit[1]);
        else p('SERVICES_UNKNOWN', `业务“${word}”无法识别（可填：即时制卡、临时卡、激活、挂失补换、申领）`);
      }
    }
    if (table.allInstant || instantFlag) services.add('instant_card');

    const weekdayHours = f.weekdayHours ? normalizeHoursText(f.weekdayHours) : DEFAULT_WEEKDAY_HOURS;
    if (!parseHours(weekdayHours)) p('HOURS_INVALID', `工作日营业时间“${f.weekdayHours}”格式不正确（例：09:00-17:00）`);
    const weekendText = f.weekendHours ? normalizeHoursText(f.weekendHours) : '';
    const weekendHours = !weekendText || /^(休息|不营业|closed|无)$/i.test(weekendText) ? null : weekendText;
    if (weekendHours !== null && !parseHours(weekendHours)) p('HOURS_INVALID', `周末营业时间“${f.weekendHours}”格式不正确（例：09:00-16:00，或填“休息”）`);

    if (bank && name) {
      const key = branchKey(bank, name);
      const first = seen.get(key);
      if (first !== undefined) p('DUPLICATE', `与第${first}行重复（同一银行的同名网点）`);
      else seen.set(key, row.line);
    }

    if (problems.length === before && bank && district && phone && lat !== undefined && lng !== undefined) {
      inputs.push({
        line: row.line,
        bank,
        name,
        districtCode: district.code,
        address,
        phone,
        lat,
        lng,
        services: BRANCH_SERVICES.filter((s) => services.has(s)),
        weekdayHours,
        weekendHours,
        synthetic: ctx.synthetic ?? false,
      });
    }
  }
  return { inputs, problems };
}

/** The district of a stored code (always known: only validated codes are stored). */
export function districtName(code: string): string {
  return districtByCode(code)?.name ?? code;
}
export type { RawBranchRow };
