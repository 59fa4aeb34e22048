/**
 * The last `size` entries appended, in a ring: appending is on every request's path, so it only moves a reference.
 *
 * @example
 * const log = new BoundedLog<string>(2);
 * log.append('a'); log.append('b'); log.append('c');
 * log.entries() // ['b', 'c']
 */
export class BoundedLog<L> {
  readonly #size: number;
  readonly #entries: L[] = [];
  /** Where the next entry goes once the ring is full (then also the oldest entry). */
  #next = 0;

  constructor(size: number) {
    this.#size = size;
  }

  get length(): number {
    return this.#entries.length;
  }

  append(entry: L): void {
    if (this.#size <= 0) return;
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
}
