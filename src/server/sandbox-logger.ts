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
  return pino({
    level: config.logLevel,
    hooks: { logMethod: withoutRepeatedFastifyLines },
    ...(config.prettyLogs ? { transport: prettyLogTransport() } : {}),
  });
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
