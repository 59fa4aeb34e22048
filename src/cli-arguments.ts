import { parseArgs } from 'node:util';

/**
 * The command line as the CLI reads it: its commands and options, in a module of their own because the built command's
 * launcher (src/launch/) reads the same arguments (which command runs, where the cache is) before the CLI is loaded.
 */
export const COMMANDS = ['serve', 'check', 'scenarios', 'verify', 'conformance', 'proxy'];

export const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  surface: { type: 'string' },
  scenario: { type: 'string' },
  specs: { type: 'string' },
  scenarios: { type: 'string' },
  'cache-dir': { type: 'string' },
  'log-level': { type: 'string' },
  'session-ttl': { type: 'string' },
  'max-sessions': { type: 'string' },
  'journal-size': { type: 'string' },
  state: { type: 'string' },
  'validate-responses': { type: 'string' },
  'body-limit': { type: 'string' },
  'request-timeout': { type: 'string' },
  'max-header-size': { type: 'string' },
  'admin-access': { type: 'string' },
  'admin-token': { type: 'string' },
  cors: { type: 'string' },
  'magic-link-url': { type: 'string' },
  pact: { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'string' },
  upstream: { type: 'string' },
  credentials: { type: 'string' },
  'min-score': { type: 'string' },
  html: { type: 'string' },
  accept: { type: 'string' },
  har: { type: 'string' },
  report: { type: 'string' },
  'upstream-timeout': { type: 'string' },
  'max-violations': { type: 'string' },
  compare: { type: 'string' },
  'session-file': { type: 'string', multiple: true },
  watch: { type: 'boolean' },
  strict: { type: 'boolean' },
  dynamic: { type: 'boolean', short: 'd' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * `--port -1` as `--port=-1`: parseArgs reads a value starting with `-` as the next option and calls the argument
 * ambiguous; a value that looks like a negative number is the option's value here, so the option's own check says
 * what it takes (`port must be an integer between 0 and 65535`).
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && OPTIONS[name as keyof typeof OPTIONS]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/**
 * parseArgs over the CLI's options, strict (an unknown or ambiguous option throws), with the tokens for the CLI's
 * checks of repeated and misplaced options.
 *
 * @example
 * readCliArguments(['check', '--cache-dir', 'off']).positionals // ['check']
 */
export function readCliArguments(argv: readonly string[]) {
  // allowNegative: `--no-dynamic` turns off what MFA_SANDBOX_DYNAMIC=on turned on (a flag wins over its variable).
  return parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true, tokens: true, allowNegative: true });
}
