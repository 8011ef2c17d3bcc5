import pino, { type DestinationStream, type Logger } from 'pino';
import { maskIdNumbersInText } from '@qdssc/shared';

export type { Logger } from 'pino';

/**
 * Paths that never reach a log line in clear. Field names follow both our API (`idNumber`) and
 * the HRSS data elements (`aac002` ID number, `aac003` name, `aac067` mobile).
 */
const SENSITIVE_FIELDS = ['password', 'oldPassword', 'newPassword', 'token', 'secret', 'session_key', 'idNumber', 'aac002', 'aac003', 'aac067', 'name', 'phone', 'mobile', 'lat', 'lng', 'security'];

const REDACT = [
  ...SENSITIVE_FIELDS,
  ...SENSITIVE_FIELDS.map((f) => `*.${f}`),
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
];

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskIdNumbersInText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/**
 * A pino logger that redacts sensitive fields and masks anything shaped like an ID number in
 * every string it writes, including messages and error stacks.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'qdssc-bff' },
      redact: { paths: REDACT, censor: '[REDACTED]' },
      formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskIdNumbersInText(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (err: Error) => {
          const s = pino.stdSerializers.err(err);
          return { ...s, message: maskIdNumbersInText(s.message ?? ''), stack: maskIdNumbersInText(s.stack ?? '') };
        },
      },
    },
    destination,
  );
}
