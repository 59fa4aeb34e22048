import fc from 'fast-check';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import type { FuzzCommand, SurfaceFuzzModel } from './fuzz-command.js';
import type { FuzzSession, FuzzTarget } from './fuzz-target.js';

/**
 * Run one surface's model against a fuzz target: `runs` random sequences of commands, each in a fresh session, with
 * the model's invariants checked before the first step and after every step. Failures are shrunk by fast-check and
 * come back with the seed and counterexample path that replay them (`replayCommand`).
 */

export interface StatefulFuzzOptions {
  runs: number;
  seed?: number;
  /** fast-check's counterexample path: replays that one failing sequence (with the same seed). */
  path?: string;
  /** fast-check's replayPath of the failing sequence (which commands ran): with seed and path, replays it exactly. */
  replayPath?: string;
  /** The longest sequence (default 40 commands). */
  maxCommands?: number;
}

export interface StatefulFuzzResult {
  surface: SurfaceId;
  ok: boolean;
  seed: number;
  /** The counterexample path of a failure. */
  path?: string;
  /** The commands' replayPath of a failure (see StatefulFuzzOptions.replayPath). */
  replayPath?: string;
  /** Sequences run (a failure's shrinking runs included) and commands executed in them. */
  sequences: number;
  steps: number;
  requests: number;
  durationMs: number;
  /** fast-check's report of a failure: the shrunk sequence of commands and the error. */
  report?: string;
}

/**
 * A replay (`path`, with `replayPath`) that fits no sequence of its seed: fast-check could not walk it, or it walked to
 * nothing and no sequence ran. The flags are wrong, not the mock; a run that checked nothing must not read as ok.
 */
export class ReplayMismatch extends Error {
  override name = 'ReplayMismatch';
}

/** Run every command's step, then the invariants, counting steps. */
function withInvariants<Model extends object>(command: FuzzCommand<Model>, model: SurfaceFuzzModel<Model>, counters: { steps: number }): FuzzCommand<Model> {
  return {
    check: (state) => command.check(state),
    run: async (state: Model, session: FuzzSession) => {
      counters.steps++;
      await command.run(state, session);
      await model.checkInvariants(state, session);
    },
    toString: () => command.toString(),
  };
}

/**
 * @example
 * const result = await runStatefulFuzz(target, flashbackFuzzModel, { runs: 50, seed: 42 });
 * if (!result.ok) console.error(result.report, replayCommand(result));
 */
export async function runStatefulFuzz<Model extends object>(
  target: FuzzTarget,
  model: SurfaceFuzzModel<Model>,
  options: StatefulFuzzOptions,
): Promise<StatefulFuzzResult> {
  const started = performance.now();
  const requestsBefore = target.requests;
  const counters = { sequences: 0, steps: 0 };
  const commands = model.commands.map((arbitrary) => arbitrary.map((command) => withInvariants(command, model, counters)));
  const property = fc.asyncProperty(
    fc.commands(commands, {
      maxCommands: options.maxCommands ?? 40,
      // Long sequences (up to maxCommands) rather than fast-check's small default: states worth reaching take many steps.
      size: 'max',
      ...(options.replayPath === undefined ? {} : { replayPath: options.replayPath }),
    }),
    async (sequence) => {
      counters.sequences++;
      const session = target.openSession(model.surface);
      try {
        const initial = model.initialModel();
        await model.checkInvariants(initial, session);
        await fc.asyncModelRun(() => ({ model: initial, real: session }), sequence);
      } finally {
        await session.close();
      }
    },
  );
  const details = await checkOrReplay(property, options, counters);
  const result: StatefulFuzzResult = {
    surface: model.surface,
    ok: !details.failed,
    seed: details.seed,
    sequences: counters.sequences,
    steps: counters.steps,
    requests: target.requests - requestsBefore,
    durationMs: Math.round(performance.now() - started),
  };
  if (details.failed) {
    if (details.counterexamplePath !== null) result.path = details.counterexamplePath;
    result.report = fc.defaultReportMessage(details) ?? String(details.errorInstance);
    const replayPath = /replayPath="([^"]*)"/.exec(result.report)?.[1];
    if (replayPath !== undefined) result.replayPath = replayPath;
  }
  return result;
}

/** fast-check's run of the property; for a replay, a ReplayMismatch when the path fits no sequence or ran none. */
async function checkOrReplay<Ts extends [unknown]>(
  property: fc.IAsyncProperty<Ts>,
  options: StatefulFuzzOptions,
  counters: { sequences: number },
): Promise<fc.RunDetails<Ts>> {
  const parameters = {
    numRuns: options.runs,
    includeErrorInReport: true,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
  };
  if (options.path === undefined) return fc.check(property, parameters);
  const replay = `seed ${options.seed ?? '(none)'}, path ${options.path}${options.replayPath === undefined ? '' : `, replayPath ${options.replayPath}`}`;
  const advice = 'replay a failure with the --seed, --path and --replay-path it printed';
  let details: fc.RunDetails<Ts>;
  try {
    details = await fc.check(property, parameters);
  } catch (error) {
    // The sequence's own errors are caught as failures; what escapes a replay is fast-check unable to follow the path
    // ("got wrong path", "Too short replayPath", "Mismatch between replayPath and real execution").
    throw new ReplayMismatch(`${replay} matches no sequence (fast-check: ${(error as Error).message}); ${advice}`, { cause: error });
  }
  // A shrink the replayPath leaves no command in (none marked as ran) gives fast-check nothing to run: it reports success.
  if (counters.sequences === 0) throw new ReplayMismatch(`${replay} matches no sequence (none ran); ${advice}`);
  return details;
}

/** The command that replays a failure: the surface, its seed, its counterexample path and the commands' replayPath. */
export function replayCommand(result: Pick<StatefulFuzzResult, 'surface' | 'seed' | 'path' | 'replayPath'>): string {
  const path = result.path ? ` --path ${result.path}` : '';
  const replayPath = result.replayPath ? ` --replay-path '${result.replayPath}'` : '';
  return `npm run fuzz -- --surface ${result.surface} --seed ${result.seed}${path}${replayPath}`;
}
