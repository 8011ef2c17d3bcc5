/**
 * One row of the error table: the HTTP status the BFF answers with and the short message a
 * resident reads, in each language the UI ships. Codes are stable API: never rename one.
 */
export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export type ErrorTable = Record<string, ErrorSpec>;
