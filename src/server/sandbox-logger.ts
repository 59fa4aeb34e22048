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
    hooks: { logMethod: withoutFastifyListeningLines },
    ...(config.prettyLogs ? { transport: prettyLogTransport() } : {}),
  });
}

/** The text Fastify's `listen` logs for each address it is bound to. */
const FASTIFY_LISTENING = 'Server listening at ';

/**
 * Every record but Fastify's own "Server listening at <address>" line: the sandbox names its addresses itself (serve's
 * listening line, with the admin API and the QA console; `createSandbox()`'s `url`), and Fastify's line said the address
 * a second time (once per address: a line per network interface when bound to 0.0.0.0).
 */
function withoutFastifyListeningLines(this: pino.Logger, args: Parameters<pino.LogFn>, write: pino.LogFn): void {
  if (typeof args[0] === 'string' && args[0].startsWith(FASTIFY_LISTENING)) return;
  write.apply(this, args);
}
