import { BoundedLog, type EntryLog } from './bounded-log.js';
import { HoldCounts } from './hold-counts.js';
import type { ForgottenListener, LogWriter, NumberedLogEntry, StateStore, SweptKeys } from './state-store.js';

export interface MemoryStateStoreOptions<L> {
  /** Entries not read or written for this long are forgotten. */
  ttlMs: number;
  /** Beyond this many entries the least recently used one is forgotten. */
  maxEntries: number;
  /** Log entries kept per key (the newest). */
  logSize: number;
  /** The time, in ms since the epoch: the sessions' clock (state/ imports nothing, so the caller hands it in). */
  now: () => number;
  /**
   * A new key's log of `size` entries, numbered after `numberedFrom` (default: a BoundedLog). The session store keeps
   * its journal in a log made for journal records (engine/session-journal.ts); a log the store drops is released.
   */
  newLog?: (size: number, numberedFrom: number) => EntryLog<L>;
}

interface Entry<D, L> {
  key: string;
  document: D;
  log: EntryLog<L>;
  touchedAt: number;
  /** In use (see `hold`): out of the order of last use, so neither a sweep nor an eviction reaches it. */
  held: boolean;
  /** The neighbours in order of last use (see `#oldest`). */
  older: Entry<D, L> | undefined;
  newer: Entry<D, L> | undefined;
}

