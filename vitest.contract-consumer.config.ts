import { defineConfig } from 'vitest/config';

/**
 * Pact consumer tests (test/contract/consumer): each surface's consumer client against Pact's mock server, writing
 * pacts/. A separate run from provider verification, which needs the finished pact files (`npm run test:contract`).
 */
export default defineConfig({
  test: {
    include: ['test/contract/consumer/**/*.test.ts'],
    globalSetup: ['test/contract/consumer/remove-stale-pacts.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Pact's native library is loaded per process; forks keep each surface's mock servers apart.
    pool: 'forks',
    // Offline: never send Pact usage data anywhere.
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
