/** Jest runs the TypeScript sources directly; `npm test` type-checks them first with tsc. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/contract-tests'],
  transform: { '^.+\\.ts$': 'ts-jest', '/node_modules/.+\\.m?js$': '<rootDir>/test/helpers/esm-to-cjs-transform.js' },
  // Only ES modules are rewritten: the packages msw depends on, and authentik's 2025.8.1 client, whose package
  // ships its CommonJS entry without dist/index.js (its ES build, dist/esm/, is whole). Every other package loads as it is.
  transformIgnorePatterns: ['/node_modules/(?!(rettime|until-async|@open-draft/deferred-promise|@goauthentik/api-2025\\.8)/)'],
  testMatch: ['**/*.test.ts'],
  // The browser tests' Chromium, decompressed once before the workers start (test/helpers/chromium.ts).
  globalSetup: '<rootDir>/test/helpers/chromium-global-setup.ts',
  // Several tests start the built server or run the contract suite as child processes; on a busy 2-core
  // CI machine they need more than jest's 5 s default.
  testTimeout: 20_000,
  // Two workers on CI's two cores: many suites wait on sockets, child processes and Chromium, so the second
  // worker gains about a fifth of the run (jest's default is one worker fewer than the cores).
  maxWorkers: 2,
};
