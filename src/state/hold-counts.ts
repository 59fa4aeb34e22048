/**
 * The keys a store holds in use (see StateStore.hold), with how many holds each: a key stays held until its last hold
 * is released, and a release called twice counts once.
 */
export class HoldCounts {
  readonly #counts = new Map<string, number>();

  has(key: string): boolean {
    return this.#counts.has(key);
  }

  get size(): number {
    return this.#counts.size;
  }

  keys(): IterableIterator<string> {
    return this.#counts.keys();
  }

  /** Hold `key` once more; `onLastRelease` runs when its last hold is released. Returns the release. */
  take(key: string, onLastRelease: () => void): () => void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.#counts.get(key)! - 1;
      if (left > 0) {
        this.#counts.set(key, left);
        return;
      }
      this.#counts.delete(key);
      onLastRelease();
    };
  }
}
