import { describe, expect, it } from 'vitest';
import { changeSessionClock, LAST_SESSION_MOMENT_MS, sessionNow, viewSessionClock } from '../../../src/engine/session-clock.js';

const BASE = 1_000_000;

describe('session clock', () => {
  it('runs on the base clock until changed', () => {
    expect(sessionNow(undefined, BASE)).toBe(BASE);
    expect(viewSessionClock(undefined, BASE)).toEqual({ nowMs: BASE, frozen: false, offsetMs: 0 });
  });

  it('an offset runs with the base clock; a frozen time does not', () => {
    expect(sessionNow({ offsetMs: -500 }, BASE + 10)).toBe(BASE - 490);
    expect(sessionNow({ offsetMs: 123, frozenAtMs: 42 }, BASE + 10)).toBe(42);
  });

  it('a running clock stops at the end of 9999, the last moment with an ISO 8601 form (it printed +010000-01-01)', () => {
    const nearEnd = changeSessionClock(undefined, { at: LAST_SESSION_MOMENT_MS - 500, frozen: false }, BASE);
    expect(sessionNow(nearEnd, BASE + 400)).toBe(LAST_SESSION_MOMENT_MS - 100);
    expect(sessionNow(nearEnd, BASE + 1_200)).toBe(LAST_SESSION_MOMENT_MS);
    expect(new Date(sessionNow(nearEnd, BASE + 86_400_000)).toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });

  it('moves first, then freezes or lets run where it landed, so the time never jumps', () => {
    const frozen = changeSessionClock(undefined, { frozen: true }, BASE);
    expect(sessionNow(frozen, BASE + 5_000)).toBe(BASE);
    const advanced = changeSessionClock(frozen, { advanceMs: 30_000 }, BASE + 5_000);
    expect(sessionNow(advanced, BASE + 9_999)).toBe(BASE + 30_000);
    const running = changeSessionClock(advanced, { frozen: false }, BASE + 10_000);
    expect(sessionNow(running, BASE + 10_000)).toBe(BASE + 30_000);
    expect(sessionNow(running, BASE + 11_000)).toBe(BASE + 31_000);
  });

  it('`at` jumps, `offsetMs` replaces the offset, and each keeps the frozen state unless told', () => {
    const frozen = changeSessionClock(undefined, { at: 7, frozen: true }, BASE);
    expect(sessionNow(changeSessionClock(frozen, { at: 99 }, BASE), BASE + 1)).toBe(99);
    const offset = changeSessionClock({ offsetMs: 5 }, { offsetMs: -60_000 }, BASE);
    expect(sessionNow(offset, BASE + 1)).toBe(BASE + 1 - 60_000);
    expect(viewSessionClock(offset, BASE)).toEqual({ nowMs: BASE - 60_000, frozen: false, offsetMs: -60_000 });
  });

  it('refuses a change that would put the session before 1970 or after 9999, where no date or TOTP step exists', () => {
    const lastMoment = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    expect(sessionNow(changeSessionClock(undefined, { at: lastMoment }, BASE), BASE)).toBe(lastMoment);
    expect(sessionNow(changeSessionClock(undefined, { at: 0 }, BASE), BASE)).toBe(0);
    for (const change of [{ at: lastMoment + 1 }, { at: -1 }, { offsetMs: 1e300 }, { offsetMs: -BASE - 1 }, { advanceMs: Number.NaN }]) {
      expect(() => changeSessionClock({ offsetMs: 0 }, change, BASE), JSON.stringify(change)).toThrow(/between 1970 and the end of 9999/);
    }
    // Said as a time, not in milliseconds ("would be 253402302599539 ms").
    expect(() => changeSessionClock({ offsetMs: 0 }, { at: lastMoment + 1 }, BASE)).toThrow("the session's time would be past the end of 9999;");
    expect(() => changeSessionClock({ offsetMs: 0 }, { at: -1 }, BASE)).toThrow("the session's time would be before 1970;");
  });
});
