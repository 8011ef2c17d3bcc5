/**
 * The compiled WeChat build under miniprogram-simulate (see test/weapp/). Standalone: it needs
 * jsdom and miniapp/dist/weapp, which the other suites do not. Run after building weapp:
 *   npx jest -c test/jest.weapp.config.js
 */
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  displayName: 'weapp',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/weapp/**/*.test.{js,ts}'],
  // Plain CommonJS tests loading already-compiled code: nothing to transform.
  transform: {},
  testTimeout: 20_000,
};
