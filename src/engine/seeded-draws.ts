import type { SessionState } from './session-registry.js';

/**
 * Set the session's seed (undefined clears it). Its seeded draws start over, so the same requests sent after it draw
 * the same numbers again.
 *
 * @example
 * setSessionSeed(session, 7); // session.seed === 7, its fault draws counted from 1 again
 */
export function setSessionSeed(session: SessionState, seed: number | undefined): void {
  if (seed === undefined) delete session.seed;
  else session.seed = seed;
  delete session.faultDraws;
}

/**
 * The random numbers of a request's injected faults (a latency range, a fault rate): Math.random, or in a session
 * with a seed, that seed's sequence, drawn in request order and counted in the session. So QA who sets a seed sees
 * the same delays and the same dropped answers each time the same requests are replayed (`flaky-network` included).
 *
 * @example
 * const random = faultRandomOf(session); // session.seed === 7: the 1st, 2nd, ... draw of seed 7
 */
export function faultRandomOf(session: SessionState): () => number {
  const seed = session.seed;
  if (seed === undefined) return Math.random;
  return () => {
    const draw = (session.faultDraws ?? 0) + 1;
    session.faultDraws = draw;
    return toUnitInterval(seed, draw);
  };
}

/** A number in [0, 1) from a seed and a draw's number: one step of mulberry32 from the two mixed. */
function toUnitInterval(seed: number, draw: number): number {
  let t = ((seed ^ Math.imul(draw, 0x9e3779b9)) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
