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
 * A delay also ends as soon as its client closes the connection: nobody is left to answer, and the journal can say so
 * (`clientGone`) at once rather than when the delay would have ended (a test that aborted a `latency=20000` request
 * saw a plain 200 in the journal for 20 s, and the console never heard of the change).
 *
 * @example
 * const delays = new InjectedDelays();
 * await delays.wait(1500, reply.raw); // 1.5 s later; at once once delays.cutShort() is called or the client left
 */
/** The part of a server response a delay listens to (Node's `ServerResponse`). */
export interface ClosingResponse {
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

export class InjectedDelays {
  /** The end of each delay still running. */
  readonly #running = new Set<() => void>();
  #cutShort = false;

  /**
   * Resolves after `ms`, or as soon as `cutShort()` is called (at once after it was), or as soon as `response` closes
   * (before its answer was written, a 'close' means the client went away).
   */
  wait(ms: number, response?: ClosingResponse): Promise<void> {
    if (this.#cutShort) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.#running.delete(end);
        response?.off('close', end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#running.add(end);
      response?.once('close', end);
    });
  }

  /** End every delay now (its answer goes out), and wait no later one: the server is closing. */
  cutShort(): void {
    this.#cutShort = true;
    for (const end of [...this.#running]) end();
  }
}
