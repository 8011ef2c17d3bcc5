import { ERRORS, errorMessage } from './index';

describe('the error table', () => {
  it('gives every code an HTTP status and a message in each language', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
      expect(spec.zh.length).toBeGreaterThan(2);
      expect(spec.en.length).toBeGreaterThan(2);
    }
  });

  it('answers user mistakes with 4xx, never 5xx', () => {
    for (const code of ['VALIDATION_FAILED', 'INVALID_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'ROUTE_NOT_FOUND', 'LOGIN_CODE_INVALID'] as const) {
      expect(ERRORS[code].status).toBeLessThan(500);
    }
  });

  it('falls back to the generic message for an unknown code', () => {
    expect(errorMessage('NO_SUCH_CODE')).toBe(ERRORS.INTERNAL.zh);
    expect(errorMessage('RATE_LIMITED', 'en')).toBe(ERRORS.RATE_LIMITED.en);
  });
});

describe('the feature error tables', () => {
  it('define each code in exactly one place', () => {
    const { readdirSync } = require('node:fs') as typeof import('node:fs');
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.errors.ts'))) {
      const mod = require(`./${file.replace(/\.ts$/, '')}`) as Record<string, Record<string, unknown>>;
      for (const table of Object.values(mod)) {
        for (const code of Object.keys(table)) {
          if (seen.has(code)) dupes.push(`${code} in ${seen.get(code)} and ${file}`);
          seen.set(code, file);
        }
      }
    }
    expect(dupes).toEqual([]);
    expect(seen.size).toBe(Object.keys(ERRORS).length);
  });
});
