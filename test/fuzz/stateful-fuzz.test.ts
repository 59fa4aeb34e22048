import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';
import { FUZZ_MODELS } from './fuzz-models.js';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.js';
import { replayCommand, runStatefulFuzz } from './run-stateful-fuzz.js';

/**
 * The quick, seeded run of the stateful fuzz inside the normal test run: per surface, RUNS random sequences of
 * operations against the surface's model, each in its own session of one app, invariants checked after every step
 * (status agrees with the model, a disabled factor never verifies, no code accepted twice, every answer valid
 * against its spec and no sandbox fault). The long run is `npm run fuzz -- --runs <n>`; a failure here prints the
 * command that replays it. It runs on both state stores: the embedded memory store, and PostgreSQL (a database of
 * its own on the run's PostgreSQL server), where every step is a unit of work saved and read back through SQL.
 */

const SEED = 20261201;
const RUNS = 150;

const STORES = ['memory', 'postgres'] as const;
const RUNS_PER_STORE = { memory: RUNS, postgres: RUNS / 3 };

describe.each(STORES)('stateful fuzz on the %s store', (store) => {
  const runs = RUNS_PER_STORE[store];
  let target: FuzzTarget;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = store === 'postgres' ? await createTestDatabase() : undefined;
    target = await createFuzzTarget(database ? { env: { MFA_SANDBOX_STATE_URL: database.url } } : {});
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    await database?.drop();
  });

  describe.each(SURFACE_IDS)('%s', (surface) => {
    it(`${runs} seeded sequences agree with the model, step by step`, async () => {
      const result = await runStatefulFuzz(target, FUZZ_MODELS[surface], { runs, seed: SEED });
      expect(result.ok, `${result.report}\nreplay: ${store === 'postgres' ? 'MFA_SANDBOX_STATE_URL=<url> ' : ''}${replayCommand(result)}`).toBe(true);
      expect(result.sequences).toBe(runs);
      // Sequences of real length, not a run of empty ones that would check nothing.
      expect(result.steps).toBeGreaterThan(runs * 10);
      console.log(
        `stateful fuzz ${surface} (${store}): ${result.sequences} sequences, ${result.steps} steps, ${result.requests} requests in ${result.durationMs} ms`,
      );
    }, 90_000);
  });
});
