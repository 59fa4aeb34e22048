import { SandboxError } from '../errors.js';
import { isSessionMoment } from './session-clock.js';
import { toQuotedNumberHint } from './quoted-number.js';

/**
 * Where the core takes the time from. Never `Date.now()` in the engine: a session can run on its own clock, and a
 * test moves a controlled clock instead of sleeping to a TOTP step boundary.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
}

/** The wall clock. */
// eslint-disable-next-line no-restricted-properties -- the one place in the core that reads the wall clock
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to: for tests and for sessions that pin their time. */
export interface ControlledClock extends Clock {
  set(epochMs: number): void;
  advance(ms: number): void;
}

/**
 * The time a controlled clock is set to, or a SandboxError at the call that would set a time no session can run at
 * (NaN, a fraction, before 1970, after 9999): taken as it was, it failed later and elsewhere, a TOTP code with
 * "Time must be a finite number", the journal with "Invalid time value", a sign-in with a 500.
 */
function toClockTime(ms: number, call: string): number {
  if (isSessionMoment(ms)) return ms;
  throw new SandboxError(
    'MOCK_ERR_BAD_ADMIN_REQUEST',
    `A controlled clock's ${call} must leave it at whole milliseconds between 1970 and the end of 9999, got ${String(ms)}`,
  );
}

/**
 * @example
 * const clock = createControlledClock(Date.UTC(2026, 0, 1));
 * clock.advance(30_000); // the next TOTP step, with no waiting
 * clock.advance(Number.NaN); // throws a SandboxError, and the clock stays where it was
 */
export function createControlledClock(startMs: number = systemClock.now()): ControlledClock {
  let nowMs = toClockTime(startMs, 'start');
  return {
    now: () => nowMs,
    set: (epochMs) => void (nowMs = toClockTime(epochMs, `set(${String(epochMs)})`)),
    advance: (ms) => {
      checkAdvanceMs(ms);
      nowMs = toClockTime(nowMs + ms, `advance(${ms})`);
    },
  };
}

/**
 * Refuse what `clock.advance(ms)` cannot move a clock by, naming a number passed as text as such (`"1000"` read as
 * `got 1000`, which looked like a number refused for being one; the admin API quotes it).
 *
 * @example
 * checkAdvanceMs(1.5) // throws: advance takes whole milliseconds, got 1.5
 * checkAdvanceMs('1000') // throws: advance takes whole milliseconds, got "1000" ("1000" is text: write 1000 without quotes)
 */
export function checkAdvanceMs(ms: unknown): asserts ms is number {
  if (Number.isSafeInteger(ms)) return;
  const got = typeof ms === 'string' ? `${JSON.stringify(ms)}${toQuotedNumberHint(ms)}` : String(ms);
  throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `advance takes whole milliseconds, got ${got}`);
}
