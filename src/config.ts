import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCacheDir } from './cache-dir.js';
import { ConfigError } from './config-error.js';
import { toMagicLinkUrl } from './magic-link-url.js';
import { toDidYouMean } from './engine/edit-distance.js';
import { isSurfaceId, SURFACE_IDS, type SurfaceId } from './surfaces/registry.js';
import { SOURCE_ROOT } from './source-root.js';

/** Which browser origins may call the sandbox: any (reflected, with credentials, as Prism does), none, or a list. */
export type CorsSetting = 'any' | 'off' | readonly string[];

/** Everything the app needs to start, validated once. Only main.ts/cli.ts read process.env/argv to build it. */
export interface Config {
  port: number;
  host: string;
  /** Serve only this surface, at `/` (so a vendor SDK can use the mock as its base URL unchanged). */
  surface: SurfaceId | undefined;
  /** Scenario every new session starts in, unless it picks one. */
  scenario: string;
  specsDir: string;
  /**
   * Your own scenarios (`<dir>/<surface>/<name>.yaml`), added to the shipped ones; a file with the same surface and
   * name as a shipped scenario replaces it. Undefined: the shipped scenarios only.
   */
  scenariosDir: string | undefined;
  /**
   * Where a start keeps the scenario files it parsed and checked, for the next start to reuse those whose text has not
   * changed (the shipped ones come from the build's snapshot instead). Undefined: none (the programmatic default; the
   * command's is the user's cache directory, see toCacheDir).
   */
  cacheDir: string | undefined;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  prettyLogs: boolean;
  /** Validate every vendor response against its spec before sending it (a violation becomes a sandbox error). */
  validateResponses: boolean;
  /** Answer every request with a generated body, as `Prefer: dynamic=true` (a request's `dynamic=false` opts out). */
  dynamic: boolean;
  /** Requests kept per session in the journal. */
  journalSize: number;
  /** Sessions idle longer than this are forgotten. */
  sessionTtlMs: number;
  /** At most this many sessions are kept; the least recently used one is forgotten first. */
  maxSessions: number;
  /** Larger request bodies are refused with a 413 problem+json (MOCK_ERR_BODY_TOO_LARGE). */
  bodyLimitBytes: number;
  /** A request (headers and body) must arrive within this time, else 408 (slow or stalled clients cannot pin sockets). */
  requestTimeoutMs: number;
  /** Request line plus headers larger than this are refused with 431 (MOCK_ERR_HEADERS_TOO_LARGE). */
  maxHeaderBytes: number;
  /** Who may reach /__admin: loopback clients only (default), or any address the server listens on. */
  adminAccess: 'loopback' | 'any';
  /** When set, every /__admin request must send `Authorization: Bearer <token>`. */
  adminToken: string | undefined;
  /**
   * Which web origins may call the sandbox from a browser (CORS, on every surface, the admin API, docs and specs):
   * `'any'` reflects every Origin with credentials allowed (as Prism does), `'off'` sends no CORS headers, or a list
   * of origins such as `['http://localhost:5173']`.
   */
  cors: CorsSetting;
  /**
   * The app's page a Flashback magic link opens, `{token}` where the link's token goes
   * (`http://localhost:5173/mfa/magic-link?token={token}`): the vendor's e-mail links to the app, which redeems the
   * token itself (POST /mfa/magic-link/activate or verify-login). Undefined: the sandbox's own page that follows it.
   */
  magicLinkUrl: string | undefined;
  /**
   * Where sessions live: undefined for the embedded in-memory store (the default), or a `postgres://` URL so several
   * replicas share durable sessions. It may hold a password: print it only through `toRedactedStateUrl`.
   */
  stateUrl: string | undefined;
}

const packageRoot = resolve(fileURLToPath(SOURCE_ROOT), '..');
/** The installed package's root (the repo, or the directory holding dist/ once built). */
export const PACKAGE_ROOT = packageRoot.endsWith('/dist') ? resolve(packageRoot, '..') : packageRoot;

/** The scenarios the package ships; always loaded, before the user's own (Config.scenariosDir). */
export const SHIPPED_SCENARIOS_DIR = resolve(PACKAGE_ROOT, 'scenarios');

export const DEFAULT_CONFIG: Config = {
  port: 4010,
  host: '127.0.0.1',
  surface: undefined,
  scenario: 'default',
  specsDir: resolve(PACKAGE_ROOT, 'specs'),
  scenariosDir: undefined,
  cacheDir: undefined,
  logLevel: 'info',
  prettyLogs: false,
  validateResponses: true,
  dynamic: false,
  journalSize: 100,
  sessionTtlMs: 30 * 60_000,
  maxSessions: 10_000,
  bodyLimitBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
  adminAccess: 'loopback',
  adminToken: undefined,
  cors: 'any',
  magicLinkUrl: undefined,
  stateUrl: undefined,
};

