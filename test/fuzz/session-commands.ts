import fc from 'fast-check';
import { setUserLocked, switchScenario } from './fuzz-admin.js';
import { fuzzCommand, replaceModel, type CodeLedger, type FuzzCommand } from './fuzz-command.js';

/** What every surface's model keeps about the session itself, beside the vendor's state. */
export interface SessionModel<Scenario extends string> {
  scenario: Scenario;
  /** Bumped by each scenario switch, so codes of an earlier world never count against a later one. */
  generation: number;
  locked: boolean;
  ledger: CodeLedger;
  /** The scenario's attempt limit (`lockout: { afterFailedAttempts }`), if it has one. */
  lockoutAfter?: number;
  /** Wrong codes in a row under that limit. */
  failedAttempts?: number;
  /** How long the limit's lock lasts (`lockout.lockedForSeconds`), if it ends by itself. */
  lockedForMs?: number;
  /** When the lock the limit set runs out, on the session's clock; undefined for QA's lock. */
  lockedUntilMs?: number;
}

/**
 * A code attempt's verdict under the scenario's attempt limit, as the sandbox counts it: a wrong code adds one and the
 * limit-th locks the user; an accepted code starts again. Call it only for answers that checked a code.
 */
export function countCodeAttempt(model: SessionModel<string>, accepted: boolean, nowMs?: number): void {
  if (model.lockoutAfter === undefined) return;
  model.failedAttempts = accepted ? 0 : (model.failedAttempts ?? 0) + 1;
  if (model.failedAttempts < model.lockoutAfter || model.locked) return;
  model.locked = true;
  if (model.lockedForMs === undefined) return;
  if (nowMs === undefined) throw new Error('a lockout with an end needs the time of the attempt');
  model.lockedUntilMs = nowMs + model.lockedForMs;
}

/** A lock whose end has passed is lifted, the count with it, as QA's unlock does. */
function liftEndedLock(model: SessionModel<string>, nowMs: number): void {
  if (!model.locked || model.lockedUntilMs === undefined || nowMs < model.lockedUntilMs) return;
  model.locked = false;
  model.failedAttempts = 0;
  model.lockedUntilMs = undefined;
}

export interface SessionCommandsOptions<Scenario extends string, Model extends SessionModel<Scenario>> {
  /** The user QA locks and unlocks through the admin API. */
  userId: string;
  scenarios: readonly Scenario[];
  /** The model of a session that has just switched to `scenario`. */
  scenarioModel: (scenario: Scenario, generation: number, ledger: CodeLedger) => Model;
  /** The steps the clock may move by. */
  clockStepsMs: readonly number[];
}

/**
 * The commands every surface's sequences share, all through the admin API or the clock: lock or unlock the user,
 * switch the session's scenario (the model starts afresh), and move the clock on.
 *
 * @example
 * const commands = [...lerianCommands, ...sessionCommands({ userId: JOHN, scenarios: SCENARIOS, scenarioModel, clockStepsMs: [30_000] })];
 */
export function sessionCommands<Scenario extends string, Model extends SessionModel<Scenario>>(
  options: SessionCommandsOptions<Scenario, Model>,
): Array<fc.Arbitrary<FuzzCommand<Model>>> {
  return [
    fuzzCommand('lock', fc.boolean(), {
      run: async (model: Model, session, locked) => {
        await setUserLocked(session, options.userId, locked, model.scenario);
        model.locked = locked;
        // QA's lock has no end; QA's unlock also clears the count of a scenario's attempt limit.
        model.lockedUntilMs = undefined;
        if (!locked) model.failedAttempts = 0;
      },
    }),
    fuzzCommand('switchScenario', fc.constantFrom(...options.scenarios), {
      run: async (model: Model, session, scenario) => {
        await switchScenario(session, scenario);
        replaceModel(model, options.scenarioModel(scenario, model.generation + 1, model.ledger));
      },
    }),
    fuzzCommand('advanceClock', fc.constantFrom(...options.clockStepsMs), {
      run: async (model: Model, session, ms) => {
        session.clock.advance(ms);
        liftEndedLock(model, session.clock.now());
      },
    }),
  ];
}
