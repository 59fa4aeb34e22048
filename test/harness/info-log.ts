import type { FastifyBaseLogger } from 'fastify';

/**
 * A Fastify logger that keeps the messages it is given at info (the level `serve` logs at by default) and, apart, at
 * warn (CI's level), for tests that check what an operator reads; it drops the other levels.
 *
 * @example
 * const { logger, messages } = createInfoLog();
 * await createTestSandbox(config, { shared: { store, logger } }); // messages: ['session "a" forgotten: ...']
 */
export function createInfoLog(): { logger: FastifyBaseLogger; messages: string[]; warnings: string[] } {
  const messages: string[] = [];
  const warnings: string[] = [];
  const logger = {
    level: 'info',
    info: (_fields: unknown, message?: string) => messages.push(String(message)),
    warn: (_fields: unknown, message?: string) => warnings.push(String(message ?? _fields)),
    error: () => undefined,
    fatal: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
    silent: () => undefined,
    child: () => logger,
  } as unknown as FastifyBaseLogger;
  return { logger, messages, warnings };
}