/**
 * The embedded default store: an LRU map with a TTL, so a long-running shared mock cannot grow without bound.
 * The order of last use is a doubly linked list through the entries, oldest first, beside the Map that finds them.
 * Re-inserting into the Map on every touch kept that order too, but V8's Map degrades when a few keys of a large one
 * are deleted and set again and again: 10 busy sessions among 100,000 cost ~85 µs per touch (measured in Node 20),
 * against 0.1 µs when the Map is small. Moving an entry in the list is four pointer writes, whatever the size.
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
  readonly logSize: number;
  readonly #now: () => number;
  readonly #newLog: (size: number, numberedFrom: number) => EntryLog<L>;
  /** The least recently used entry: the first to expire and the first evicted. */
  #oldest: Entry<D, L> | undefined;
  /** The most recently used entry. */
  #newest: Entry<D, L> | undefined;
  /**
   * Log entries appended so far, all keys together. A new log numbers its entries from here on, so a key made again
   * after a delete numbers past every entry of the key before it: that one was made when this count was lower, and
   * each of its entries raised it.
   */
  #logEntriesAppended = 0;
  readonly #forgottenListeners = new Set<ForgottenListener>();
  /** Entries made for a unit of work that has not settled yet: dropped again if it is refused (see `update`). */
  readonly #unconfirmed = new Set<Entry<D, L>>();
  /** The keys in use (see `hold`), whether their entries exist yet or not. */
  readonly #holds = new HoldCounts();
  /** The entries of keys in use, kept out of the order of last use. */
  readonly #heldEntries = new Set<Entry<D, L>>();

  constructor(options: MemoryStateStoreOptions<L>) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.logSize = options.logSize;
    this.#now = options.now;
    this.#newLog = options.newLog ?? ((size, numberedFrom) => new BoundedLog<L>(size, numberedFrom));
  }

  /** Typed by what `work` returns: synchronous work gets its answer back at once, with no promise to await. */
  update<R>(key: string, create: () => D, work: (document: D, log: LogWriter<L>) => R): R {
    const existing = this.#touch(key);
    // The log is looked up again when written: a key deleted while its work ran (an async one) gets the entry anew.
    // Usually it is still the entry just touched, which needs no second touch (one clock read and LRU move a request).
    const log = (logEntry: L) => {
      const current = this.#entries.get(key);
      this.#appendLog(current !== undefined && current === existing ? current : (this.#touch(key) ?? this.#insert(key, create())), logEntry);
    };
    if (existing) return work(existing.document, log);
    // A new entry is kept only if its first unit of work goes through: one refused (it threw, e.g. an admin change
    // naming an unknown scenario) leaves no entry behind and pushes no other out, so a typo cannot cost a session
    // QA set up its place under maxEntries.
    const entry = this.#insert(key, create(), false);
    this.#unconfirmed.add(entry);
    let answer: R;
    try {
      answer = work(entry.document, log);
    } catch (error) {
      this.#discard(entry);
      throw error;
    }
    if (!(answer instanceof Promise)) {
      this.#confirm(entry);
      return answer;
    }
    return answer.then(
      (value: unknown) => {
        this.#confirm(entry);
        return value;
      },
      (error: unknown) => {
        this.#discard(entry);
        throw error;
      },
    ) as R;
  }

  updateExisting<R>(key: string, work: (document: D, log: LogWriter<L>) => R): R | undefined {
    const entry = this.#touch(key);
    if (!entry) return undefined;
    return work(entry.document, (logEntry) => {
      const current = this.#entries.get(key);
      if (current) this.#appendLog(current, logEntry);
    });
  }

  read(key: string): D | undefined {
    return this.#fresh(key)?.document;
  }

  readLog(key: string, limit?: number): L[] {
    return this.#fresh(key)?.log.entries(limit) ?? [];
  }

  readNumberedLog(key: string): Array<NumberedLogEntry<L>> {
    return this.#fresh(key)?.log.numbered() ?? [];
  }

  logDropped(key: string): boolean {
    return (this.#fresh(key)?.log.dropped ?? 0) > 0;
  }

  replaceLogEntry(key: string, seq: number, logEntry: L): boolean {
    return this.#fresh(key)?.log.replace(seq, logEntry) ?? false;
  }

  logLength(key: string): number {
    return this.#fresh(key)?.log.length ?? 0;
  }

  clearLog(key: string): boolean {
    const entry = this.#fresh(key);
    if (!entry) return false;
    // A new log numbered from every entry appended so far: numbers go on, and nothing counts as dropped.
    entry.log.release?.();
    entry.log = this.#newLog(this.logSize, this.#logEntriesAppended);
    return true;
  }

  /**
   * Every live key, least recently used first (not those past their TTL that the next sweep will drop), then the keys
   * in use, which are being used now.
   */
  keys(): string[] {
    const keys: string[] = [];
    for (let entry = this.#oldestLive(); entry; entry = entry.newer) keys.push(entry.key);
    for (const entry of this.#heldEntries) keys.push(entry.key);
    return keys;
  }

  /** How many keys are live: the entries past their TTL, which the next sweep drops, do not count. */
  count(): number {
    const now = this.#now();
    let expired = 0;
    // The expired entries are the oldest ones (see #oldestLive).
    for (let entry = this.#oldest; entry && now - entry.touchedAt > this.#ttlMs; entry = entry.newer) expired++;
    return this.#entries.size - expired;
  }

  delete(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#remove(entry);
    return true;
  }

  clear(): number {
    const live = this.count();
    for (const entry of this.#entries.values()) entry.log.release?.();
    this.#entries.clear();
    this.#heldEntries.clear(); // the holds stay: a key made again while still watched is held again
    this.#oldest = undefined;
    this.#newest = undefined;
    return live;
  }

  /** Evicts nothing: the cap is kept as entries are made. */
  sweep(): SweptKeys {
    const now = this.#now();
    let expired = 0;
    // Oldest first: stop at the first entry that is still fresh.
    while (this.#oldest && now - this.#oldest.touchedAt > this.#ttlMs) {
      this.#forget(this.#oldest, 'expired');
      expired++;
    }
    return { expired, evicted: 0 };
  }

  hold(key: string): () => void {
    const release = this.#holds.take(key, () => {
      const entry = this.#entries.get(key);
      if (entry?.held) this.#unpin(entry);
    });
    const entry = this.#fresh(key);
    if (entry && !entry.held) this.#pin(entry);
    return release;
  }

  onForgotten(listener: ForgottenListener): () => void {
    this.#forgottenListeners.add(listener);
    return () => this.#forgottenListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.clear();
  }

  /**
   * The least recently used entry that has not expired. Entries are kept in the order they were last used, so those
   * past their TTL are the oldest ones, before it; they stay until a sweep or a read drops them.
   */
  #oldestLive(now = this.#now()): Entry<D, L> | undefined {
    let entry = this.#oldest;
    while (entry && now - entry.touchedAt > this.#ttlMs) entry = entry.newer;
    return entry;
  }

  /** The entry if it has not expired (an expired one is dropped), without marking it used. */
  #fresh(key: string, now = this.#now()): Entry<D, L> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now - entry.touchedAt > this.#ttlMs && !entry.held) {
      this.#forget(entry, 'expired');
      return undefined;
    }
    return entry;
  }

  /** The fresh entry, marked most recently used. */
  #touch(key: string): Entry<D, L> | undefined {
    const now = this.#now();
    const entry = this.#fresh(key, now);
    if (!entry) return undefined;
    entry.touchedAt = now;
    // Used by another unit of work (or logged) before its first one settled: it stays whatever that one does.
    if (this.#unconfirmed.size > 0) this.#unconfirmed.delete(entry);
    if (entry !== this.#newest && !entry.held) {
      this.#unlink(entry);
      this.#append(entry);
    }
    return entry;
  }

  #insert(key: string, document: D, evict = true): Entry<D, L> {
    const replaced = this.#entries.get(key);
    if (replaced) this.#remove(replaced);
    const entry: Entry<D, L> = {
      key,
      document,
      log: this.#newLog(this.logSize, this.#logEntriesAppended),
      touchedAt: this.#now(),
      held: false,
      older: undefined,
      newer: undefined,
    };
    this.#entries.set(key, entry);
    if (this.#holds.has(key)) this.#pin(entry);
    else this.#append(entry);
    if (evict) this.#evictOverflow();
    return entry;
  }

  /** The entry's first unit of work went through: it stays, and makes room for itself now. */
  #confirm(entry: Entry<D, L>): void {
    this.#unconfirmed.delete(entry);
    this.#evictOverflow();
  }

  /** Only entries not in use are evicted: with more keys in use than maxEntries, the store holds more for a while. */
  #evictOverflow(): void {
    while (this.#entries.size > this.#maxEntries && this.#oldest) this.#forget(this.#oldest, 'evicted');
  }

  /** Take an entry out of the order of last use while its key is in use. */
  #pin(entry: Entry<D, L>): void {
    this.#unlink(entry);
    entry.held = true;
    this.#heldEntries.add(entry);
  }

  /** Its key's last hold released: the entry counts as used now, and makes room for itself if the store is over. */
  #unpin(entry: Entry<D, L>): void {
    entry.held = false;
    this.#heldEntries.delete(entry);
    entry.touchedAt = this.#now();
    this.#append(entry);
    this.#evictOverflow();
  }

  /**
   * Drop an entry made for a unit of work that was refused, unless it has been used since (another unit on the same
   * key, or a log entry, while an async one ran: that counts) or replaced.
   */
  #discard(entry: Entry<D, L>): void {
    if (this.#unconfirmed.delete(entry) && this.#entries.get(entry.key) === entry) this.#remove(entry);
  }

  #appendLog(entry: Entry<D, L>, logEntry: L): void {
    entry.log.append(logEntry);
    this.#logEntriesAppended++;
  }

  /** Remove an entry the store gives up on its own, and say so once the unit of work that made room has run. */
  #forget(entry: Entry<D, L>, why: 'expired' | 'evicted'): void {
    this.#remove(entry);
    if (this.#forgottenListeners.size === 0) return;
    queueMicrotask(() => {
      for (const listener of this.#forgottenListeners) listener(entry.key, why);
    });
  }

  #remove(entry: Entry<D, L>): void {
    this.#entries.delete(entry.key);
    if (entry.held) this.#heldEntries.delete(entry);
    this.#unlink(entry);
    entry.log.release?.();
  }

  #append(entry: Entry<D, L>): void {
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest) this.#newest.newer = entry;
    else this.#oldest = entry;
    this.#newest = entry;
  }

  #unlink(entry: Entry<D, L>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else if (this.#oldest === entry) this.#oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else if (this.#newest === entry) this.#newest = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}
