import type { AvailabilityListener } from '../state/state-store.js';

/** How long the database must answer with no failure in between before it is told to be back. */
export const STEADY_FOR_MS = 1_000;

/**
 * Tells its listeners when the database goes away and when it is back: once each per outage. "Back" waits until the
 * database has answered for a second without a failure: during a restart, the pooled connections to the old server
 * fail one by one after the first new one has answered, and an SRE's tour read three gone/back pairs of warnings in
 * 330 ms from one restart.
 *
 * @example
 * const report = new AvailabilityReport();
 * report.failed('connect ECONNREFUSED'); // listeners hear (false, 'connect ECONNREFUSED') at once
 * report.succeeded(); // ... and (true) a second later, unless another failure came first
 */
export class AvailabilityReport {
  readonly #listeners = new Set<AvailabilityListener>();
  readonly #steadyForMs: number;
  /** Told gone, and not yet told back. */
  #down = false;
  /** The wait for a second of answers, once the database answered again. */
  #recovery: NodeJS.Timeout | undefined;

  constructor(steadyForMs = STEADY_FOR_MS) {
    this.#steadyForMs = steadyForMs;
  }

  subscribe(listener: AvailabilityListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A query met the database gone. */
  failed(reason: string | undefined): void {
    clearTimeout(this.#recovery);
    this.#recovery = undefined;
    if (this.#down) return;
    this.#down = true;
    this.#tell(false, reason);
  }

  /** A query was answered. */
  succeeded(): void {
    if (!this.#down || this.#recovery !== undefined) return;
    this.#recovery = setTimeout(() => {
      this.#recovery = undefined;
      this.#down = false;
      this.#tell(true, undefined);
    }, this.#steadyForMs);
    this.#recovery.unref();
  }

  /** Stop waiting (the store closes): a recovery not yet told is not told. */
  close(): void {
    clearTimeout(this.#recovery);
    this.#recovery = undefined;
  }

  #tell(available: boolean, reason: string | undefined): void {
    for (const listener of this.#listeners) listener(available, reason);
  }
}
