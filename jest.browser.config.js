/**
 * `npm run test:browser`: the real-browser tests (test/browser/), not part of `npm test`. They drive Debian's
 * Chromium (/usr/bin/chromium) with playwright-core against the real sandbox gateway, and need the board built
 * (`npm run build`). One worker: every test runs a browser and a gateway.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
