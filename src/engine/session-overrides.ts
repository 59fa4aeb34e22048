import { SandboxError } from '../errors.js';
import { fitsConditions, type RequestParts } from './override-conditions.js';
import type { ScenarioOverride } from './scenario.js';
import type { SessionState } from './session-registry.js';

/** What a caller adds: a scenario override plus the surface it applies to and, optionally, how often it answers. */
export interface SessionOverrideInput extends ScenarioOverride {
  /** The surface whose operation (or every operation, `*`) it answers. */
  surface: string;
  /** Answer only this many requests, then stop applying (kept in the list, `used === times`). */
  times?: number;
  /**
   * Let this many requests that fit it go by first (answered as if it were not there), then answer: `after: 2` scripts
   * the third call. Every fitting request counts, whatever answers it: QA counts calls, as a client makes them.
   */
  after?: number;
}

/** A runtime override as the session keeps it (plain JSON, so any state store can hold it). */
export interface SessionOverride extends SessionOverrideInput {
  /** `ov-<n>`, unique within the session. */
  id: string;
  /** How many requests it has answered so far. */
  used: number;
  /** With `after`: how many fitting requests it has let go by so far (it answers once this reaches `after`). */
  passed?: number;
  createdAt: string;
}

/** The session's runtime overrides, oldest first (an old stored session has none). */
export function sessionOverridesOf(session: SessionState): SessionOverride[] {
  return session.overrides ?? [];
}

/** Answered its `times` requests: it answers no more, and stays listed (the newest USED_UP_KEPT such). */
export function isOverrideUsedUp(override: SessionOverride): boolean {
  return override.times !== undefined && override.used >= override.times;
}

/** Still letting fitting requests go by: fewer than `after` have. */
export function isOverrideWaiting(override: SessionOverride): boolean {
  return override.after !== undefined && (override.passed ?? 0) < override.after;
}

/** Answers the next request it fits: neither used up nor still waiting. */
export function isOverrideActive(override: SessionOverride): boolean {
  return !isOverrideUsedUp(override) && !isOverrideWaiting(override);
}

/**
 * How many overrides that are not used up a session holds: every one could be a megabyte body, and nothing bounded
 * them (300 posts of one made a 300 MB session, and its export an answer of 300 MB). Used-up ones are bounded apart
 * (USED_UP_KEPT).
 */
export const MAX_HELD_OVERRIDES = 100;

/**
 * Store a checked override in the session (inside its unit of work) and return it. Ids count up per session and are
 * never reused, so a removed id stays unknown.
 *
 * @example
 * addSessionOverride(session, { surface: 'flashback', operationId: 'verifyMFALogin', status: 401, times: 1 }, '2026-01-01T00:00:00.000Z').id // 'ov-1'
 */
export function addSessionOverride(session: SessionState, input: SessionOverrideInput, createdAt: string): SessionOverride {
  const held = (session.overrides ?? []).filter((override) => !isOverrideUsedUp(override)).length;
  if (held >= MAX_HELD_OVERRIDES) {
    const reason = `the session already holds ${held} overrides that are not used up, the most it keeps: remove some (DELETE .../overrides/{id}, or all of them), or give overrides times so they are used up`;
    throw new SandboxError('MOCK_ERR_INVALID_OVERRIDE', `The override was not stored: ${reason}`, { problems: [{ pointer: '', reason }] });
  }
  const serial = (session.overridesAdded ?? 0) + 1;
  session.overridesAdded = serial;
  const stored: SessionOverride = { id: `ov-${serial}`, ...structuredClone(input), used: 0, ...(input.after === undefined ? {} : { passed: 0 }), createdAt };
  const overrides = (session.overrides ??= []);
  overrides.push(stored);
  forgetOldUsedUp(overrides);
  return stored;
}

/**
 * Used-up overrides stay listed so QA can see they answered, the newest USED_UP_KEPT of them: a CI job that scripts a
 * `times: 1` failure per test otherwise grows its session's list (and the cost of every request's lookup) for good.
 * Active overrides are never dropped.
 */
export const USED_UP_KEPT = 100;

function forgetOldUsedUp(overrides: SessionOverride[]): void {
  let usedUp = 0;
  for (let index = overrides.length - 1; index >= 0; index--) {
    if (!isOverrideUsedUp(overrides[index]!)) continue;
    if (++usedUp > USED_UP_KEPT) overrides.splice(index, 1);
  }
}

/** Remove one override by id; false when the session has none of that id. */
export function removeSessionOverride(session: SessionState, id: string): boolean {
  const overrides = sessionOverridesOf(session);
  const index = overrides.findIndex((override) => override.id === id);
  if (index < 0) return false;
  overrides.splice(index, 1);
  return true;
}

/** Remove every override of the session; returns how many there were. */
export function clearSessionOverrides(session: SessionState): number {
  const count = sessionOverridesOf(session).length;
  delete session.overrides;
  return count;
}

/**
 * The session override that scripts this request: the newest active one for this exact operation whose `when` the
 * request fits, else the newest such `*` one of the surface. Undefined when none applies (the scenario's own override, if any, applies then). Not
 * counted here: only a request it really answers uses it up (`countOverrideUse`), not one the request's own
 * `Prefer`, a refused credential or a sandbox fault answered instead.
 */
export function findSessionOverride(session: SessionState, surface: string, operationId: string, request: RequestParts): SessionOverride | undefined {
  const overrides = session.overrides;
  if (overrides === undefined || overrides.length === 0) return undefined;
  return newestActive(overrides, surface, operationId, request) ?? newestActive(overrides, surface, '*', request);
}

/**
 * Count one request the override answered; call it inside the request's unit of work, so the count is right across
 * replicas. One used up now may put the session's used-up ones over USED_UP_KEPT: the oldest goes (counted only where
 * one was added, a CI job that added 100 and used them up one by one kept every one).
 */
export function countOverrideUse(overrides: SessionOverride[], override: SessionOverride): void {
  override.used += 1;
  if (isOverrideUsedUp(override)) forgetOldUsedUp(overrides);
}

/**
 * Count this request as let go by for every waiting override of its operation (or `*`) whose `when` it fits; call it
 * inside the request's unit of work, after `findSessionOverride` (an override's last wait is not the request it
 * answers), so the count is right across replicas. Every fitting request counts, whatever answers it (its own `Prefer`,
 * a refusal of its credentials, an older override): `after: 2` is the third call, as QA counts calls.
 */
export function letWaitingOverridesPass(session: SessionState, surface: string, operationId: string, request: RequestParts): void {
  for (const override of session.overrides ?? []) {
    if (override.surface !== surface || (override.operationId !== operationId && override.operationId !== '*')) continue;
    if (isOverrideWaiting(override) && fitsConditions(override.when, request)) override.passed = (override.passed ?? 0) + 1;
  }
}

/** Whether the override scripts the answer itself (a status, body or example), not only how it is delivered (delay, fault, headers). */
export function scriptsAnswer(override: ScenarioOverride): boolean {
  return override.status !== undefined || override.body !== undefined || override.example !== undefined;
}

function newestActive(overrides: SessionOverride[], surface: string, operationId: string, request: RequestParts): SessionOverride | undefined {
  for (let index = overrides.length - 1; index >= 0; index--) {
    const override = overrides[index]!;
    if (override.surface === surface && override.operationId === operationId && isOverrideActive(override) && fitsConditions(override.when, request))
      return override;
  }
  return undefined;
}
