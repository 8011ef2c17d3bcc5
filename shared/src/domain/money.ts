/**
 * Money is integer fen everywhere: in the database, on the wire and in arithmetic. Yuan appear
 * only when a person reads or types an amount.
 */

export type Fen = number;

export function isFen(v: unknown): v is Fen {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** `12345` → `123.45`. */
export function fenToYuanString(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const s = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** `12345` → `¥123.45`, with thousands separators for large amounts. */
export function formatFen(fen: Fen): string {
  const [yuan, cents] = fenToYuanString(Math.abs(fen)).split('.');
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${grouped}.${cents}`;
}

/**
 * Parses what a person typed (`12`, `12.3`, `12.30`, `¥1,234.5`) into fen without floating point.
 * Returns null for anything else, including more than two decimals.
 */
export function parseYuanToFen(input: string): Fen | null {
  const s = String(input ?? '').trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
