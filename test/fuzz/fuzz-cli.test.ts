import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutSandboxSettings } from '../harness/clean-env.js';

/**
 * `npm run fuzz` as a user runs it (scripts/stateful-fuzz.ts, a process through tsx): flags that cannot fuzz or replay
 * anything are usage errors, one line on stderr and exit 2, never a stack trace or an "ok" for a run that checked
 * nothing.
 */

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const SCRIPT = join(process.cwd(), 'scripts/stateful-fuzz.ts');

function fuzz(args: string[]) {
  return spawnSync(TSX, [SCRIPT, ...args], { encoding: 'utf8', env: { ...withoutSandboxSettings(), NO_COLOR: '1' }, timeout: 60_000 });
}

/** The run was refused as a usage error saying `what`, and fuzzed nothing. */
function expectRefused(run: ReturnType<typeof fuzz>, what: RegExp): void {
  expect(run.stderr, run.stdout).toMatch(what);
  expect(run.stderr).toMatch(/^stateful-fuzz: .*\n$/);
  expect(run.stdout).not.toMatch(/\bok\b/);
  expect(run.status).toBe(2);
}

// Each run is a fresh Node process through tsx (1-2 s apiece, a few more when it builds the app to replay).
describe('npm run fuzz: replay and length flags', { timeout: 90_000 }, () => {
  it('refuses a --path that is not a counterexample path, saying what one looks like', () => {
    expectRefused(
      fuzz(['--path', 'garbage', '--seed', '42', '--surface', 'flashback']),
      /--path must be a counterexample path, .*\(e\.g\. 12:0:3.*got "garbage"/,
    );
  });

  it('refuses a --path into the shrinks without the --replay-path that makes it replay a sequence', () => {
    expectRefused(fuzz(['--path', '5:0', '--seed', '42', '--surface', 'flashback']), /--path 5:0 .*give the --replay-path/);
  });

  it('refuses a malformed --replay-path, and one without --path, instead of ignoring it', () => {
    expectRefused(
      fuzz(['--path', '5', '--seed', '42', '--surface', 'flashback', '--runs', '2', '--replay-path', 'zz']),
      /--replay-path must be a replayPath .*\(e\.g\. aEf:F\), got "zz"/,
    );
    expectRefused(fuzz(['--seed', '42', '--surface', 'flashback', '--runs', '2', '--replay-path', 'A:A']), /--replay-path .*give --path/);
  });

  it('refuses a well-formed replay that matches no sequence of its seed', () => {
    // n:A is 40 commands none of which ran: the first shrink of sequence 5 keeps none of them, so nothing replays.
    expectRefused(
      fuzz(['--path', '5:0', '--seed', '42', '--surface', 'flashback', '--replay-path', 'n:A']),
      /flashback: seed 42, path 5:0, replayPath n:A matches no sequence \(none ran\); replay a failure with the --seed, --path and --replay-path it printed/,
    );
    // One step further than that (nothing to shrink): fast-check throws, which is told, not its stack trace.
    expectRefused(
      fuzz(['--path', '5:0:3', '--seed', '42', '--surface', 'flashback', '--replay-path', 'n:A']),
      /flashback: seed 42, path 5:0:3, replayPath n:A matches no sequence \(fast-check: Unable to replay/,
    );
  });

  it('refuses --max-commands below 1, as --runs', () => {
    expectRefused(fuzz(['--max-commands', '0', '--runs', '2', '--surface', 'flashback']), /--max-commands must be at least 1/);
    expectRefused(fuzz(['--max-commands=-3', '--runs', '2', '--surface', 'flashback']), /--max-commands must be at least 1/);
  });
});
