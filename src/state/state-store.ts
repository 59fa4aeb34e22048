/**
 * Where session state lives. Synchronous on purpose: the embedded store is a Map, and every request touches it,
 * so a promise per access would be pure overhead. A networked store would sit behind a write-through cache.
 */
export interface StateStore<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  delete(key: string): boolean;
  keys(): string[];
  /** Drop entries that expired; returns how many went. */
  sweep(): number;
  readonly size: number;
}