export { ConfigError };

/**
 * A flag or environment value the sandbox cannot use (out of range, misspelt, naming no scenario): a usage problem,
 * which the CLI tells from a broken file it was pointed at (exit 2, as an unknown flag, against 1).
 */
export class UnusableSettingError extends ConfigError {}

/**
 * A whole number written in decimal digits, within bounds. `Number()` alone would read `''` as 0 (an empty `--port`
 * would listen on a random port), `0x1F90` as 8080 and `1e3` as 1000.
 */
export function toInteger(name: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

const SWITCH_VALUES = new Map([
  ['on', true],
  ['true', true],
  ['yes', true],
  ['1', true],
  ['off', false],
  ['false', false],
  ['no', false],
  ['0', false],
]);

/** An on/off setting; anything but the usual spellings is a mistake to report, never silently "on". */
export function toSwitch(name: string, raw: string): boolean {
  const value = SWITCH_VALUES.get(raw.trim().toLowerCase());
  if (value === undefined) throw new ConfigError(`${name} must be on or off (or true|false, yes|no, 1|0), got "${raw}"`);
  return value;
}

/**
 * `--cors` / MFA_SANDBOX_CORS: `off`, `any` (or `*`), or comma-separated origins (`scheme://host[:port]`), each
 * written as a browser sends it in `Origin` (a trailing slash is dropped, the host lower-cased, a default port left out).
 *
 * @example
 * toCorsSetting('http://localhost:5173, http://127.0.0.1:3000') // ['http://localhost:5173', 'http://127.0.0.1:3000']
 */
export function toCorsSetting(raw: string): CorsSetting {
  const value = raw.trim();
  // Keywords in any letter case, as the switches and log levels are read (`--cors OFF` was taken for an origin).
  if (value.toLowerCase() === 'off') return 'off';
  if (value.toLowerCase() === 'any' || value === '*') return 'any';
  const origins = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (origins.length === 0) throw new ConfigError('cors must be off, any, or a comma-separated list of origins such as http://localhost:5173');
  return [
    ...new Set(
      origins.map((entry) => {
        const url = URL.canParse(entry) ? new URL(entry) : undefined;
        const isOriginOnly = url !== undefined && url.origin !== 'null' && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
        if (!isOriginOnly) throw new ConfigError(`cors origin "${entry}" is not an origin: write scheme://host[:port], e.g. http://localhost:5173`);
        return url.origin;
      }),
    ),
  ];
}

/**
 * `--state` / MFA_SANDBOX_STATE_URL: `memory` (the default) or a PostgreSQL URL.
 *
 * @example
 * toStateUrl('postgres://sandbox:secret@db:5432/mfa') // 'postgres://sandbox:secret@db:5432/mfa'
 * toStateUrl('memory') // undefined
 */
export function toStateUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (value.toLowerCase() === 'memory') return undefined;
  // Only a flag reaches here empty (an empty variable is an unset one): `--state "$STATE_URL"` with the variable
  // unset, which started replicas that silently shared nothing.
  if (value === '') throw new ConfigError('state must be memory or a PostgreSQL URL such as postgres://user:password@host:5432/database, got an empty value');
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname) {
    throw new ConfigError(
      `state must be memory or a PostgreSQL URL such as postgres://user:password@host:5432/database, got "${toRedactedStateUrl(value)}"${hasUnencodedUserInfo(value) ? PERCENT_ENCODE_HINT : ''}`,
    );
  }
  // The driver takes the host from after the first `@` of the authority, URL parsers from after the last; a `#` ends
  // the URL for both. A raw `@` or `#` in a password so made the driver try a host cut from the password while the
  // messages named the real one.
  if (hasAmbiguousUserInfo(value, url)) {
    throw new ConfigError(`state: the user or password in "${toRedactedStateUrl(value)}" has an unencoded @ or #${PERCENT_ENCODE_HINT}`);
  }
  // The driver decodes them and would fail with a bare "URI malformed", naming neither the setting nor the cause.
  if (!isPercentEncodedText(url.username) || !isPercentEncodedText(url.password)) {
    throw new ConfigError(`state: the user or password in "${toRedactedStateUrl(value)}" is not percent-encoded text${PERCENT_ENCODE_HINT}`);
  }
  return value;
}

