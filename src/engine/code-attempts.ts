import { toExpiryIsoTime } from './session-clock.js';
import type { User } from './world.js';

/** A scenario's attempt limit (`lockout:` in a scenario file): the user is locked after this many wrong codes in a row. */
export interface LockoutSetting {
  afterFailedAttempts: number;
  /** How long such a lock lasts, on the session's clock; without it, until QA unlocks. */
  lockedForMs?: number;
}

/**
 * What a handler's answer says about a code the client sent: it was wrong (`failed`), it was accepted (`succeeded`),
 * or the answer checked no code at all (`undefined`). Each surface's behaviour tells them apart (`toCodeAttempt`).
 */
export type CodeAttempt = 'failed' | 'succeeded' | undefined;

/**
 * Count one code attempt of a user under a scenario's lockout setting. A wrong code adds one to the user's count and
 * locks the user when the count reaches the limit; an accepted code starts the count again, as the vendors and most
 * identity providers do (the limit is on wrong codes in a row). The count lives on the user (plain JSON, so it is
 * saved with the session by any store); QA's unlock clears it. Returns whether this attempt locked the user.
 *
 * @example
 * recordCodeAttempt(user, 'failed', { afterFailedAttempts: 3 }, Date.now()) // false, false, then true on the third wrong code
 */
export function recordCodeAttempt(user: User, attempt: CodeAttempt, lockout: LockoutSetting, nowMs: number): boolean {
  if (attempt === 'succeeded') {
    delete user.failedCodeAttempts;
    return false;
  }
  if (attempt !== 'failed') return false;
  user.failedCodeAttempts = (user.failedCodeAttempts ?? 0) + 1;
  if (user.failedCodeAttempts < lockout.afterFailedAttempts || user.locked) return false;
  user.locked = true;
  if (lockout.lockedForMs !== undefined) user.lockedUntil = toExpiryIsoTime(nowMs + lockout.lockedForMs);
  return true;
}

/**
 * Whether the user is locked now. A lock with an end (`lockedUntil`, from a scenario's `lockout.lockedForSeconds`)
 * that has passed on the session's clock is lifted here, as QA's unlock lifts one: the count of wrong codes starts
 * again. So a moved clock shows "the lock ran out" with no request in between.
 *
 * @example
 * isLocked(user, Date.parse('2026-01-01T09:20:00Z')) // false once user.lockedUntil is '2026-01-01T09:15:00.000Z'
 */
export function isLocked(user: User, nowMs: number): boolean {
  if (!user.locked) return false;
  if (user.lockedUntil === undefined || nowMs < Date.parse(user.lockedUntil)) return true;
  user.locked = false;
  delete user.lockedUntil;
  delete user.failedCodeAttempts;
  return false;
}
