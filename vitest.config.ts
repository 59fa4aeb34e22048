import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/specs/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Servers are started on port 0 and sessions are isolated, so files can run in parallel.
    pool: 'threads',
  },
});