const PERCENT_ENCODE_HINT = ' (percent-encode these characters of a user or password: / as %2F, ? as %3F, # as %23, @ as %40, % as %25)';

/** Whether a `/`, `?` or `#` stands before the last `@` (after the scheme): in a user or password, it breaks the URL. */
function hasUnencodedUserInfo(value: string): boolean {
  const afterScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const at = afterScheme.lastIndexOf('@');
  return at > 0 && /[/?#]/.test(afterScheme.slice(0, at));
}

/** More than one `@` in the authority (up to the first `/` or `?` after the scheme), or a fragment: no PostgreSQL URL has either. */
function hasAmbiguousUserInfo(value: string, url: URL): boolean {
  const authority = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?]/)[0]!;
  return url.hash !== '' || value.endsWith('#') || authority.split('@').length > 2;
}

function isPercentEncodedText(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/**
 * A state URL fit for logs and errors: its password (in the user part, a `password=` or an `sslpassword=` parameter)
 * replaced by `***`.
 * Also in a URL that does not parse: a password with an unencoded `/`, `#`, `?` or `@` (base64 secrets have them)
 * is everything from the user's `:` to the last `@`, so none of it shows.
 *
 * @example
 * toRedactedStateUrl('postgres://sandbox:secret@db:5432/mfa') // 'postgres://sandbox:***@db:5432/mfa'
 * toRedactedStateUrl('postgres://u:abc/d+e==@db/mfa') // 'postgres://u:***@db/mfa'
 */
export function toRedactedStateUrl(raw: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw);
  const start = scheme ? scheme[0].length : 0;
  const at = raw.lastIndexOf('@');
  const colon = raw.indexOf(':', start);
  const withoutPassword = at > start && colon >= 0 && colon < at ? `${raw.slice(0, colon)}:***${raw.slice(at)}` : raw;
  return withoutPassword.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***'); // libpq's sslpassword unlocks the client key
}

/**
 * The environment with its empty (or blank) variables read as unset. A view, not a copy: each variable is read from
 * the environment when it is asked for, as before (the deployment tests learn which ones loadConfig reads that way).
 */
function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return new Proxy(env, {
    get: (target, name) => {
      const value = Reflect.get(target, name) as unknown;
      return typeof value === 'string' && value.trim() === '' ? undefined : value;
    },
  });
}

/**
 * Build a Config from overrides (already parsed flags) on top of the environment and the defaults.
 *
 * @example
 * loadConfig({ PORT: '4011' }, { surface: 'lerian' }) // port 4011, only lerian at `/`
 */
