import { defineConfig } from 'vitest/config';

/**
 * The benchmark's smoke test (`npm run test:bench`, the last step of `npm test`): it loads the machine for about half a
 * minute, so it runs on its own, after the other suites, instead of beside their tests.
 */
export default defineConfig({
  test: {
    include: ['test/bench/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 120_000,
    globalSetup: ['test/harness/cache-dir-global-setup.ts'],
  },
});
