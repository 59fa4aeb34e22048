import type { SessionRegistry } from '../engine/session-registry.js';
import { describeOutboxCriteria, takeNextOutboxMessage, type ListedOutboxMessage, type OutboxCriteria } from '../engine/outbox-query.js';
import { isErrorOfClass, stampErrorClass } from '../errors.js';

/** How long a wait lasts when the caller does not say, and the longest one the sandbox accepts. */
export const DEFAULT_OUTBOX_WAIT_MS = 10_000;
export const MAX_OUTBOX_WAIT_MS = 60_000;
/**
 * The default of an in-process `waitForMessage()`: below the 5 s a test of vitest or Jest gets by default, so a message
 * that never comes fails the test with the wait's own error (what it waited for, what the outbox holds), not with the
 * runner's bare "Test timed out in 5000ms".
 */
export const DEFAULT_IN_PROCESS_WAIT_MS = 4_000;

/**
 * The timer functions as they were when the sandbox was loaded. A wait's timeout is wall time, whatever a test does
 * to the clock: under `vi.useFakeTimers()` a wait for a message that never came never gave up.
 */
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;

/**
 * With a shared store (PostgreSQL), another replica may send the message: this replica hears of its own units of work
 * at once, and looks at the stored session this often for the others'.
 */
export const SHARED_STORE_RECHECK_MS = 200;

export interface OutboxWaitOptions {
  /** A cursor (a message's `seq`, or the outbox's): the first matching message after it, returned before or not. */
  after?: number;
  /** Give up after this long (0: look once); the answer is then undefined. */
  timeoutMs: number;
  /** Stop waiting when this aborts (the client went away); the answer is then undefined. */
  signal?: AbortSignal;
}

/**
 * Wait for the next outbox message of session `id` that meets `criteria` (engine/outbox-query.ts
 * `takeNextOutboxMessage` says which is next). Resolves with it as soon as it is there (at once when it already is),
 * or with undefined on timeout or abort. Wakes up when a unit of work of the session ends in this process
 * (`SessionRegistry.watch`), never by polling, except for the short re-check a shared store needs; every timer and
 * listener is released when the wait ends, however it ends.
 *
 * @example
 * const message = await waitForOutboxMessage(sessions, 'qa-1', { to: 'ada@example.com', contains: 'code' }, { timeoutMs: 5_000 });
 */
export function waitForOutboxMessage(
  sessions: SessionRegistry,
  id: string,
  criteria: OutboxCriteria,
  options: OutboxWaitOptions,
): Promise<ListedOutboxMessage | undefined> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return resolve(undefined);
    let finished = false;
    let looking = false;
    let lookAgain = false;
    let timedOut = false;
    const finish = (message: ListedOutboxMessage | undefined, error?: Error) => {
      if (finished) return;
      finished = true;
      stopWatching();
      realClearTimeout(timeout);
      realClearInterval(recheck);
      options.signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(message);
      else reject(error);
    };
    const onAbort = () => finish(undefined);
    // One look at a time; news that arrives during a look asks for one more after it.
    const look = () => {
      if (finished) return;
      if (looking) {
        lookAgain = true;
        return;
      }
      looking = true;
      lookAgain = false;
      const done = (message: ListedOutboxMessage | undefined) => {
        looking = false;
        if (message || timedOut) finish(message);
        else if (lookAgain) look();
      };
      try {
        // A session not made yet has sent nothing, and waiting for it does not make it (a mistyped id in a CI step
        // would take a place under --max-sessions); the app's first request makes it, and its news wakes this wait.
        const found = sessions.updateExisting(id, (session) => takeNextOutboxMessage(session, criteria, options.after, sessions.userKey));
        if (found instanceof Promise) found.then(done, (error: unknown) => finish(undefined, error as Error));
        else done(found);
      } catch (error) {
        finish(undefined, error as Error);
      }
    };
    options.signal?.addEventListener('abort', onAbort);
    const stopWatching = sessions.watch(id, look);
    // A look in flight when the time is up still counts (with timeoutMs 0 on a shared store, it is the only one).
    const timeout = realSetTimeout(() => {
      timedOut = true;
      if (!looking) finish(undefined);
    }, options.timeoutMs);
    const recheck = sessions.storeKind === 'memory' ? undefined : realSetInterval(look, SHARED_STORE_RECHECK_MS);
    look();
  });
}

/** What `waitForMessage()` throws when no matching message came in time: the message says what was waited for. */
export class OutboxWaitTimeoutError extends Error {
  override name = 'OutboxWaitTimeoutError';
  /** Also an error of this class that the package's other build threw (see stampErrorClass). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isErrorOfClass(this, OutboxWaitTimeoutError, 'OutboxWaitTimeoutError', value);
  }
  constructor(
    readonly session: string,
    readonly criteria: OutboxCriteria,
    readonly timeoutMs: number,
    /** What the outbox held when the wait gave up (the latest few), to show what was sent instead. */
    readonly outbox: readonly ListedOutboxMessage[],
  ) {
    const seen = outbox.map(
      (message) => `    #${message.seq} ${message.channel} to ${message.to}: ${message.subject}${message.waited ? ' (returned by an earlier wait)' : ''}`,
    );
    super(
      `no outbox message (${describeOutboxCriteria(criteria)}) in session "${session}" within ${timeoutMs} ms` +
        (seen.length > 0 ? `; the outbox holds:\n${seen.join('\n')}` : '; the outbox is empty'),
    );
    stampErrorClass(this, 'OutboxWaitTimeoutError');
  }
}
