import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import type { FuzzSession } from './fuzz-target.js';

/**
 * The pieces every surface's model is made of: a command (an operation with its generated arguments, run against the
 * model and the real session at once), the invariants checked after every step, and the ledger that proves no code is
 * accepted twice.
 */

/** A fast-check command over a surface model and a fuzz session. */
export type FuzzCommand<Model extends object> = fc.AsyncCommand<Model, FuzzSession>;

/** One surface's model: where a sequence starts, what it may do, and what must hold after every step. */
export interface SurfaceFuzzModel<Model extends object> {
  surface: SurfaceId;
  /** The model of a fresh session (the default scenario). */
  initialModel(): Model;
  commands: Array<fc.Arbitrary<FuzzCommand<Model>>>;
  /** Compare the model with what the vendor's own status operation(s) say; throws on disagreement. */
  checkInvariants(model: Model, session: FuzzSession): Promise<void>;
}

/** The model and the mock disagree. */
export class ModelMismatch extends Error {
  override name = 'ModelMismatch';
}

/** Throw a ModelMismatch naming `what` unless `actual` deep-equals `expected`. */
export function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new ModelMismatch(`${what}: the mock says ${JSON.stringify(actual)}, the model expects ${JSON.stringify(expected)}`);
  }
}

/**
 * A command named `name` with arguments drawn from `args`. `check` says whether it applies to the model (default:
 * always); `run` sends it, compares the answer with the model's prediction and updates the model.
 *
 * @example
 * fuzzCommand('advanceClock', fc.constantFrom(30_000, 90_000), { run: async (_model, session, ms) => session.clock.advance(ms) })
 */
export function fuzzCommand<Model extends object, Args>(
  name: string,
  args: fc.Arbitrary<Args>,
  step: { check?: (model: Readonly<Model>, args: Args) => boolean; run: (model: Model, session: FuzzSession, args: Args) => Promise<void> },
): fc.Arbitrary<FuzzCommand<Model>> {
  return args.map((value) => ({
    check: (model: Readonly<Model>) => step.check?.(model, value) ?? true,
    run: (model: Model, session: FuzzSession) => step.run(model, session, value),
    toString: () => `${name}(${value === undefined ? '' : JSON.stringify(value)})`,
  }));
}

/**
 * One drawn command sent `times` times in a row, the invariants checked after the last: several wrong codes in a row
 * reach a scenario's attempt limit (`lockout`), which single commands between other steps rarely do.
 *
 * @example
 * inARow(verifyLoginCommand, fc.integer({ min: 2, max: 5 })) // "verifyLoginTotp({...}) x3"
 */
export function inARow<Model extends object>(command: fc.Arbitrary<FuzzCommand<Model>>, times: fc.Arbitrary<number>): fc.Arbitrary<FuzzCommand<Model>> {
  return fc.tuple(command, times).map(([one, count]) => ({
    check: (model: Readonly<Model>) => one.check(model),
    run: async (model: Model, session: FuzzSession) => {
      for (let sent = 0; sent < count; sent++) await one.run(model, session);
    },
    toString: () => `${one.toString()} x${count}`,
  }));
}

/**
 * The longest a model moves the clock in one step: under the default session TTL (30 minutes idle), since every step
 * ends with a status read that keeps the session alive. Longer waits are several steps.
 */
export const MAX_CLOCK_STEP_MS = 20 * 60_000;

/** Make `model` (the object fast-check holds) the `fresh` one: a scenario switch starts the session afresh. */
export function replaceModel<Model extends object>(model: Model, fresh: Model): void {
  for (const key of Object.keys(model)) delete (model as Record<string, unknown>)[key];
  Object.assign(model, fresh);
}

/**
 * Every code a sequence saw accepted (a TOTP code as secret and time step, a recovery code, an e-mailed code, a
 * magic-link token, a signed request): one accepted twice is a replay the mock let through.
 */
export class CodeLedger {
  private readonly accepted = new Set<string>();

  /** Record an acceptance; throws when this code was accepted before. */
  accept(key: string, what: string): void {
    if (this.accepted.has(key)) throw new ModelMismatch(`${what}: accepted a code that was accepted before (${key})`);
    this.accepted.add(key);
  }

  /** Whether the code was accepted before (a replay must be refused). */
  has(key: string): boolean {
    return this.accepted.has(key);
  }
}
