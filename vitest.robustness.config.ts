import { defineConfig } from 'vitest/config';

/**
 * The robustness suite (`npm run test:robustness`, also part of `npm test`): Prism as an independent oracle, spec-driven
 * fuzzing and a concurrency soak. Each file drives real processes or hundreds of concurrent sessions, so the files run
 * one after another (two cores), in forked processes; `--expose-gc` lets the soak measure memory after a collection.
 */
export default defineConfig({
  test: {
    include: ['test/robustness/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    execArgv: ['--expose-gc'],
    fileParallelism: false,
    globalSetup: ['test/harness/cache-dir-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
