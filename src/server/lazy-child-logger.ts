import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type FastifyChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
/** Fastify's logger is pino, which can say whether a level would write. */
type Logger = FastifyBaseLogger & { isLevelEnabled(level: string): boolean };

/**
 * A request's logger whose pino child (with the request id bound) is made on the first call that would write.
 * Until then it answers `level` from its parent, and calls below the level do nothing, as pino's would.
 */
class LazyChildLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  #logger(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  #write(level: Level, args: unknown[]): void {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc refuses to spread into pino's overloaded LogFn without it
    if (this.#child || this.parent.isLevelEnabled(level)) (this.#logger()[level] as (...values: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.#child ? this.#child.level : this.parent.level;
  }

  set level(level: string) {
    this.#logger().level = level;
  }

  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger().child(bindings, options);
  }
}

/**
 * Fastify makes a pino child logger for every request. Below info level (`--log-level warn` under load) almost no
 * request writes a line, and making that child was a measurable share of each request's cost; so at those levels the
 * child is made only when a request does log. At info and below every request logs its line, so nothing changes.
 */
export const lazyChildLoggerFactory: FastifyChildLoggerFactory = function (logger, bindings, options) {
  const parent = logger as unknown as Logger;
  if (options.level !== undefined || typeof parent.isLevelEnabled !== 'function' || parent.isLevelEnabled('info')) {
    return logger.child(bindings, options);
  }
  return new LazyChildLogger(parent, bindings, options);
};
