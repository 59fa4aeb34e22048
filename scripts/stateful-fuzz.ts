/**
 * `npm run fuzz -- [--runs <n>] [--seed <s>] [--surface <id>] [--path <p> [--replay-path <r>]] [--max-commands <n>]`: the long run of the
 * stateful, model-based fuzz (test/fuzz/): per surface, `runs` random sequences of operations (default 1000), each in
 * a fresh session of one app built once, invariants checked after every step. Prints per surface the sequences and
 * steps run; on a failure the shrunk sequence, the surface, seed and counterexample path, and the exact command that
 * replays it, and exits 1.
 *
 * The app is built from this process's environment (`loadConfig(process.env)`), so a state store named there (e.g.
 * MFA_SANDBOX_STATE_URL) is the one fuzzed; logging is silent unless LOG_LEVEL says otherwise.
 */
import { parseArgs } from 'node:util';
import { isSurfaceId, SURFACE_IDS, type SurfaceId } from '../src/surfaces/registry.js';
import { FUZZ_MODELS } from '../test/fuzz/fuzz-models.js';
import { createFuzzTarget } from '../test/fuzz/fuzz-target.js';
import { ReplayMismatch, replayCommand, runStatefulFuzz } from '../test/fuzz/run-stateful-fuzz.js';

const USAGE = `npm run fuzz -- [options]

  --runs <n>           random sequences per surface (default 1000)
  --seed <s>           the first sequence's seed (default: a fresh one, printed)
  --surface <id>       fuzz one surface (${SURFACE_IDS.join(', ')}); default all
  --path <p>           replay one failure: its counterexample path (e.g. 12:0:3), with its --seed, --surface and --replay-path
  --replay-path <r>    with --path: which commands of the sequence ran (e.g. aEf:F); a failure prints both
  --max-commands <n>   the most commands in one sequence, at least 1 (default 40)
  -h, --help           print this text`;

/** The flags, or `--help`'s usage and exit 0, or one line and exit 2 for a flag it does not know (no stack trace). */
function readFlags() {
  try {
    return parseArgs({
      options: {
        runs: { type: 'string', default: '1000' },
        seed: { type: 'string' },
        surface: { type: 'string' },
        path: { type: 'string' },
        'replay-path': { type: 'string' },
        'max-commands': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message} (npm run fuzz -- --help lists the options)`);
  }
}

const values = readFlags();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function fail(message: string): never {
  console.error(`stateful-fuzz: ${message}`);
  process.exit(2);
}

function toInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) fail(`--${name} must be an integer, got "${raw}"`);
  return value;
}

/**
 * fast-check's replayPath of a command sequence, as a failure prints it: one base-64 digit per run of same flags
 * (ran or not), ':', then those runs' flags six to a digit.
 */
function isReplayPath(text: string): boolean {
  const parts = /^([A-Za-z0-9+/]*):([A-Za-z0-9+/]*)$/.exec(text);
  return parts !== null && parts[2]!.length === Math.ceil(parts[1]!.length / 6);
}

/**
 * Refuse, before the app is built, a --path or --replay-path that cannot replay anything: fast-check would throw a
 * stack trace at a malformed one, or replay no sequence and report ok.
 */
function checkReplayFlags(path: string | undefined, replayPath: string | undefined): void {
  if (replayPath !== undefined && path === undefined) fail('--replay-path replays one failure with its --path: give --path, --surface and --seed too');
  if (path === undefined) return;
  if (!/^\d+(:\d+)*$/.test(path)) fail(`--path must be a counterexample path, integers joined by ":" (e.g. 12:0:3, printed with a failure), got "${path}"`);
  if (replayPath !== undefined && !isReplayPath(replayPath))
    fail(`--replay-path must be a replayPath as printed with a failure (e.g. aEf:F), got "${replayPath}"`);
  // After its first number a path walks the failure's shrinks, and a sequence shrinks only to commands that ran, which
  // the replayPath records: without it fast-check finds no sequence.
  if (path.includes(':') && replayPath === undefined) fail(`--path ${path} walks a failure's shrinks: give the --replay-path printed with it too`);
}

const runs = toInteger('runs', values.runs)!;
if (runs < 1) fail('--runs must be at least 1');
const maxCommands = toInteger('max-commands', values['max-commands']);
// Sequences of no command check only a fresh session: the run would report ok having fuzzed nothing.
if (maxCommands !== undefined && maxCommands < 1) fail('--max-commands must be at least 1');
// One seed for every surface, drawn here when not given, so a run is always replayable from what it prints.
const seed = toInteger('seed', values.seed) ?? (Math.random() * 0x7fffffff) | 0;
if (values.surface !== undefined && !isSurfaceId(values.surface)) fail(`unknown surface "${values.surface}"; known: ${SURFACE_IDS.join(', ')}`);
if (values.path !== undefined && (values.surface === undefined || values.seed === undefined))
  fail('--path replays one failure: give its --surface and --seed too');
checkReplayFlags(values.path, values['replay-path']);
const surfaces: SurfaceId[] = values.surface === undefined ? [...SURFACE_IDS] : [values.surface];

const target = await createFuzzTarget({ env: process.env });
let failed = false;
let refused: ReplayMismatch | undefined;
const started = performance.now();
try {
  for (const surface of surfaces) {
    const result = await runStatefulFuzz(target, FUZZ_MODELS[surface], {
      runs,
      seed,
      ...(values.path === undefined ? {} : { path: values.path }),
      ...(values['replay-path'] === undefined ? {} : { replayPath: values['replay-path'] }),
      ...(maxCommands === undefined ? {} : { maxCommands }),
    });
    const figures = `${result.sequences} sequences, ${result.steps} steps, ${result.requests} requests in ${(result.durationMs / 1000).toFixed(1)} s`;
    if (result.ok) {
      console.log(`${surface}: ok, ${figures} (seed ${result.seed})`);
      continue;
    }
    failed = true;
    console.log(`${surface}: FAILED after ${figures}`);
    console.log(result.report);
    console.log(`surface: ${surface}\nseed: ${result.seed}\npath: ${result.path ?? '(none)'}\nreplayPath: ${result.replayPath ?? '(none)'}`);
    console.log(`replay: ${replayCommand(result)}`);
  }
} catch (error) {
  // Replay flags that fit no sequence are a usage error (exit 2), told once the app is closed.
  if (!(error instanceof ReplayMismatch)) throw error;
  refused = error;
} finally {
  await target.close();
}
if (refused) fail(`${surfaces.join(', ')}: ${refused.message}`);
console.log(`${failed ? 'FAILED' : 'ok'}: ${surfaces.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
