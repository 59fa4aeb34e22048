import { BoundedLog } from './bounded-log.js';
import type { LogWriter, StateStore } from './state-store.js';

export interface MemoryStateStoreOptions {
  /** Entries not read or written for this long are forgotten. */
  ttlMs: number;
  /** Beyond this many entries the least recently used one is forgotten. */
  maxEntries: number;
  /** Log entries kept per key (the newest). */
  logSize: number;
  /** The time, in ms since the epoch: the sessions' clock (state/ imports nothing, so the caller hands it in). */
  now: () => number;
}

interface Entry<D, L> {
  document: D;
  log: BoundedLog<L>;
  touchedAt: number;
}

/**
 * The embedded default store: an LRU map with a TTL, so a long-running shared mock cannot grow without bound.
 * A Map iterates in insertion order, so re-inserting on every touch keeps the least recently used entry first.
 * Every answer is immediate (no promise): one process, so a unit of work runs on the live document, and JavaScript
 * runs it to its first `await` before any other request's work starts.
 *
 * @example
 * const store = new MemoryStateStore<{ n: number }, string>({ ttlMs: 60_000, maxEntries: 100, logSize: 10, now: () => clock.now() });
 * store.update('a', () => ({ n: 0 }), (document, log) => { document.n++; log('counted'); }); // store.read('a') -> { n: 1 }
 */
export class MemoryStateStore<D, L> implements StateStore<D, L> {
  readonly kind = 'memory';
  readonly #entries = new Map<string, Entry<D, L>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #logSize: number;
  readonly #now: () => number;
  /** The key inserted last, i.e. the Map's last entry while it is still present. */
  #newestKey: string | undefined;

  constructor(options: MemoryStateStoreOptions) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#logSize = options.logSize;
    this.#now = options.now;
  }

  /** Typed by what `work` returns: synchronous work gets its answer back at once, with no promise to await. */
  update<R>(key: string, create: () => D, work: (document: D, log: LogWriter<L>) => R): R {
    const entry = this.#touch(key) ?? this.#insert(key, create());
    // The log is looked up again when written: a key deleted while its work ran (an async one) gets the entry anew.
    return work(entry.document, (logEntry) => (this.#touch(key) ?? this.#insert(key, create())).log.append(logEntry));
  }

  updateExisting<R>(key: string, work: (document: D, log: LogWriter<L>) => R): R | undefined {
    const entry = this.#touch(key);
    if (!entry) return undefined;
    return work(entry.document, (logEntry) => this.#entries.get(key)?.log.append(logEntry));
  }

  read(key: string): D | undefined {
    return this.#fresh(key)?.document;
  }

  readLog(key: string, limit?: number): L[] {
    return this.#fresh(key)?.log.entries(limit) ?? [];
  }

  logLength(key: string): number {
    return this.#fresh(key)?.log.length ?? 0;
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  count(): number {
    return this.#entries.size;
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
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

  async close(): Promise<void> {
    this.#entries.clear();
  }

  /** The entry if it has not expired (an expired one is dropped), without marking it used. */
  #fresh(key: string): Entry<D, L> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#now() - entry.touchedAt > this.#ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** The fresh entry, marked most recently used. */
  #touch(key: string): Entry<D, L> | undefined {
    const entry = this.#fresh(key);
    if (!entry) return undefined;
    entry.touchedAt = this.#now();
    // Re-insert to mark it most recently used, unless it already is (a busy session asked for request after request).
    if (key !== this.#newestKey) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.#newestKey = key;
    }
    return entry;
  }

  #insert(key: string, document: D): Entry<D, L> {
    const entry: Entry<D, L> = { document, log: new BoundedLog<L>(this.#logSize), touchedAt: this.#now() };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#newestKey = key;
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return entry;
  }
}
