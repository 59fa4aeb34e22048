/**
 * `npm run test:contract`: the Pact contract suite as three separate runs, in order, and how long each took.
 *
 *   1. consumer    test/contract/consumer   consumer clients against Pact's mock server; writes pacts/ (its global
 *                                           setup deletes pacts/ first, so no stale interaction is merged in)
 *   2. spec check  test/contract/spec-check every pact against its surface's spec (openapi-pact-comparator)
 *   3. provider    test/contract/provider   the Pact verifier replays every pact against a listening mock, and
 *                                           `mfa-sandbox verify` runs as a process
 *
 * Separate runs because verification needs the finished pact files. Offline: PACT_DO_NOT_TRACK=true.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = join(root, 'node_modules/.bin/vitest');

const steps = [
  { name: 'consumer', args: ['run', '--config', 'vitest.contract-consumer.config.ts'] },
  { name: 'spec check', args: ['run', '--config', 'vitest.contract-provider.config.ts', 'test/contract/spec-check'] },
  { name: 'provider', args: ['run', '--config', 'vitest.contract-provider.config.ts', 'test/contract/provider'] },
];

const started = performance.now();
const timings: string[] = [];
for (const step of steps) {
  const stepStarted = performance.now();
  const result = spawnSync(vitest, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
  timings.push(`${step.name} ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`contract suite: the ${step.name} step failed (${timings.join(', ')})`);
    process.exit(result.status ?? 1);
  }
}
console.log(`contract suite passed in ${((performance.now() - started) / 1000).toFixed(1)} s (${timings.join(', ')})`);
