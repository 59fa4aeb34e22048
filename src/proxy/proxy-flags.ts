import { ConfigError, toInteger, toSwitch } from '../config.js';
import { isSameFilePath } from '../report-file.js';

/** The flags only `proxy` has, as given on the command line. */
export interface RawProxyFlags {
  upstream?: string | undefined;
  har?: string | undefined;
  report?: string | undefined;
  'upstream-timeout'?: string | undefined;
  'max-violations'?: string | undefined;
  'min-score'?: string | undefined;
  compare?: string | undefined;
}

export interface ProxyFlags {
  upstream: URL;
  harFile: string | undefined;
  reportFile: string | undefined;
  upstreamTimeoutMs: number;
  maxViolations: number | undefined;
  minScore: number | undefined;
  /** Also ask the sandbox each request and compare its answer with the upstream's (default on). */
  compare: boolean;
}

export const DEFAULT_UPSTREAM_TIMEOUT_SECONDS = 30;
/** `serve` listens on 4010 by default; the proxy beside it on 4020. */
export const DEFAULT_PROXY_PORT = 4020;

function toUpstream(raw: string | undefined): URL {
  if (raw === undefined) throw new ConfigError('proxy needs --upstream <base URL>, e.g. --upstream https://staging.example.com/api');
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new ConfigError(`--upstream must be an http:// or https:// URL, got "${raw}" (e.g. http://${raw.replace(/^[a-z]+:\/\//i, '')})`);
  }
  // The URL is printed and written into the report: a password in it would leak. Clients send their own credentials.
  if (url.username || url.password)
    throw new ConfigError('upstream must not carry credentials (user:password@); the client sends its own, and the proxy passes them on');
  if (url.search || url.hash) throw new ConfigError(`upstream must be a base URL without query or fragment, got "${raw}"`);
  return url;
}

/** A flag's value read by `parse`; a refusal names the flag, as loadConfig's do (`--port: port must be ...`). */
function named<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`--${flag}: ${error.message}`);
    throw error;
  }
}

function toScore(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(`min score must be a number between 0 and 1, got "${raw}"`);
  return value;
}

/**
 * Validate the proxy's own flags once, failing fast with a message (exit 2, a usage problem), as loadConfig does for the shared ones.
 *
 * @example
 * toProxyFlags({ upstream: 'http://127.0.0.1:3000', 'max-violations': '0' }).maxViolations // 0
 */
export function toProxyFlags(flags: RawProxyFlags): ProxyFlags {
  // Both files on one path would each replace the other (and race on the way), leaving neither whole.
  if (flags.har !== undefined && flags.report !== undefined && isSameFilePath(flags.har, flags.report)) {
    throw new ConfigError(`--report ${flags.report}: --har writes there too; give each its own file`);
  }
  const compare = flags.compare === undefined ? true : named('compare', () => toSwitch('compare', flags.compare!));
  // Without the comparison there is never a score, and the run would always fail it.
  if (!compare && flags['min-score'] !== undefined) {
    throw new ConfigError(`--min-score ${flags['min-score']}: the score compares the sandbox's answers, which --compare off turns off`);
  }
  return {
    upstream: toUpstream(flags.upstream),
    harFile: flags.har,
    reportFile: flags.report,
    upstreamTimeoutMs:
      named('upstream-timeout', () => toInteger('upstream timeout (seconds)', flags['upstream-timeout'] ?? String(DEFAULT_UPSTREAM_TIMEOUT_SECONDS), 1, 3600)) *
      1000,
    maxViolations:
      flags['max-violations'] === undefined
        ? undefined
        : named('max-violations', () => toInteger('max violations', flags['max-violations']!, 0, Number.MAX_SAFE_INTEGER)),
    minScore: flags['min-score'] === undefined ? undefined : named('min-score', () => toScore(flags['min-score']!)),
    compare,
  };
}
