/** Jest: TypeScript through esbuild (test/esbuild-transform.js); types are checked by `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js' },
  testTimeout: 60000,
  // Finds (or unpacks, once per machine) the browser before any test's timeout starts.
  globalSetup: '<rootDir>/test/ui/chromium-setup.mjs',
};
