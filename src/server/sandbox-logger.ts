import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Config } from '../config.js';
import { prettyLogTransport } from './pretty-log-transport.js';

/**
 * The sandbox's logger at the configured level (undefined when `silent`): pino, as Fastify would make it, but made here
 * so that the sandbox still logs when Fastify runs without a logger of its own (see toFastifyLogging).
 *
 * @example
 * createSandboxLogger({ logLevel: 'warn', prettyLogs: false })?.warn('the state store cannot be reached')
 */
export function createSandboxLogger(config: Pick<Config, 'logLevel' | 'prettyLogs'>): FastifyBaseLogger | undefined {
  if (config.logLevel === 'silent') return undefined;
  const options = { level: config.logLevel, hooks: { logMethod: withoutRepeatedFastifyLines } };
  return config.prettyLogs ? pino({ ...options, transport: prettyLogTransport() }) : pino(options, standardOutputLog());
}

/** Log lines held for a standard output that is not read, at most: a reader that never reads costs no more memory. */
const MAX_UNREAD_LOG_BYTES = 16 * 1024 * 1024;
/** At exit, how long the log waits for its reader to take a byte before it gives up on the lines still held. */
const EXIT_FLUSH_STALL_MS = 1_000;

/**
 * Standard output as pino writes it by default (asynchronously, so a slow reader never holds up an answer), with two
 * bounds for a reader that does not read, as a test fixture that pipes the server's output and never reads the pipe:
 * the lines held for it stop at MAX_UNREAD_LOG_BYTES (later ones are dropped), and the exit does not wait for it for
 * ever. pino flushes its destination synchronously at exit, retrying a full pipe every 100 ms with no end: a SIGTERM
 * after 3,000 requests logged closed the server, then hung in that flush, past the close timeout's own exit (a
 * Python tour's pytest fixture). The flush now gives up once the reader has taken nothing for EXIT_FLUSH_STALL_MS.
 */
function standardOutputLog(): pino.DestinationStream {
  let flushingSince: number | undefined;
  let heldBytes = -1;
  const destination = pino.destination({
    dest: 1,
    sync: false,
    maxLength: MAX_UNREAD_LOG_BYTES,
    // A full pipe: while serving, the write is retried later (asynchronously); in the exit's flush, only while the
    // reader still takes bytes.
    retryEAGAIN: (_error, writing, remaining) => {
      if (flushingSince === undefined) return true;
      if (writing + remaining !== heldBytes) [heldBytes, flushingSince] = [writing + remaining, performance.now()];
      return performance.now() - flushingSince < EXIT_FLUSH_STALL_MS;
    },
  });
  const flushSync = destination.flushSync.bind(destination);
  destination.flushSync = () => {
    flushingSince = performance.now();
    try {
      flushSync();
    } catch {
      // The reader took nothing for a second (or went away): the lines it did not read are lost, as they would be
      // had the process been killed, and the exit goes on.
    } finally {
      flushingSince = undefined;
    }
  };
  return destination;
}

/** The text Fastify's `listen` logs for each address it is bound to. */
const FASTIFY_LISTENING = 'Server listening at ';
/** What Fastify logs when a client leaves before a streamed body was sent whole. */
const FASTIFY_STREAM_CLOSED = 'stream closed prematurely';

/**
 * Every record but two of Fastify's own lines. "Server listening at <address>": the sandbox names its addresses itself
 * (serve's listening line, with the admin API and the QA console; `createSandbox()`'s `url`), and Fastify's line said
 * the address a second time (once per address: a line per network interface when bound to 0.0.0.0). "stream closed
 * prematurely": a `slow-body` answer whose client left has its own line (`-> 200 sent in part: client gone`), and
 * Fastify's, a JSON record without the request's method or url, said it a second time.
 */
function withoutRepeatedFastifyLines(this: pino.Logger, args: Parameters<pino.LogFn>, write: pino.LogFn): void {
  if (typeof args[0] === 'string' && args[0].startsWith(FASTIFY_LISTENING)) return;
  if (args[1] === FASTIFY_STREAM_CLOSED) return;
  write.apply(this, args);
}
