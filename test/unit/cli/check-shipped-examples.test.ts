import { expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { runCacheDir } from '../../harness/clean-env.js';

/**
 * `check` holds the specs it reads from the package's own `specs/` to their examples too, as it does a copy given
 * with --specs: a contributor who broke an example there was told `ok` (a contributor tour), and heard of it only
 * from the spec test. A start does not pay for it (~130 ms; the spec test holds the shipped specs to it).
 *
 * The example check itself is the one a --specs copy gets (test/integration/cli.test.ts): here it reports one
 * problem for any spec, which shows who asked for it.
 */
const calls = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/openapi/example-checks.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/openapi/example-checks.js')>();
  return {
    ...actual,
    toInvalidExamples: () => {
      calls.count++;
      return [{ pointer: '/paths/~1mfa~1status/get/responses/200/content/application~1json/examples/documented', message: 'refused on purpose' }];
    },
  };
});

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { io: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line), isTty: false }, lines };
}

it('checks the examples of the specs in the package, which serve does not', async () => {
  const checked = capture();
  expect(await runCli(['check', '--surface', 'flashback'], runCacheDir(), checked.io)).toBe(1);
  expect(checked.lines.out).toEqual([]);
  expect(checked.lines.err.join('\n')).toMatch(/flashback\.openapi\.yaml#\/paths\/~1mfa~1status\/get\/responses\/200\/.*: refused on purpose/);
  expect(calls.count).toBe(1);

  const served = capture();
  const running = await runCli(['serve', '--surface', 'flashback', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'], runCacheDir(), served.io);
  if (typeof running === 'number') throw new Error(`serve exited ${running}: ${served.lines.err.join('\n')}`);
  try {
    expect(calls.count).toBe(1);
  } finally {
    await running.app.close();
  }
});
