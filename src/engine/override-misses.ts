import { toConditionMiss, type ConditionMiss } from './condition-miss.js';
import type { Scenario, ScenarioOverride } from './scenario.js';
import type { RequestParts } from './override-conditions.js';
import { isOverrideUsedUp, isOverrideWaiting, type SessionOverride } from './session-overrides.js';

/** An override whose `when` a request did not fit, and the first condition it missed. */
export interface OverrideMiss extends ConditionMiss {
  /** Which override: a session override's id (`ov-3`), or a scenario's `<scenario>#/overrides/<index>`. */
  override: string;
}

/** A journal entry names a few: enough to see a typo, not a copy of a session with hundreds of overrides. */
export const MISSES_KEPT = 5;

/**
 * How the journal names an override: a session override by its id, a scenario's by its file's JSON pointer.
 *
 * @example
 * toOverrideName(scenario.overrides[1], scenario); // 'bob-fails#/overrides/1'
 */
export function toOverrideName(override: ScenarioOverride, scenario: Scenario): string {
  const id = (override as { id?: unknown }).id;
  return typeof id === 'string' ? id : `${scenario.name}#/overrides/${scenario.overrides.indexOf(override)}`;
}

/**
 * The overrides the sandbox tried for this request before the one that answered (all it tried, when none did) whose
 * `when` the request did not fit, in the order it tries them: the session's newest first (its exact operation, then
 * `*`), then the scenario's in file order (exact, then `*`). A used-up session override is listed as any other, with
 * the condition the request missed, or at `/times` when it fitted (it would have answered: "my override worked once,
 * then stopped"); one still waiting (`after`) likewise, at `/after` when it fitted ("it lets this one go by").
 *
 * @example
 * findOverrideMisses({ session: session.overrides, scenario, surface: 'flashback', operationId: 'verifyMFALogin', request: parts, answered: undefined });
 * // [{ override: 'ov-2', pointer: '/when/body/code', expected: '"000000"', received: '"123456"' },
 * //  { override: 'ov-1', pointer: '/times', expected: 'at most 1 answer', received: '1 answer given' }]
 */
export function findOverrideMisses(lookup: {
  session: readonly SessionOverride[] | undefined;
  scenario: Scenario;
  surface: string;
  operationId: string;
  request: RequestParts;
  answered: ScenarioOverride | undefined;
}): OverrideMiss[] {
  const { session = [], scenario, surface, operationId, request, answered } = lookup;
  const misses: OverrideMiss[] = [];
  /** Note `override`'s miss, if it has one; false once the walk reaches the override that answered. */
  const tried = (override: ScenarioOverride): boolean => {
    if (override === answered) return false;
    const miss = misses.length < MISSES_KEPT ? toConditionMiss(override.when, request) : undefined;
    if (miss) misses.push({ override: toOverrideName(override, scenario), ...miss });
    return true;
  };
  /** Note why a used-up or waiting override did not answer: the condition the request missed, else its count. */
  const notYetOrNoMore = (override: SessionOverride, counted: ConditionMiss): void => {
    if (misses.length >= MISSES_KEPT) return;
    misses.push({ override: override.id, ...(toConditionMiss(override.when, request) ?? counted) });
  };
  for (const wanted of [operationId, '*']) {
    for (let index = session.length - 1; index >= 0; index--) {
      const override = session[index]!;
      if (override.surface !== surface || override.operationId !== wanted) continue;
      if (isOverrideUsedUp(override))
        notYetOrNoMore(override, { pointer: '/times', expected: `at most ${answers(override.times!)}`, received: `${answers(override.used)} given` });
      else if (isOverrideWaiting(override))
        notYetOrNoMore(override, {
          pointer: '/after',
          expected: `answers after ${requests(override.after!)}`,
          received: `${requests(override.passed ?? 0)} let go by before this one`,
        });
      else if (!tried(override)) return misses;
    }
  }
  for (const wanted of [operationId, '*']) {
    for (const override of scenario.overrides) if (override.operationId === wanted && !tried(override)) return misses;
  }
  return misses;
}

function answers(count: number): string {
  return count === 1 ? '1 answer' : `${count} answers`;
}

function requests(count: number): string {
  return count === 1 ? '1 request' : `${count} requests`;
}
