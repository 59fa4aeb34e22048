import { SandboxError } from '../errors.js';

/**
 * A session's own time, so QA can reproduce "code expired", "magic link expired", a TOTP code from the previous
 * window or a GenAuth timestamp outside the allowed skew in one session without touching the others. Plain JSON in
 * the session state: a networked store keeps it like the rest of the session.
 *
 * The session's time is the sandbox's clock plus `offsetMs`, or `frozenAtMs` while frozen. A session without one runs
 * on the sandbox's clock.
 */
export interface SessionClock {
  /** How far the session's time runs ahead of the sandbox's clock (negative: behind). */
  offsetMs: number;
  /** While frozen, the session's time stands still at this moment (ms since the epoch). */
  frozenAtMs?: number;
}

/**
 * A change to a session's clock, as the admin API and the session controls ask for it. At most one of `at`,
 * `offsetMs` and `advanceMs` moves the time; `frozen` then freezes it where it is (true) or lets it run on from there
 * (false). Fields left out keep what the clock had.
 */
export interface SessionClockChange {
  /** Jump to this moment (ms since the epoch). */
  at?: number;
  /** Run this far from the sandbox's clock (replaces any earlier offset). */
  offsetMs?: number;
  /** Move the session's time by this much from where it is now (negative: back). */
  advanceMs?: number;
  frozen?: boolean;
}

/** The clock as the admin API shows it. */
export interface SessionClockView {
  /** The session's time now. */
  nowMs: number;
  frozen: boolean;
  /** How far the session's time is from the sandbox's clock at this moment. */
  offsetMs: number;
}

/** 9999-12-31T23:59:59.999Z: a later session time has no ISO 8601 form (and TOTP counters before 1970 none at all). */
export const LAST_SESSION_MOMENT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A moment after the session's time (an expiry: now plus a lifetime), as the world stores it: at most the end of 9999.
 * A session whose clock QA set near that end wrote `+010000-01-01T...` for a link's expiry, a form its own export's
 * schema refuses, so the sandbox could not import what it had exported.
 *
 * @example
 * toExpiryIsoTime(Date.UTC(9999, 11, 31, 23, 59) + 600_000) // '9999-12-31T23:59:59.999Z'
 */
export function toExpiryIsoTime(ms: number): string {
  return new Date(Math.min(ms, LAST_SESSION_MOMENT_MS)).toISOString();
}

/** Whether a session may run at this time: a whole ms from 1970 to the end of 9999. */
export function isSessionMoment(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= 0 && ms <= LAST_SESSION_MOMENT_MS;
}

/**
 * The session's time, given the sandbox clock's. A running clock QA set just before the end of 9999 stops there: past
 * it, dates printed as `+010000-...` and the session's own export could no longer be imported.
 *
 * @example
 * sessionNow({ offsetMs: -60_000 }, Date.UTC(2026, 0, 1, 0, 1)) // Date.UTC(2026, 0, 1)
 * sessionNow({ offsetMs: 0, frozenAtMs: 5 }, 999) // 5
 */
export function sessionNow(clock: SessionClock | undefined, baseMs: number): number {
  if (clock === undefined) return baseMs;
  return clock.frozenAtMs ?? Math.min(baseMs + clock.offsetMs, LAST_SESSION_MOMENT_MS);
}

/**
 * The clock after a change; the time moves first, then `frozen` applies where it landed, so the session's time never
 * jumps when it is frozen or let run again. A time before 1970 or after 9999 is refused (a 400 fault).
 *
 * @example
 * changeSessionClock(undefined, { frozen: true }, 1_000) // { offsetMs: 0, frozenAtMs: 1_000 }
 * changeSessionClock({ offsetMs: 0, frozenAtMs: 1_000 }, { advanceMs: 30_000 }, 5_000) // { offsetMs: 26_000, frozenAtMs: 31_000 }
 * changeSessionClock({ offsetMs: 0, frozenAtMs: 1_000 }, { frozen: false }, 5_000) // { offsetMs: -4_000 }
 */
export function changeSessionClock(current: SessionClock | undefined, change: SessionClockChange, baseMs: number): SessionClock {
  const wasFrozen = current?.frozenAtMs !== undefined;
  let nowMs = sessionNow(current, baseMs);
  if (change.at !== undefined) nowMs = change.at;
  else if (change.offsetMs !== undefined) nowMs = baseMs + change.offsetMs;
  else if (change.advanceMs !== undefined) nowMs += change.advanceMs;
  if (!isSessionMoment(nowMs)) {
    // Said as a time where there is one (a date past 9999 has none ISO text reads back), not in raw milliseconds.
    const when = Number.isFinite(nowMs) ? (nowMs < 0 ? 'before 1970' : 'past the end of 9999') : `${nowMs} ms`;
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `the session's time would be ${when}; it must stay between 1970 and the end of 9999`);
  }
  const frozen = change.frozen ?? wasFrozen;
  return frozen ? { offsetMs: nowMs - baseMs, frozenAtMs: nowMs } : { offsetMs: nowMs - baseMs };
}

/**
 * How the admin API shows a session's clock.
 *
 * @example
 * viewSessionClock({ offsetMs: 0, frozenAtMs: 1_000 }, 5_000) // { nowMs: 1_000, frozen: true, offsetMs: -4_000 }
 */
export function viewSessionClock(clock: SessionClock | undefined, baseMs: number): SessionClockView {
  const nowMs = sessionNow(clock, baseMs);
  return { nowMs, frozen: clock?.frozenAtMs !== undefined, offsetMs: nowMs - baseMs };
}
