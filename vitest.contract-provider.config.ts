import { defineConfig } from 'vitest/config';

/**
 * The provider side of the contract suite, run after the consumer tests have written pacts/: the spec check
 * (test/contract/spec-check) and the Pact verifier replaying every pact against a listening mock
 * (test/contract/provider). `npm run test:contract` runs consumer, spec check and provider as separate steps.
 */
export default defineConfig({
  test: {
    include: ['test/contract/spec-check/**/*.test.ts', 'test/contract/provider/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Pact's native verifier is loaded per process; forks keep verifications apart.
    pool: 'forks',
    env: { PACT_DO_NOT_TRACK: 'true' },
    globalSetup: ['test/harness/cache-dir-global-setup.ts'],
  },
});
