import { Column, type ColumnOptions } from 'typeorm';

/**
 * Column helpers that mean the same on MySQL/MariaDB and SQLite. Timestamps are `datetime(3)`
 * (milliseconds kept on both) and always written by our code from the injected clock, never by
 * a database default, so tests can move time and both databases store the same value.
 */
export function DateTimeColumn(opts: Omit<ColumnOptions, 'type' | 'precision'> = {}) {
  return Column({ type: 'datetime', precision: 3, ...opts });
}

/** JSON kept as text: MariaDB's JSON is LONGTEXT anyway and SQLite has no JSON column type. */
export const jsonText = {
  to: (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v)),
  from: (v: string | null) => (v === null || v === undefined ? null : JSON.parse(v)),
};

/** SQLite may hand back a datetime as a string; make every read a Date. */
export const dateTransformer = {
  to: (v: Date | null | undefined) => v,
  from: (v: Date | string | null) => (v === null || v === undefined ? v : v instanceof Date ? v : new Date(v.endsWith('Z') ? v : `${v.replace(' ', 'T')}Z`)),
};
