import { DEFAULT_CONFIG } from '../../src/config.js';
import { createTestDatabase } from './postgres-test-database.js';
import { createTestSandbox, type TestSandbox } from './test-sandbox.js';

/** Two replicas of the sandbox (two apps) sharing one fresh test database, as a deployment behind a load balancer. */
export interface ReplicaPair {
  a: TestSandbox;
  b: TestSandbox;
  /** Close both apps, then drop the database. */
  close(): Promise<void>;
}

/** Start two apps on a database of their own on the test run's PostgreSQL. */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const database = await createTestDatabase();
  const a = await createTestSandbox({ ...DEFAULT_CONFIG, stateUrl: database.url });
  const b = await createTestSandbox({ ...DEFAULT_CONFIG, stateUrl: database.url });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await database.drop();
    },
  };
}
