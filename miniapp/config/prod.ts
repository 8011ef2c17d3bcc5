import type { UserConfigExport } from '@tarojs/cli';

export default {
  // CI and `npm start` logs stay readable: no progress bar, no stats table.
  logger: { quiet: true, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
