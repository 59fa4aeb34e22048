import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { FUZZ_MODELS } from './fuzz-models.js';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.js';
import { replayCommand, runStatefulFuzz } from './run-stateful-fuzz.js';

/**
 * The quick, seeded run of the stateful fuzz inside the normal test run: per surface, RUNS random sequences of
 * operations against the surface's model, each in its own session of one app, invariants checked after every step
 * (status agrees with the model, a disabled factor never verifies, no code accepted twice, every answer valid
 * against its spec and no sandbox fault). The long run is `npm run fuzz -- --runs <n>`; a failure here prints the
 * command that replays it.
 */

const SEED = 20261201;
const RUNS = 150;

let target: FuzzTarget;
beforeAll(async () => {
  target = await createFuzzTarget();
});
afterAll(async () => {
  await target.close();
});

describe.each(SURFACE_IDS)('stateful fuzz: %s', (surface) => {
  it(`${RUNS} seeded sequences agree with the model, step by step`, async () => {
    const result = await runStatefulFuzz(target, FUZZ_MODELS[surface], { runs: RUNS, seed: SEED });
    expect(result.ok, `${result.report}\nreplay: ${replayCommand(result)}`).toBe(true);
    expect(result.sequences).toBe(RUNS);
    // Sequences of real length, not a run of empty ones that would check nothing.
    expect(result.steps).toBeGreaterThan(RUNS * 10);
    console.log(`stateful fuzz ${surface}: ${result.sequences} sequences, ${result.steps} steps, ${result.requests} requests in ${result.durationMs} ms`);
  }, 60_000);
});
