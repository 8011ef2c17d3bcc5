import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * Reading the bureau's branch tables: CSV (comma or tab separated, UTF-8 with or without BOM) and
 * XLSX, in the layout it publishes — an optional title row, then 所属银行 / 区域 / 网点 / 地址 /
 * 联系电话 (+ optional 纬度 / 经度 / 即时制卡 / 业务范围 / 营业时间 columns), the bank written once
 * and left blank (or merged) for the rows below it. Every row keeps its line number in the file
 * so problems can be reported where the editor will look.
 */

export interface SheetRow {
  /** 1-based line (CSV) or row number (XLSX). */
  line: number;
  cells: string[];
}

export const BRANCH_FIELDS = ['bank', 'district', 'name', 'address', 'phone', 'lat', 'lng', 'instant', 'services', 'weekdayHours', 'weekendHours'] as const;
export type BranchField = (typeof BRANCH_FIELDS)[number];

export interface RawBranchRow {
  line: number;
  fields: Partial<Record<BranchField, string>>;
}

export interface BranchTable {
  rows: RawBranchRow[];
  headerLine: number;
  /** The 网点 column was headed 即时制卡网点: every row is an instant card-making outlet. */
  allInstant: boolean;
  /** Coordinates columns are WGS-84 (header says so) and must be converted. */
  coordsWgs84: boolean;
  ignoredColumns: string[];
}

export class TableError extends Error {
  constructor(
    readonly code: 'FILE_UNREADABLE' | 'FILE_EMPTY' | 'HEADER_MISSING' | 'FORMAT_UNSUPPORTED',
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'TableError';
  }
}

const HEADER_ALIASES: Record<BranchField, string[]> = {
  bank: ['所属银行', '银行', '合作银行', '发卡银行', 'bank'],
  district: ['区域', '所在区域', '区市', '区(市)', '行政区', '所属区市', 'district'],
  name: ['网点', '网点名称', '即时制卡网点', '营业网点', '即时制卡营业网点', 'name'],
  address: ['地址', '网点地址', 'address'],
  phone: ['联系电话', '电话', '咨询电话', 'phone'],
  lat: ['纬度', 'lat', 'latitude', 'lat_gcj02', 'lat_gcj02_approx', '纬度(gcj-02)', '纬度(gcj02)', 'lat_wgs84', '纬度(wgs-84)', '纬度(wgs84)'],
  lng: ['经度', 'lng', 'lon', 'longitude', 'lng_gcj02', 'lng_gcj02_approx', '经度(gcj-02)', '经度(gcj02)', 'lng_wgs84', '经度(wgs-84)', '经度(wgs84)'],
  instant: ['即时制卡', '是否即时制卡', 'instant_card', 'instant'],
  services: ['业务范围', '可办业务', '服务', 'services'],
  weekdayHours: ['工作日营业时间', '营业时间(工作日)', '营业时间', 'weekday_hours', 'hours'],
  weekendHours: ['周末营业时间', '营业时间(周末)', '双休日营业时间', 'weekend_hours'],
};

/** Full-width brackets and spaces become plain, case is folded: `纬度（GCJ-02）` → `纬度(gcj-02)`. */
export function normalizeHeader(h: string): string {
  return h.replace(/\uFEFF/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').toLowerCase();
}

const ALIAS_TO_FIELD = new Map<string, BranchField>();
for (const f of BRANCH_FIELDS) for (const a of HEADER_ALIASES[f]) ALIAS_TO_FIELD.set(normalizeHeader(a), f);

/**
 * RFC 4180 parsing (quotes, doubled quotes, newlines inside quotes, CRLF), remembering the line
 * each record starts on. The delimiter is a tab when the start of the file has more tabs than
 * commas (a table pasted from the bureau's web page), a comma otherwise.
 */
export function parseDelimited(text: string): SheetRow[] {
  const s = text.replace(/^\uFEFF/, '');
  const head = s.slice(0, 4096);
  const delim = (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const rows: SheetRow[] = [];
  let line = 1;
  let rowStart = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: rowStart, cells });
    cells = [];
    cell = '';
  };
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line += 1;
        cell += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delim) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      line += 1;
      rowStart = line;
    } else {
      cell += c;
    }
    i += 1;
  }
  if (cell !== '' || cells.length) endRow();
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v);
}

/** The first worksheet; merged cells are read as blank below their first row (then carried down). */
export async function parseXlsx(data: Buffer | ArrayBuffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch (err) {
    throw new TableError('FILE_UNREADABLE', `不是有效的 XLSX 文件：${(err as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new TableError('FILE_EMPTY', '工作簿中没有工作表');
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      // A merged cell's followers repeat the master's value in exceljs; the layout carries it down anyway.
      const v = cell.isMerged && cell.master !== cell ? '' : cellText(cell.value);
      cells.push(v);
    }
    if (cells.some((x) => x.trim() !== '')) rows.push({ line: rowNumber, cells });
  });
  return rows;
}

/** Finds the header among the first rows (a title row may come first) and maps columns to fields. */
export function toBranchTable(sheet: SheetRow[]): BranchTable {
  if (!sheet.length) throw new TableError('FILE_EMPTY', '文件中没有数据');
  for (const candidate of sheet.slice(0, 10)) {
    const mapped = candidate.cells.map((h) => ALIAS_TO_FIELD.get(normalizeHeader(h)));
    const known = new Set(mapped.filter(Boolean));
    if (!(known.has('bank') && known.has('name'))) continue;
    const missing = (['bank', 'district', 'name', 'address', 'phone'] as const).filter((f) => !known.has(f));
    if (missing.length) {
      throw new TableError('HEADER_MISSING', `表头缺少列：${missing.map((f) => HEADER_ALIASES[f][0]).join('、')}`, candidate.line);
    }
    const index = new Map<BranchField, number>();
    mapped.forEach((f, i) => {
      if (f && !index.has(f)) index.set(f, i);
    });
    const headers = candidate.cells.map(normalizeHeader);
    const latHeader = headers[index.get('lat') ?? -1] ?? '';
    const rows: RawBranchRow[] = sheet
      .filter((r) => r.line > candidate.line)
      .map((r) => {
        const fields: RawBranchRow['fields'] = {};
        for (const [f, i] of index) fields[f] = (r.cells[i] ?? '').trim();
        return { line: r.line, fields };
      });
    return {
      rows,
      headerLine: candidate.line,
      allInstant: normalizeHeader(candidate.cells[index.get('name')!]).includes('即时制卡'),
      coordsWgs84: latHeader.includes('wgs'),
      ignoredColumns: candidate.cells.filter((h, i) => h.trim() && !mapped[i]).map((h) => h.trim()),
    };
  }
  throw new TableError('HEADER_MISSING', '前10行中没有找到表头（需要“所属银行”“区域”“网点”“地址”“联系电话”列）', sheet[0].line);
}

/** Reads a .csv/.tsv/.txt or .xlsx file into the branch table. */
export async function readBranchFile(path: string): Promise<BranchTable> {
  const ext = extname(path).toLowerCase();
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    throw new TableError('FILE_UNREADABLE', `无法读取文件 ${path}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (ext === '.xlsx') return toBranchTable(await parseXlsx(data));
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return toBranchTable(parseDelimited(data.toString('utf8')));
  throw new TableError('FORMAT_UNSUPPORTED', `不支持的文件类型 ${ext || '(无扩展名)'}：请使用 .csv 或 .xlsx（.xls 请先另存为 .xlsx）`);
}
