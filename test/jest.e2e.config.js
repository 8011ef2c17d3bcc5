/**
 * Browser suites: the H5 build served by an in-process BFF (+ sandbox twins, SQLite), driven by
 * Debian's Chromium through playwright-core. Run in band: one browser at a time on 2 cores.
 */
const path = require('node:path');
const base = require('../jest.config.js');
const node = base.projects.find((p) => p.displayName === 'bff:sqlite');

module.exports = {
  rootDir: path.join(__dirname, '..'),
  testTimeout: 90_000,
  projects: [
    {
      ...node,
      displayName: 'e2e:h5',
      setupFiles: ['<rootDir>/bff/test/support/env-sqlite.js'],
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
    },
  ],
};
