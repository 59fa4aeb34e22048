import { ConfigError, DEFAULT_CONFIG, toCorsSetting, type Config } from './config.js';
import { toMagicLinkUrl } from './magic-link-url.js';
import { toDidYouMean } from './engine/edit-distance.js';
import { isSurfaceId, SURFACE_IDS } from './surfaces/registry.js';

/** What `createSandbox()` takes of Config: all of it but the state store (in-process sessions live in memory). */
export type SandboxConfigOptions = Partial<Omit<Config, 'stateUrl'>>;

/** Where `createSandbox()` differs from the command's defaults: a random port, and quiet. */
const PROGRAMMATIC_DEFAULTS: Partial<Config> = { port: 0, host: '127.0.0.1', logLevel: 'silent' };

type Check = (name: string, value: unknown) => unknown;

/** A value as a message shows it: JSON, but NaN and Infinity as themselves (JSON says null). */
const shown = (value: unknown) => (typeof value === 'number' ? String(value) : JSON.stringify(value));

const integer =
  (min: number, max: number): Check =>
  (name, value) => {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got ${shown(value)}`);
    }
    return value;
  };

const oneOf =
  (...allowed: readonly unknown[]): Check =>
  (name, value) => {
    if (!allowed.includes(value))
      throw new ConfigError(`${name} must be one of ${allowed.map((item) => JSON.stringify(item)).join(', ')}, got ${shown(value)}`);
    return value;
  };

const text: Check = (name, value) => {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${name} must be a non-empty string, got ${shown(value)}`);
  return value;
};

const boolean: Check = (name, value) => {
  if (typeof value !== 'boolean') throw new ConfigError(`${name} must be true or false, got ${shown(value)}`);
  return value;
};

/**
 * Each option's check, with the command's ranges (its flags take the same values): a value the CLI would refuse is
 * refused here too, instead of a sandbox that forgets every session (`maxSessions: 0`) or guards its admin API with a
 * one-letter token.
 */
const CHECKS: { [Key in keyof SandboxConfigOptions]-?: Check } = {
  port: integer(0, 65_535),
  host: text,
  surface: (name, value) => {
    if (typeof value !== 'string' || !isSurfaceId(value)) throw new ConfigError(`${name} must be one of ${SURFACE_IDS.join(', ')}, got ${shown(value)}`);
    return value;
  },
  scenario: text,
  specsDir: text,
  scenariosDir: text,
  cacheDir: text,
  logLevel: oneOf('silent', 'error', 'warn', 'info', 'debug'),
  prettyLogs: boolean,
  validateResponses: boolean,
  dynamic: boolean,
  journalSize: integer(1, 100_000),
  sessionTtlMs: integer(1_000, 7 * 24 * 3600 * 1000),
  maxSessions: integer(1, 10_000_000),
  bodyLimitBytes: integer(1, 1024 * 1024 * 1024),
  requestTimeoutMs: integer(1_000, 3_600_000),
  maxHeaderBytes: integer(1024, 1024 * 1024),
  adminAccess: oneOf('loopback', 'any'),
  adminToken: (name, value) => {
    // As the command: a short or blank token would give a false sense of safety.
    if (typeof value !== 'string' || !/^[\x21-\x7e]{16,}$/.test(value))
      throw new ConfigError(`${name} must be at least 16 printable characters without spaces`);
    return value;
  },
  cors: (name, value) => {
    if (value === 'any' || value === 'off') return value;
    if (!Array.isArray(value) || value.length === 0 || !value.every((origin) => typeof origin === 'string')) {
      throw new ConfigError(`${name} must be "any", "off" or a list of origins such as ["http://localhost:5173"], got ${shown(value)}`);
    }
    return toCorsSetting(value.join(','));
  },
  magicLinkUrl: (name, value) => {
    try {
      return toMagicLinkUrl(value);
    } catch (error) {
      throw error instanceof ConfigError ? new ConfigError(`${name}: ${error.message}`) : error;
    }
  },
};

/** Config's one field createSandbox does not take, and why: said instead of "unknown", which reads as a typo. */
const NOT_IN_PROCESS: Readonly<Record<string, string>> = {
  stateUrl:
    'stateUrl is not an option of createSandbox: its sessions live in memory, because its controls (totpCode(), outbox() ...) read them synchronously; for sessions in PostgreSQL, run `mfa-sandbox serve --state postgres://...` and script it over the admin API',
};

function toUnknownOptionProblem(name: string): string {
  if (Object.hasOwn(NOT_IN_PROCESS, name)) return NOT_IN_PROCESS[name]!;
  return `unknown option "${name}"${toDidYouMean(name, [...Object.keys(CHECKS), 'clock'])}`;
}

/**
 * The Config of `createSandbox(options)`: the command's defaults with a random port and quiet logs, then each option
 * given, checked as the command checks its flags. An option set to `undefined` keeps its default
 * (`{ scenario: process.env.SCENARIO }` with the variable unset is the default scenario); an unknown option is refused.
 *
 * @example
 * toSandboxConfig({ cors: ['http://localhost:5173/'] }).cors // ['http://localhost:5173']
 * toSandboxConfig({ maxSessions: 0 }) // throws ConfigError: maxSessions must be an integer between 1 and 10000000, got 0
 */
export function toSandboxConfig(options: unknown): Config {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ConfigError(`createSandbox takes an object of options, got ${shown(options)}`);
  const config: Config = { ...DEFAULT_CONFIG, ...PROGRAMMATIC_DEFAULTS };
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    // Own names only: `hasOwnProperty` or `__proto__` is no option, though every object has it.
    const check = Object.hasOwn(CHECKS, name) ? (CHECKS as Record<string, Check>)[name] : undefined;
    if (!check) throw new ConfigError(`${toUnknownOptionProblem(name)}; createSandbox takes ${[...Object.keys(CHECKS), 'clock'].join(', ')}`);
    (config as unknown as Record<string, unknown>)[name] = check(name, value);
  }
  return config;
}
