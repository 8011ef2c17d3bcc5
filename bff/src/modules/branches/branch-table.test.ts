import { join } from 'node:path';
import { normalizePhone, validateBranchRows } from './branch-rows';
import { wgs84ToGcj02 } from './coords';
import { parseDelimited, readBranchFile, TableError, toBranchTable } from './branch-table';

const FIXTURES = join(__dirname, '../../../test/fixtures/branches');

describe('reading a branch table', () => {
  it('parses quoted cells with commas, doubled quotes and line breaks, and keeps each record’s line', () => {
    const rows = parseDelimited('\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\n\n3,,\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { line: 3, cells: ['2', 'two\nlines', 'z'] },
      { line: 6, cells: ['3', '', ''] },
    ]);
  });

  it('reads the article’s table pasted from the web page: title row, tabs, banks written once', async () => {
    const table = await readBranchFile(join(FIXTURES, 'bureau-layout.tsv'));
    expect(table.headerLine).toBe(2);
    expect(table.allInstant).toBe(true);
    const { inputs, problems } = validateBranchRows(table, { existingCoords: new Map() });
    expect(problems).toEqual([]);
    expect(inputs.map((b) => b.bank)).toEqual(['农业银行', '农业银行', '中国银行', '中国银行', '建设银行', '建设银行', '建设银行']);
    expect(inputs.every((b) => b.services.includes('instant_card') && !b.synthetic)).toBe(true);
    expect(inputs[0]).toMatchObject({ name: '农业银行市南支行营业室', districtCode: '370202', phone: '0532-85939671', line: 3 });
  });

  it('names the missing columns when the header is incomplete', () => {
    expect(() => toBranchTable(parseDelimited('所属银行,网点,地址\n农业银行,某网点,某地址\n'))).toThrow(new TableError('HEADER_MISSING', '表头缺少列：区域、联系电话'));
  });

  it('refuses a file type it cannot read instead of guessing', async () => {
    await expect(readBranchFile(join(FIXTURES, 'README.md'))).rejects.toMatchObject({ code: 'FORMAT_UNSUPPORTED' });
  });

  it('normalises the phone numbers the bureau publishes and refuses the rest', () => {
    expect(normalizePhone('85939671')).toBe('0532-85939671');
    expect(normalizePhone('0532 8593 9671')).toBe('0532-85939671');
    expect(normalizePhone('95599')).toBe('95599');
    expect(normalizePhone('13805321234')).toBe('13805321234');
    expect(normalizePhone('8593967')).toBeNull();
    expect(normalizePhone('010-12345678')).toBeNull();
  });

  it('converts coordinates given in WGS-84 when the header says so', () => {
    const wgs = toBranchTable(parseDelimited('所属银行,区域,网点,地址,联系电话,纬度(WGS-84),经度(WGS-84)\n中国银行,市南区,某网点,某地址,81858087,36.0651,120.3815\n'));
    expect(wgs.coordsWgs84).toBe(true);
    const [b] = validateBranchRows(wgs, { existingCoords: new Map() }).inputs;
    expect({ lat: b.lat, lng: b.lng }).toEqual(wgs84ToGcj02({ lat: 36.0651, lng: 120.3815 }));
    expect(b.lng).not.toBe(120.3815);
  });
});
