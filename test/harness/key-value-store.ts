import type { MemoryStateStore } from '../../src/state/memory-state-store.js';

/**
 * The memory store used as a key-value map (each document holds one value), for tests of its recency and expiry
 * rules, which are the same whatever the documents are.
 */
export type KeyValueStore = MemoryStateStore<{ value: string }, string>;

export const setValue = (store: KeyValueStore, key: string, value: string) =>
  store.update(
    key,
    () => ({ value }),
    (document) => void (document.value = value),
  );

/** A read that counts as use (a request on the session), unlike store.read(). */
export const getValue = (store: KeyValueStore, key: string) => store.updateExisting(key, (document) => document.value);
