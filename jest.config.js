/**
 * One jest run covers unit, schema and integration tests. Type checking is `npm run typecheck`
 * (part of `npm test`), so ts-jest only transpiles here, file by file (tsconfig.jest.json sets isolatedModules).
 *
 * Run jest through `npm run jest -- <paths>` (or `npm test`): PGlite loads Node built-ins with dynamic
 * `import()`, which jest only supports under `node --experimental-vm-modules`.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Real-browser tests need Chromium and a build: `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // The limit of each test and hook when it sets none. Start-up dominates most of them: a cold PGlite open and
  // migration takes up to 8 s idle and five times that with every core busy, so the default leaves room for it.
  // A test that waits for an outcome waits with its own shorter timeout (withTimeout, take), which names what is missing.
  testTimeout: 60000,
  maxWorkers: 2,
  // Coverage is collected only with --coverage (npm test passes it); reports go to coverage/ (not in git).
  // src/main.ts runs only as a spawned process (test/integration/main.test.ts), where jest cannot see it
  // (the emulator CLI is also imported by unit tests, so it stays).
  collectCoverageFrom: ['src/**/*.ts', '!src/main.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  // The floor of the whole suite (npm test); a targeted run covers less, so it leaves --coverage out.
  // Measured over the whole embedded suite: 96.3% lines, 83.9% branches, 94.5% functions, 94.0% statements.
  // (Babel's instrumentation: V8's provider took the run from 7.5 to 12.7 minutes converting its reports.)
  coverageThreshold: { global: { lines: 92, statements: 90, functions: 90, branches: 80 } },
};
