import type { Settled } from '../../src/state/state-store.js';

/**
 * The value of a session-registry call on the memory store, which answers at once. Tests that build a registry on
 * the memory store read it through this, so a store that turned asynchronous would fail them loudly.
 */
export function settledNow<T>(value: Settled<T>): T {
  if (value instanceof Promise) throw new Error('expected the memory store to answer at once');
  return value;
}
