/**
 * Page tests: React pages rendered in jsdom against small stand-ins for @tarojs/components and
 * @tarojs/taro (test/mocks). The real hosts are covered by the compiled-build and browser suites.
 */
module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  transform: { '^.+\\.(t|j)sx?$': ['babel-jest', { configFile: require.resolve('./test/babel.test.config.js') }] },
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/mocks/taro-components.tsx',
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '^@qdssc/shared$': '<rootDir>/../shared/src/index.ts',
    '\\.(s?css)$': '<rootDir>/test/mocks/style.js',
  },
  setupFiles: ['<rootDir>/test/setup.js'],
};
