import type { StateStore } from './state-store.js';

export interface MemoryStateStoreOptions {
  /** Entries not read or written for this long are forgotten. */
  ttlMs: number;
  /** Beyond this many entries the least recently used one is forgotten. */
  maxEntries: number;
  /** The time, in ms since the epoch: the sessions' clock (state/ imports nothing, so the caller hands it in). */
  now: () => number;
}

interface Entry<T> {
  value: T;
  touchedAt: number;
}

/**
 * The embedded default store: an LRU map with a TTL, so a long-running shared mock cannot grow without bound.
 * A Map iterates in insertion order, so re-inserting on every touch keeps the least recently used entry first.
 *
 * @example
 * const store = new MemoryStateStore<string>({ ttlMs: 60_000, maxEntries: 2, now: () => clock.now() });
 * store.set('a', '1'); store.set('b', '2'); store.set('c', '3'); store.get('a') // undefined: evicted
 */
export class MemoryStateStore<T> implements StateStore<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** The key inserted last, i.e. the Map's last entry while it is still present. */
  #newestKey: string | undefined;

  constructor(options: MemoryStateStoreOptions) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = this.#now();
    if (now - entry.touchedAt > this.#ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    entry.touchedAt = now;
    // Re-insert to mark it most recently used, unless it already is (a busy session asked for request after request).
    if (key !== this.#newestKey) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.#newestKey = key;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, touchedAt: this.#now() });
    this.#newestKey = key;
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  sweep(): number {
    const now = this.#now();
    let removed = 0;
    // Oldest first: stop at the first entry that is still fresh.
    for (const [key, entry] of this.#entries) {
      if (now - entry.touchedAt <= this.#ttlMs) break;
      this.#entries.delete(key);
      removed++;
    }
    return removed;
  }
}
