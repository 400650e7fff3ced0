/** Jest runs the TypeScript sources directly; `npm test` type-checks them first with tsc. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/contract-tests'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testMatch: ['**/*.test.ts'],
  // Several tests start the built server or run the contract suite as child processes; on a busy 2-core
  // CI machine they need more than jest's 5 s default.
  testTimeout: 20_000,
};