export function loadConfig(environment: Record<string, string | undefined>, flags: Record<string, string | undefined> = {}): Config {
  const config: Config = { ...DEFAULT_CONFIG };
  // An empty variable is an unset one, every one of them (a compose file's `PORT: ${PORT:-}` with nothing in it); an
  // empty flag is a mistake.
  const env = withoutEmptyValues(environment);
  /** The flag, else the variable, parsed; a refusal names which one it read (a compose file's variable, say). */
  const read = <T>(flag: string, name: string, parse: (value: string) => T): T | undefined => {
    const fromFlag = flags[flag];
    const value = fromFlag ?? env[name];
    if (value === undefined) return undefined;
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new ConfigError(`${fromFlag !== undefined ? `--${flag}` : name}: ${error.message}`);
    }
  };
  config.port = read('port', 'PORT', (value) => toInteger('port', value, 0, 65_535)) ?? config.port;
  // As PORT: an empty variable is unset (never "" for Node's listen, which means every interface); an empty flag is a mistake.
  config.host =
    read('host', 'HOST', (host) => {
      if (host.trim() === '') throw new ConfigError('host must be an address or name to listen on, e.g. 127.0.0.1 or 0.0.0.0, got ""');
      return host.trim();
    }) ?? config.host;
  const surface = read('surface', 'MFA_SANDBOX_SURFACE', (value) => {
    if (!isSurfaceId(value)) throw new ConfigError(`unknown surface "${value}"${toDidYouMean(value, SURFACE_IDS)}; known: ${SURFACE_IDS.join(', ')}`);
    return value;
  });
  if (surface !== undefined) config.surface = surface;
  const scenario = flags.scenario ?? env.MFA_SANDBOX_SCENARIO;
  if (scenario !== undefined) config.scenario = scenario;
  if (flags.specs ?? env.MFA_SANDBOX_SPECS) config.specsDir = resolve((flags.specs ?? env.MFA_SANDBOX_SPECS)!);
  if (flags.scenarios ?? env.MFA_SANDBOX_SCENARIOS) config.scenariosDir = resolve((flags.scenarios ?? env.MFA_SANDBOX_SCENARIOS)!);
  // Blank reads as unset here, then the environment and the default (the CLI refuses an empty flag before this).
  config.cacheDir = toCacheDir(flags['cache-dir']?.trim() || env.MFA_SANDBOX_CACHE_DIR, env);
  const levels = ['silent', 'error', 'warn', 'info', 'debug'] as const;
  const LOG_LEVEL_ALIASES: Record<string, string> = { warning: 'warn', trace: 'debug', fatal: 'error' };
  config.logLevel =
    read('log-level', 'LOG_LEVEL', (value) => {
      // CI systems and other tools spell levels their way (LOG_LEVEL=INFO, WARNING): the same levels. pino's own
      // `trace` and `fatal` (a LOG_LEVEL left for another tool) read as the nearest level here: the sandbox logs
      // nothing finer than debug, and nothing it logs is fatal but a failed start, which is printed at any level.
      const level = value.trim().toLowerCase();
      const known = LOG_LEVEL_ALIASES[level] ?? level;
      if (!(levels as readonly string[]).includes(known)) throw new ConfigError(`log level must be one of ${levels.join(', ')}, got ${JSON.stringify(value)}`);
      return known as Config['logLevel'];
    }) ?? config.logLevel;
  const ttlSeconds = read('session-ttl', 'MFA_SANDBOX_SESSION_TTL_SECONDS', (value) => toInteger('session TTL (seconds)', value, 1, 7 * 24 * 3600));
  if (ttlSeconds !== undefined) config.sessionTtlMs = ttlSeconds * 1000;
  config.maxSessions = read('max-sessions', 'MFA_SANDBOX_MAX_SESSIONS', (value) => toInteger('max sessions', value, 1, 10_000_000)) ?? config.maxSessions;
  config.journalSize = read('journal-size', 'MFA_SANDBOX_JOURNAL_SIZE', (value) => toInteger('journal size', value, 1, 100_000)) ?? config.journalSize;
  config.validateResponses =
    read('validate-responses', 'MFA_SANDBOX_VALIDATE_RESPONSES', (value) => toSwitch('validate responses', value)) ?? config.validateResponses;
  config.dynamic = read('dynamic', 'MFA_SANDBOX_DYNAMIC', (value) => toSwitch('dynamic', value)) ?? config.dynamic;
  config.bodyLimitBytes =
    read('body-limit', 'MFA_SANDBOX_BODY_LIMIT_BYTES', (value) => toInteger('body limit (bytes)', value, 1, 1024 * 1024 * 1024)) ?? config.bodyLimitBytes;
  const timeoutSeconds = read('request-timeout', 'MFA_SANDBOX_REQUEST_TIMEOUT_SECONDS', (value) => toInteger('request timeout (seconds)', value, 1, 3600));
  if (timeoutSeconds !== undefined) config.requestTimeoutMs = timeoutSeconds * 1000;
  config.maxHeaderBytes =
    read('max-header-size', 'MFA_SANDBOX_MAX_HEADER_BYTES', (value) => toInteger('max header size (bytes)', value, 1024, 1024 * 1024)) ?? config.maxHeaderBytes;
  config.adminAccess =
    read('admin-access', 'MFA_SANDBOX_ADMIN_ACCESS', (value) => {
      const access = value.trim().toLowerCase();
      if (access !== 'loopback' && access !== 'any') throw new ConfigError(`admin access must be loopback or any, got "${value}"`);
      return access;
    }) ?? config.adminAccess;
  // A short or blank token would give a false sense of safety; refuse it rather than guard with it.
  const adminToken = read('admin-token', 'MFA_SANDBOX_ADMIN_TOKEN', (value) => {
    if (!/^[\x21-\x7e]{16,}$/.test(value)) throw new ConfigError('admin token must be at least 16 printable characters without spaces');
    return value;
  });
  if (adminToken !== undefined) config.adminToken = adminToken;
  config.cors = read('cors', 'MFA_SANDBOX_CORS', toCorsSetting) ?? config.cors;
  config.magicLinkUrl = read('magic-link-url', 'MFA_SANDBOX_MAGIC_LINK_URL', toMagicLinkUrl) ?? config.magicLinkUrl;
  const state = read('state', 'MFA_SANDBOX_STATE_URL', toStateUrl);
  if (state !== undefined) config.stateUrl = state;
  return config;
}
