/**
 * One jest run over every suite but the browser ones (those run after, see scripts/test.mjs).
 * The BFF's `*.db.test.ts` files run twice: on SQLite and on MySQL/MariaDB.
 */
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const esmOnly = ['kdbush', 'geokdbush', 'quickselect', 'tinyqueue', 'rbush', 'gcoord', 'sm-crypto-v2'];

const node = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: { '^@qdssc/shared$': '<rootDir>/shared/src/index.ts' },
  rootDir: __dirname,
};

module.exports = {
  testTimeout: 20_000,
  projects: [
    { ...node, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.test.ts'] },
    {
      ...node,
      displayName: 'bff:sqlite',
      testMatch: ['<rootDir>/bff/{src,sandbox,test}/**/*.test.ts'],
      setupFiles: ['<rootDir>/bff/test/support/env-sqlite.js'],
      globalSetup: '<rootDir>/bff/test/support/redis-global-setup.js',
    },
    {
      ...node,
      displayName: 'bff:mysql',
      testMatch: ['<rootDir>/bff/{src,sandbox,test}/**/*.db.test.ts'],
      setupFiles: ['<rootDir>/bff/test/support/env-mysql.js'],
      globalSetup: '<rootDir>/bff/test/support/mysql-global-setup.js',
    },
    require(path.join(__dirname, 'miniapp/jest.config.js')),
  ],
};
