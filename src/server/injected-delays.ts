/**
 * The injected delays (a scenario's latency, `Prefer: latency`) that answers are waiting out, so that closing the
 * server can cut them short.
 *
 * A delay holds nothing but a timer: the answer is already decided (and journalled). Left to run, one request with
 * `latency=20000` held `sandbox.close()` for 20 s (a test's `afterAll` timed out after the test itself had) and a
 * SIGTERM past its 10 s bound (exit 1). When the server closes, every answer still waiting goes out at once, and a
 * delay asked for while it closes is not waited at all.
 *
 * Answered, not dropped: a sandbox that closes answers the requests in flight (and those still arriving on a kept-alive
 * connection), and a delay is no reason to treat one otherwise. A closed connection would be a network error nobody
 * scripted, which the client's code would report or retry while its test ends; and the journal, which holds the
 * status decided before the delay, would name an answer the client never got. An injected fault the request asked for
 * (a dropped connection, a broken body) is still applied to the answer.
 *
 * @example
 * const delays = new InjectedDelays();
 * await delays.wait(1500); // 1.5 s later, or at once once delays.cutShort() is called
 */
export class InjectedDelays {
  /** The end of each delay still running. */
  readonly #running = new Set<() => void>();
  #cutShort = false;

  /** Resolves after `ms`, or as soon as `cutShort()` is called; at once after it was. */
  wait(ms: number): Promise<void> {
    if (this.#cutShort) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.#running.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#running.add(end);
    });
  }

  /** End every delay now (its answer goes out), and wait no later one: the server is closing. */
  cutShort(): void {
    this.#cutShort = true;
    for (const end of [...this.#running]) end();
  }
}
