/**
 * Masking for everything shown on a screen, in a response or in a log line. PIPL treats ID
 * numbers, names, phones and locations as sensitive: callers get the masked form unless a
 * fresh confirmation unlocked the full value.
 */

/** `370202198503151234` → `3702**********1234`; short or odd input is masked entirely but its tail. */
export function maskIdNumber(id: string): string {
  const s = String(id ?? '');
  if (s.length <= 8) return '*'.repeat(Math.max(0, s.length - 2)) + s.slice(-2);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/** `张三` → `*三`, `欧阳娜娜` → `***娜`, `John Smith` → `J*** S****`: the last character survives for Chinese names. */
export function maskName(name: string): string {
  const s = String(name ?? '').trim();
  if (!s) return '';
  if (/^[\u3400-\u9fff·]+$/.test(s)) {
    if (s.length === 1) return s;
    return '*'.repeat(s.length - 1) + s.slice(-1);
  }
  return s
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : w[0] + '*'.repeat(w.length - 1)))
    .join(' ');
}

/** `13812345678` → `138****5678`; landlines keep their area code and last four digits. */
export function maskPhone(phone: string): string {
  const s = String(phone ?? '');
  if (s.length < 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** Bank and card numbers: last four only. */
export function maskCardNumber(no: string): string {
  const s = String(no ?? '');
  return s.length <= 4 ? s : '*'.repeat(s.length - 4) + s.slice(-4);
}

/** Anything that looks like an 18-character ID number inside free text (log lines, error causes). */
export const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g;

export function maskIdNumbersInText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (_m, head: string, tail: string) => `${head}**********${tail}`);
}
