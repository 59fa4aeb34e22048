/**
 * A value now, or later. The embedded store answers at once (a promise per request would be pure overhead on the
 * path every request takes); a networked one answers later. Callers that must stay fast check `instanceof Promise`.
 */
export type Settled<T> = T | Promise<T>;

/** What a unit of work may append to its key's log (the request journal, for sessions). */
export type LogWriter<L> = (entry: L) => void;

/** A log entry with its number, for a reader that resumes after the last entry it saw. */
/** Why a store forgot a key on its own: idle longer than its TTL, or the least recently used beyond its capacity. */
export type ForgottenListener = (key: string, why: 'expired' | 'evicted') => void;

/** What a sweep forgot: keys idle past the TTL, and keys beyond the cap (a store that evicts as it inserts: none). */
export interface SweptKeys {
  expired: number;
  evicted: number;
  /**
   * Some of those keys (at most SWEPT_KEYS_NAMED of each), for a store that cannot tell `onForgotten` of each: a log
   * that names them lets an operator find the session a client lost.
   */
  named?: { expired: string[]; evicted: string[] };
}

/** How many of the keys a sweep forgot for each reason it names (SweptKeys.named): enough to find one, not a flood. */
export const SWEPT_KEYS_NAMED = 10;

/** Whether a networked store can be reached now; `reason` says why not. */
export type AvailabilityListener = (available: boolean, reason: string | undefined) => void;

export interface NumberedLogEntry<L> {
  seq: number;
  entry: L;
}

/**
 * Where session state lives: per key, a JSON document and a bounded log. Nothing here knows what a session is.
 *
 * Each `update` is one unit of work on one key: concurrent units on a key, in this process or in another replica
 * sharing the store, behave as if they ran one after the other. A shared store may run `work` again when another
 * replica changed the key meanwhile, so `work` must change nothing but the document it is given and the log.
 */
export interface StateStore<D, L> {
  /** Which mechanism keeps the state (`memory`, `postgres`), for health answers and logs. */
  readonly kind: string;
  /** How many entries a key's log keeps, the newest: a log holding this many may have lost older ones. */
  readonly logSize: number;
  /** What the store's start did that an operator should hear of (a database's tables created or upgraded), if anything. */
  readonly startNote?: string | undefined;
  /**
   * Hear of each key the store forgets by itself (idle past the TTL, or the least recently used beyond its capacity),
   * after the unit of work that made room; returns the function that stops it. Optional: a shared store forgets in SQL.
   */
  onForgotten?(listener: ForgottenListener): () => void;
  /**
   * Hear when the store stops being reachable (a database gone: requests answer 503) and when it is reachable again,
   * once per change, with why it is not; returns the function that stops it. Optional: an embedded store is always there.
   */
  onAvailabilityChange?(listener: AvailabilityListener): () => void;
  /**
   * Run `work` on the document at `key`, made by `create` when there is none (or it expired); saves what `work` left.
   * A document made for work that throws is not kept, and takes no other's place.
   */
  update<R>(key: string, create: () => D, work: (document: D, log: LogWriter<L>) => Settled<R>): Settled<R>;
  /** As `update`, but a missing key is left missing: `work` does not run and the answer is `undefined`. */
  updateExisting<R>(key: string, work: (document: D, log: LogWriter<L>) => Settled<R>): Settled<R | undefined>;
  /** A copy of the document, or undefined; reading does not count as use. */
  read(key: string): Settled<D | undefined>;
  /** The key's log, oldest first: the last `limit` entries (all without one). */
  readLog(key: string, limit?: number): Settled<L[]>;
  /**
   * The key's log as `readLog` gives it, each entry with its number. Numbers increase along a key's log, also across
   * the key being deleted and made again (not necessarily by one), so "the entries after number n" is a question a
   * reader can ask again later.
   */
  readNumberedLog(key: string): Settled<Array<NumberedLogEntry<L>>>;
  /**
   * Whether the key's log let go of entries to keep its size; undefined for a store that cannot tell (PostgreSQL
   * trims in SQL), whose readers must take a full log as one that may have.
   */
  logDropped?(key: string): boolean;
  /**
   * Put `entry` in the place of the key's log entry numbered `seq` (as `readNumberedLog` numbers it), keeping its place
   * and number: a later fact about a logged event. False when the log no longer holds it (cleared, dropped, the key
   * gone).
   */
  replaceLogEntry(key: string, seq: number, entry: L): Settled<boolean>;
  /** How many entries the key's log holds. */
  logLength(key: string): Settled<number>;
  /**
   * Empty the key's log, leaving its document as it is; the entries appended later are numbered after those cleared.
   * False when there is no such key (nothing to clear).
   */
  clearLog(key: string): Settled<boolean>;
  /** Every live key, least recently used first. */
  keys(): Settled<string[]>;
  count(): Settled<number>;
  delete(key: string): Settled<boolean>;
  /** Forget every key; returns how many live keys went. */
  clear(): Settled<number>;
  /** Drop what expired (and what exceeds the store's cap); returns how many keys went, and why. */
  sweep(): Settled<SweptKeys>;
  /**
   * Mark `key` in use (something is watching it: an event stream, a wait for a message) until the returned function
   * is called: meanwhile it neither expires nor is forgotten to make room, also when it is made after the hold began,
   * and its idle time counts again from the release. Holds of one key count; releasing twice releases once.
   */
  hold(key: string): () => void;
  /** Release connections; the store is not used afterwards. */
  close(): Promise<void>;
}

/**
 * The store cannot be reached or could not settle a unit of work (a database down, a conflict that kept coming back).
 * Raised by networked stores so the edge can answer 503 instead of crashing; the message says what to check.
 */
export class StateUnavailableError extends Error {
  override name = 'StateUnavailableError';
}
