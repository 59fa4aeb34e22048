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
  return pino({ level: config.logLevel, ...(config.prettyLogs ? { transport: prettyLogTransport() } : {}) });
}
