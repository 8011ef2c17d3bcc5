import { startStack, type Stack, type StackOptions } from '../../bff/test/support/stack';
import { H5_DIST } from './browser';

/** The back end as `npm start` runs it, on free ports, also serving the H5 build. */
export async function startH5Stack(opts: StackOptions = {}): Promise<Stack> {
  return startStack({ ...opts, env: { STATIC_DIR: H5_DIST, ...opts.env } });
}
