import { startStack, type Stack, type StackOptions } from '../test/support/stack';

/** The test stack (twins + BFF, SQLite) with request logging off, as a benchmark wants it. */
export function startBenchStack(opts: StackOptions = {}): Promise<Stack> {
  process.env.TEST_DB ??= 'sqlite';
  return startStack({ ...opts, env: { LOG_LEVEL: 'warn', ...opts.env }, logLevel: 'warn' });
}
