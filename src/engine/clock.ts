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
 * @example
 * const clock = createControlledClock(Date.UTC(2026, 0, 1));
 * clock.advance(30_000); // the next TOTP step, with no waiting
 */
export function createControlledClock(startMs: number = systemClock.now()): ControlledClock {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    set: (epochMs) => void (nowMs = epochMs),
    advance: (ms) => void (nowMs += ms),
  };
}
