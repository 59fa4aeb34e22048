import type { TestProject } from 'vitest/node';
import { startPostgres } from './embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The superuser URL of the one PostgreSQL server this vitest run shares (test/harness/postgres-global-setup.ts). */
    postgresUrl: string;
  }
}

/**
 * vitest globalSetup: one PostgreSQL server for the whole run (initdb and start cost about 1-2 s; paid once, not per
 * test file), its URL provided to the test files as `inject('postgresUrl')`. Each test file makes its own database
 * on it (`createTestDatabase`, test/harness/postgres-test-database.ts). The returned teardown stops the server and
 * deletes its data, whether tests passed or failed; if vitest itself is killed, the server's watchdog does it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.close();
}
