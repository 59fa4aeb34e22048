import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';

/** A database of its own on a shared PostgreSQL server. */
export interface TestDatabase {
  /** Its URL, e.g. `postgres://postgres:<password>@127.0.0.1:<port>/test_3f9a0c...` (a `--state` / MFA_SANDBOX_STATE_URL value). */
  url: string;
  name: string;
  /** Drop it, disconnecting whoever is still connected (a replica killed mid-test, a pool not yet closed). */
  drop(): Promise<void>;
}

/**
 * The URL of the PostgreSQL server this vitest run shares, from test/harness/postgres-global-setup.ts. A clear error
 * when the config does not list that globalSetup (a test that needs PostgreSQL must not silently run without it).
 */
export function sharedPostgresUrl(): string {
  const url = inject('postgresUrl');
  if (typeof url !== 'string' || url === '') {
    throw new Error("no shared PostgreSQL server: add test/harness/postgres-global-setup.ts to this vitest config's test.globalSetup");
  }
  return url;
}

/**
 * `CREATE DATABASE test_<random>` on the server at `serverUrl` (by default the run's shared server), so test files
 * running in parallel never see each other's tables.
 *
 * @example
 * const database = await createTestDatabase();
 * const app = await buildApp({ ...config, stateUrl: database.url });
 * afterAll(() => database.drop());
 */
export async function createTestDatabase(serverUrl: string = sharedPostgresUrl()): Promise<TestDatabase> {
  const name = `test_${randomBytes(8).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    // An identifier cannot be a bind parameter; the name is ours (hex), so quoting it is enough.
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
