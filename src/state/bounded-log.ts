/** A key's log as the memory store keeps it: the last entries appended, numbered in the order they came. */
export interface EntryLog<L> {
  readonly length: number;
  /** How many entries the log let go of to keep its size. */
  readonly dropped: number;
  append(entry: L): void;
  /** The last `limit` entries (all without one), oldest first. */
  entries(limit?: number): L[];
  /** The entries kept, oldest first, each with its number (see BoundedLog's). */
  numbered(): Array<{ seq: number; entry: L }>;
  /** Put `entry` in the place of the entry numbered `seq`; false when the log does not hold that one (any more). */
  replace(seq: number, entry: L): boolean;
  /** Give back what the log holds elsewhere (a shared slab's slots): the store calls it when it drops the log. */
  release?(): void;
}

/**
 * The last `size` entries appended, in a ring: appending is on every request's path, so it only moves a reference.
 *
 * @example
 * const log = new BoundedLog<string>(2);
 * log.append('a'); log.append('b'); log.append('c');
 * log.entries() // ['b', 'c']
 */
export class BoundedLog<L> implements EntryLog<L> {
  readonly #size: number;
  readonly #entries: L[] = [];
  /** Where the next entry goes once the ring is full (then also the oldest entry). */
  #next = 0;
  /** The entries are numbered from `#numberedFrom + 1` on, in the order they were appended. */
  readonly #numberedFrom: number;
  #appended = 0;

  /** `numberedFrom`: the number before the first entry's (see `numbered`). */
  constructor(size: number, numberedFrom = 0) {
    this.#size = size;
    this.#numberedFrom = numberedFrom;
  }

  get length(): number {
    return this.#entries.length;
  }

  /** How many entries the ring let go of to keep its size. */
  get dropped(): number {
    return this.#appended - this.#entries.length;
  }

  append(entry: L): void {
    if (this.#size <= 0) return;
    this.#appended++;
    if (this.#entries.length < this.#size) {
      this.#entries.push(entry);
      return;
    }
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#size;
  }

  /** The last `limit` entries (all without one), oldest first. */
  entries(limit?: number): L[] {
    const ordered = this.#next === 0 ? this.#entries : [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)];
    if (limit === undefined) return ordered.slice();
    return limit === 0 ? [] : ordered.slice(-limit);
  }

  /**
   * The entries kept, oldest first, each with its number: the log's `numberedFrom` plus its place among every entry
   * ever appended (so the ring dropping old entries does not renumber the rest).
   *
   * @example
   * const log = new BoundedLog<string>(2, 10);
   * log.append('a'); log.append('b'); log.append('c');
   * log.numbered() // [{ seq: 12, entry: 'b' }, { seq: 13, entry: 'c' }]
   */
  numbered(): Array<{ seq: number; entry: L }> {
    const kept = this.entries();
    const first = this.#numberedFrom + this.#appended - kept.length + 1;
    return kept.map((entry, index) => ({ seq: first + index, entry }));
  }

  replace(seq: number, entry: L): boolean {
    const place = seq - (this.#numberedFrom + this.#appended - this.#entries.length + 1);
    if (!Number.isInteger(place) || place < 0 || place >= this.#entries.length) return false;
    // Oldest first from #next on (#next is 0 until the ring is full).
    this.#entries[(this.#next + place) % this.#entries.length] = entry;
    return true;
  }
}
