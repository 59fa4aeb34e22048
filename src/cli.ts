import { dirname } from 'node:path';
import { buildApp, createSessionStore, loadSandboxDefinition } from './app.js';
import { COMMANDS, OPTIONS, readCliArguments } from './cli-arguments.js';
import { ConfigError, DEFAULT_CONFIG, loadConfig, toRedactedStateUrl, UnusableSettingError, type Config } from './config.js';
import { isSameFilePath } from './report-file.js';
import { toUnusableCacheDirReason } from './cache-dir.js';
import type { FastifyInstance } from 'fastify';
import { SURFACE_IDS } from './surfaces/registry.js';
import { toDidYouMean, toMeantNames } from './engine/edit-distance.js';
import { importSessionFile } from './session-file-import.js';
import { readPackageVersion } from './package-version.js';
import { toRoutesBySurface } from './pipeline/check-override.js';
import { startWatchedServer } from './watch/serve-watching.js';
import { isLoopbackHost, toNetworkUrls } from './server/network-addresses.js';
import { toListenProblem, type ListenSettingNames } from './server/listen-problem.js';
import { DEFAULT_PROXY_PORT, toProxyFlags, type RawProxyFlags } from './proxy/proxy-flags.js';
import type { SandboxComparer } from './proxy/exchange-recorder.js';
import { toUnknownVariableWarnings } from './environment-variables.js';
import { ScenarioProblems } from './scenarios/scenario-problems.js';
import { UnknownStartScenarioError } from './scenarios/start-scenario.js';
import { SpecError } from './openapi/load-spec.js';
import { OPEN_ADMIN_WARNING, README_TOKEN_WARNING, toJsonLineIo, toPlainLineIo } from './json-log-lines.js';

/** Where the CLI writes; main.ts passes the process streams, tests pass buffers. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  isTty: boolean;
  /**
   * Called by `serve` once the server listens, before it prints the listening line: main.ts arms its signal handlers
   * here, so a signal sent on seeing that line finds them (before, it would kill the process mid-way). `log` writes
   * lines as the command's own (JSON records beside JSON logs), for what main.ts says while it stops the server.
   */
  onListening?(server: RunningServer, log: Pick<CliIo, 'out' | 'err'>): void;
  /** The same for `proxy`: its `close()` answers the exit code (1 when the run fails --max-violations/--min-score). */
  onProxyListening?(proxy: RunningProxy, log: Pick<CliIo, 'out' | 'err'>): void;
}

/** A running `proxy`: main.ts closes it on SIGINT/SIGTERM and exits with the code `close()` answers. */
export interface RunningProxy {
  url: string;
  close(): Promise<number>;
}

export const USAGE = `mfa-sandbox: a stateful mock of MFA APIs (Flashback, @ackplus/nest-auth, Lerian Identity, GenAuth/Authing)

Usage:
  mfa-sandbox serve [--port 4010] [--host 127.0.0.1] [--surface <id>] [--scenario <name>] [--scenarios <dir>]
                    [--log-level info] [--watch] [--dynamic] [--session-file <file>]... [any option below]
                           serve every surface (or one); what \`mfa-sandbox\` does when given no command
  mfa-sandbox check [--strict] [--scenarios <dir>] [--scenario <name>]
                           validate every spec and scenario; exit 1 listing every problem with its file and JSON
                           pointer (and the warnings of the files without one); --strict: exit 1 on warnings too (a
                           setting its surface never reads, a world no request can sign in to, a file replacing a
                           shipped scenario, a start scenario some surfaces lack)
  mfa-sandbox scenarios    list the scenarios of every surface
  mfa-sandbox verify --pact <file|dir> [--surface <id>] [--junit <file>] [--json <file>]
                     [--scenario <name>] [--scenarios <dir>]
                           verify pact files against the mock and their spec; print a report; exit 1 on any failure
                           --junit/--json also write a JUnit XML/JSON report (a test case per interaction, its spec
                           and mock problems as the failure); exit 2 if a report file cannot be written; an
                           interaction without provider states runs in --scenario, your own scenarios from --scenarios
  mfa-sandbox conformance --surface <id> --upstream <base URL> [--credentials <file>] [--scenario <name>]
                          [--min-score 0..1] [--upstream-timeout 30] [--json <file>] [--html <file>] [--accept <file>]
                           run the surface's built-in flows against a real deployment and a fresh sandbox with
                           identical requests; check every upstream answer against the spec; compare field by field;
                           print per step a line as it is compared, then the score (fields agreeing / fields
                           compared); exit 1 under --min-score (default 1), 2 on bad input or an upstream that cannot
                           be reached or gives no answer within --upstream-timeout seconds; 130 when interrupted
                           (Ctrl-C), with no score.
                           Credentials come from MFA_SANDBOX_UPSTREAM_TOKEN, _EMAIL, _PASSWORD, _USER_ID,
                           _ACCESS_KEY_ID, _ACCESS_KEY_SECRET or a JSON file with those keys (token, email, password,
                           userId, accessKeyId, accessKeySecret): never printed, never in a report. Headers for
                           what stands in front of the vendor (a gateway's key): _HEADERS, or the file's "headers",
                           a JSON object {"x-api-key": "..."}, sent on every upstream request
  mfa-sandbox proxy --surface <id> --upstream <base URL> [--port 4020] [--har <file>] [--report <file>]
                    [--upstream-timeout 30] [--max-violations <n>] [--min-score <0..1>] [--compare on|off]
                           forward every request to the real vendor at the upstream base URL and answer with its reply;
                           check each exchange against the surface's spec (violations printed as they happen), compare
                           it with the sandbox's answer to the same request (--compare, default on); on SIGINT/SIGTERM
                           print a per-operation drift summary and exit 1 over --max-violations (exchanges breaking
                           the spec, or none checked at all) or under --min-score (sandbox fields agreeing), else 0
                           (neither given: always 0);
                           2 at start on bad flags, a port taken or a --har/--report path it cannot write; --har and
                           --report keep a HAR 1.2 and a JSON drift report, updated every second, with credentials
                           and secrets "[redacted]" (missing folders on their paths are made)

Options:
  --port <n>           port to listen on (default 4010, proxy 4020; 0 picks a free one)
  --host <address>     address to listen on (default 127.0.0.1; 0.0.0.0 for every interface, as in a container)
  --log-level <level>  silent | error | warn | info | debug (default info: a line per request; debug adds nothing
                       yet: each request's bodies are in its session's journal; pino's trace and fatal read as
                       debug and error); to a terminal (NO_COLOR unset or empty) plain lines, else JSON, one
                       pino record per line (serve's own lines too); serve's own lines follow the level too, but
                       those naming its URLs and the warning of an admin API open to every client are at every level
  --surface <id>       serve only ${SURFACE_IDS.join(' | ')}, at / (for a vendor SDK's base URL)
  --scenario <name>    scenario new sessions start in, on the surfaces that have it (default: default)
  --specs <dir>        specs directory (default: the package's specs/)
  --scenarios <dir>    your scenarios, <dir>/<surface>/<name>.yaml (or .yml): added to the shipped ones,
                       and a file named like a shipped scenario of its surface replaces it
  --cache-dir <dir|off>  where a start keeps the scenario files it parsed and the built command its compiled code,
                       so the next start skips both (default ~/.cache/mfa-sandbox, or $XDG_CACHE_HOME/mfa-sandbox;
                       none when the home directory does not exist)
  --watch              reload specs and scenarios when their files change, keeping every session; a broken edit
                       is printed with its file and JSON pointer, and the last good version keeps serving (a
                       reload takes every file or none: a broken file holds back the others' edits until fixed)
  --session-file <file>  start with a session exported by GET /__admin/sessions/<id>/export (or the console), under
                       its own id; repeat for several; exit 1 naming each problem's JSON pointer if one cannot load;
                       a session like any other once loaded (--session-ttl and --max-sessions apply)
  --session-ttl <s>    forget sessions idle this many seconds (default 1800)
  --max-sessions <n>   keep at most n sessions, least recently used first out (default 10000)
  --journal-size <n>   requests each session's journal keeps, the newest (default 100); journal/verify fails an
                       expectation the requests it dropped could decide (\`incomplete\`)
  --state <memory|url>  (serve) where sessions live: memory (default) or postgres://user:password@host:5432/db,
                       shared by every replica pointed at it and kept across restarts (tables made at start)
  --validate-responses <on|off>  check every response against the spec (default on)
  -d, --dynamic        (serve) answer every request as "Prefer: dynamic=true" does, a body generated from the
                       response schema (as prism mock -d); a request's "Prefer: dynamic=false" opts out;
                       --no-dynamic turns off MFA_SANDBOX_DYNAMIC=on
  --body-limit <bytes>      refuse larger request bodies with 413 (default 1048576)
  --request-timeout <s>     a request must arrive within this time, else 408 (default 30)
  --max-header-size <bytes> refuse larger request headers with 431 (default 16384)
  --admin-access <loopback|any>  who may reach /__admin (default loopback: this machine only)
  --admin-token <token>     require "Authorization: Bearer <token>" on every /__admin request (16+ characters)
  --cors <off|any|origins>  which web pages may call the sandbox from a browser (CORS): any origin (default),
                            off, or a comma-separated list such as http://localhost:5173,http://localhost:3000
  --magic-link-url <url>    (serve) the app's page a Flashback magic link opens, {token} where its token goes,
                            e.g. http://localhost:5173/mfa/magic-link?token={token}, or the app's deep link
                            (myapp://...); {session} where the session's id goes (default: the sandbox's own page)
  -h, --help           print this text
  -v, --version        print the version

Environment: PORT, HOST, LOG_LEVEL, MFA_SANDBOX_SURFACE, MFA_SANDBOX_SCENARIO, MFA_SANDBOX_SPECS,
MFA_SANDBOX_SESSION_TTL_SECONDS, MFA_SANDBOX_SCENARIOS, MFA_SANDBOX_CACHE_DIR, MFA_SANDBOX_MAX_SESSIONS,
MFA_SANDBOX_JOURNAL_SIZE, MFA_SANDBOX_VALIDATE_RESPONSES, MFA_SANDBOX_BODY_LIMIT_BYTES,
MFA_SANDBOX_REQUEST_TIMEOUT_SECONDS, MFA_SANDBOX_MAX_HEADER_BYTES, MFA_SANDBOX_ADMIN_ACCESS, MFA_SANDBOX_ADMIN_TOKEN,
MFA_SANDBOX_CORS, MFA_SANDBOX_MAGIC_LINK_URL, MFA_SANDBOX_STATE_URL, MFA_SANDBOX_DYNAMIC (on|off, serve).
Flags win over the environment; an empty variable counts as unset, and one of an option a command does not take
(PORT for check; for check and scenarios, which run no sandbox, the session, limit, admin and CORS settings) is
ignored, as that option's flag is refused. Exit 2: an unknown command or option, or a flag or environment value it
cannot use; 1: a problem in a file or directory it reads (spec, scenario, session file, a --specs or --scenarios
directory that is not there) or a failure; conformance answers 2 for any bad input, the files it is given included.`;

/**
 * One command's lines of USAGE (`mfa-sandbox verify --help`), then the entries of Options it takes: the whole list
 * mixed in options only other commands take, which a CI script author learnt of only from their refusal.
 */
export function toCommandUsage(command: string): string | undefined {
  if (!COMMANDS.includes(command)) return undefined;
  const lines = USAGE.split('\n');
  const start = lines.findIndex((line) => line === `  mfa-sandbox ${command}` || line.startsWith(`  mfa-sandbox ${command} `));
  if (start === -1) return undefined;
  let end = start + 1;
  // Its own lines are indented further than the next command's `  mfa-sandbox ...`; a blank line ends them all.
  while (end < lines.length && lines[end]!.startsWith('   ')) end++;
  const taken = new Set(optionsOf(command));
  const options = toOptionEntries(lines).filter((entry) => taken.has(entry.name) && entry.name !== 'help' && entry.name !== 'version');
  return [
    'Usage:',
    ...lines.slice(start, end),
    '',
    `Options of ${command}:`,
    ...options.flatMap((entry) => entry.lines),
    '',
    'Environment, exit codes: mfa-sandbox --help',
  ].join('\n');
}

/** USAGE's Options block, one entry per option: its long name and its lines (`  --port <n> ...` and those under it). */
function toOptionEntries(lines: readonly string[]): Array<{ name: string; lines: string[] }> {
  const entries: Array<{ name: string; lines: string[] }> = [];
  for (let at = lines.indexOf('Options:') + 1; at < lines.length && lines[at] !== ''; at++) {
    const name = /^ {2}(?:-[a-z], )?--([a-z-]+)/.exec(lines[at]!)?.[1];
    if (name !== undefined) entries.push({ name, lines: [lines[at]!] });
    else entries.at(-1)?.lines.push(lines[at]!);
  }
  return entries;
}

/** parseArgs' own words for a flag it cannot read, shortened to what to do about it. */
function toFlagProblem(error: Error, argv: readonly string[]): string {
  const unknown = /^Unknown option '([^']+)'/.exec(error.message);
  if (unknown) {
    const flags = optionsOf(guessCommand(argv)).map((name) => `--${name}`);
    return `unknown option ${unknown[1]}${toDidYouMean(unknown[1]!, flags) || toLongFormHint(unknown[1]!, flags)}`;
  }
  return error.message.replace(/^Option '([^']+)' argument missing$/, "option '$1' needs a value");
}

/**
 * For a one-letter flag the command has no short form of (`-p 4010`, as other servers take it), its long options of
 * that letter: no edit distance finds `--port` from `-p`.
 *
 * @example
 * toLongFormHint('-p', ['--port', '--host']) // ' (did you mean "--port"?)'
 */
function toLongFormHint(flag: string, flags: readonly string[]): string {
  const letter = /^-([a-z])$/i.exec(flag)?.[1];
  if (letter === undefined) return '';
  return toMeantNames(flags.filter((candidate) => candidate.startsWith(`--${letter}`)));
}

/** The command a command line that did not parse names, as far as one can tell: its first word that is a command. */
function guessCommand(argv: readonly string[]): string {
  return argv.find((word) => COMMANDS.includes(word)) ?? 'serve';
}

/** The options a command reads: the shared ones and its own, not those only other commands read (COMMAND_OPTIONS). */
function optionsOf(command: string): string[] {
  return Object.keys(OPTIONS).filter((name) => {
    const owners = ownersOf(name);
    return owners.length === 0 || owners.includes(command);
  });
}

function ownersOf(option: string): string[] {
  return Object.keys(COMMAND_OPTIONS).filter((owner) => COMMAND_OPTIONS[owner]!.includes(option));
}

/** The variables of options only some commands read: another command ignores them, as it refuses their flags. */
const OPTION_VARIABLES: Readonly<Record<string, string>> = {
  port: 'PORT',
  host: 'HOST',
  state: 'MFA_SANDBOX_STATE_URL',
  dynamic: 'MFA_SANDBOX_DYNAMIC',
  'magic-link-url': 'MFA_SANDBOX_MAGIC_LINK_URL',
  'session-ttl': 'MFA_SANDBOX_SESSION_TTL_SECONDS',
  'max-sessions': 'MFA_SANDBOX_MAX_SESSIONS',
  'journal-size': 'MFA_SANDBOX_JOURNAL_SIZE',
  'validate-responses': 'MFA_SANDBOX_VALIDATE_RESPONSES',
  'body-limit': 'MFA_SANDBOX_BODY_LIMIT_BYTES',
  'request-timeout': 'MFA_SANDBOX_REQUEST_TIMEOUT_SECONDS',
  'max-header-size': 'MFA_SANDBOX_MAX_HEADER_BYTES',
  'admin-access': 'MFA_SANDBOX_ADMIN_ACCESS',
  'admin-token': 'MFA_SANDBOX_ADMIN_TOKEN',
  cors: 'MFA_SANDBOX_CORS',
};

/**
 * The environment as `command` reads it: without the variables of options it does not take. A CI job's `PORT=abc`
 * or `PORT=tcp://10.0.0.1:4010` (what a linked container sets) stopped `check` and `verify`, which listen on no port.
 */
function forCommand(command: string, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const ignored = Object.entries(OPTION_VARIABLES).filter(([option, name]) => env[name] !== undefined && !optionsOf(command).includes(option));
  if (ignored.length === 0) return env;
  const kept = { ...env };
  for (const [, name] of ignored) delete kept[name];
  return kept;
}

/**
 * The first option given more than once that takes one value (`--scenarios a --scenarios b`): parseArgs keeps the last
 * without a word, so the first would be dropped silently. Options marked `multiple` may repeat.
 */
function repeatedOption(tokens: ReadonlyArray<{ kind: string; name?: string }>): string | undefined {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const option = OPTIONS[token.name as keyof typeof OPTIONS] as { multiple?: boolean } | undefined;
    if (option?.multiple) continue;
    if (seen.has(token.name)) return token.name;
    seen.add(token.name);
  }
  return undefined;
}

/**
 * The first option given an empty value: `--scenarios "$SCENARIOS_DIR"` with the variable unset read as no flag at all,
 * so `check` passed on the shipped files alone. An empty variable is an unset one (loadConfig); an empty flag is a
 * mistake, for every option alike.
 */
function emptyOption(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string }>): string | undefined {
  return tokens.find((token) => token.kind === 'option' && typeof token.value === 'string' && token.value.trim() === '')?.name;
}

/** Options whose `--no-` form means something: only `--no-dynamic`, which turns off MFA_SANDBOX_DYNAMIC=on. */
const NEGATABLE_OPTIONS: ReadonlySet<string> = new Set(['dynamic']);

/** The first `--no-<option>` of an option without one: parseArgs takes any (`--no-help` started a server). */
function unknownNegation(tokens: ReadonlyArray<{ kind: string; name?: string; rawName?: string }>): string | undefined {
  return tokens.find((token) => token.kind === 'option' && token.rawName === `--no-${token.name}` && !NEGATABLE_OPTIONS.has(token.name!))?.rawName;
}

/**
 * How a running sandbox answers and keeps its sessions: read by the commands that run one (serve, and verify,
 * conformance and proxy, whose sandbox lives for one run), not by check and scenarios, which only load the specs and
 * scenarios (`check --journal-size 5` was taken without a word, and a bad MFA_SANDBOX_JOURNAL_SIZE stopped it).
 */
const RUNNING_SANDBOX_OPTIONS = [
  'session-ttl',
  'max-sessions',
  'journal-size',
  'validate-responses',
  'body-limit',
  'request-timeout',
  'max-header-size',
  'admin-access',
  'admin-token',
  'cors',
] as const;

/** Options only some commands read; given to another, they were ignored without a word (`serve --pact x`). */
const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  // Only the commands that listen take an address (verify and conformance run their sandbox on a random port), and
  // only serve keeps sessions anywhere but in memory (the others' sandboxes live for one run).
  serve: ['watch', 'session-file', 'dynamic', 'port', 'host', 'state', 'magic-link-url', ...RUNNING_SANDBOX_OPTIONS],
  check: ['strict'],
  verify: ['pact', 'junit', 'json', ...RUNNING_SANDBOX_OPTIONS],
  conformance: ['upstream', 'credentials', 'min-score', 'upstream-timeout', 'json', 'html', 'accept', ...RUNNING_SANDBOX_OPTIONS],
  proxy: ['upstream', 'har', 'report', 'upstream-timeout', 'max-violations', 'min-score', 'compare', 'port', 'host', ...RUNNING_SANDBOX_OPTIONS],
};

/** A command's own option for what another command's misplaced one does (`proxy --json`: its report is `--report`). */
const OWN_EQUIVALENTS: Record<string, Record<string, string>> = {
  proxy: { json: 'report' },
  conformance: { report: 'json' },
  verify: { report: 'json' },
};

/** The first option given to a command that does not read it, with the commands that do. */
function misplacedOption(command: string, tokens: ReadonlyArray<{ kind: string; name?: string }>): { name: string; owners: string[] } | undefined {
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const owners = ownersOf(token.name);
    if (owners.length > 0 && !owners.includes(command)) return { name: token.name, owners };
  }
  return undefined;
}

/** A running `serve`: main.ts closes it on SIGINT/SIGTERM. */
export interface RunningServer {
  /** The app serving now (with `--watch`, the last good version). */
  readonly app: FastifyInstance;
  url: string;
  /** Stop serving and release the sessions' store. */
  close(): Promise<void>;
}

/** Import each `--session-file` into the app's sessions before it listens; a file that cannot load closes the app. */
async function loadSessionFiles(built: Awaited<ReturnType<typeof buildApp>>, sessionFiles: string[], io: CliIo): Promise<void> {
  try {
    const loadedFrom = new Map<string, string>();
    const loaded: string[] = [];
    for (const [index, file] of sessionFiles.entries()) {
      const twice = sessionFiles.slice(0, index).find((earlier) => isSameFilePath(earlier, file));
      if (twice !== undefined) throw new UnusableSettingError(`--session-file ${file} is given twice (as ${twice}); give each file once`);
      const imported = await importSessionFile(built.sessions, toRoutesBySurface(built.specs), file);
      // The second would silently replace the first (the same file twice, or two exports of one session id).
      const earlier = loadedFrom.get(imported.session);
      if (earlier !== undefined)
        throw new ConfigError(`--session-file ${file}: session "${imported.session}" was already loaded from ${earlier}; give each session one file`);
      loadedFrom.set(imported.session, file);
      loaded.push(`mfa-sandbox: session "${imported.session}" loaded from ${file} (${imported.worlds.join(', ')}; clock: ${imported.clock})`);
    }
    // Said once every file loaded: a start that fails on a later one has loaded nothing it will serve.
    for (const line of loaded) io.out(line);
  } catch (error) {
    await built.app.close();
    throw error;
  }
}

/** Build the app once and listen on it. */
async function listen(config: Config, sessionFiles: string[], io: CliIo): Promise<RunningServer> {
  const built = await buildApp(config);
  const { app, warnings, notes } = built;
  for (const note of notes) io.out(`mfa-sandbox: ${note}`);
  for (const warning of warnings) io.err(`mfa-sandbox: warning: ${warning}`);
  await loadSessionFiles(built, sessionFiles, io);
  const url = await app.listen({ port: config.port, host: config.host }).catch(async (error: unknown) => {
    await app.close(); // its store (a PostgreSQL pool) and timers, which would keep the process alive
    throw error;
  });
  return { app, url, close: () => app.close() };
}

/** Build the app and listen, then rebuild and swap it in on every change of the specs and scenarios (`--watch`). */
async function listenWatching(config: Config, sessionFiles: string[], io: CliIo): Promise<RunningServer> {
  let first = true;
  const server = await startWatchedServer({
    config,
    createStore: () => createSessionStore(config),
    build: async (shared) => {
      const built = await buildApp(config, { shared });
      // Session files go into the shared store once, with the first version; later versions find them there.
      if (first) await loadSessionFiles(built, sessionFiles, io);
      first = false;
      return built;
    },
    out: (line) => io.out(line),
    err: (line) => io.err(line),
  });
  for (const note of server.notes) io.out(`mfa-sandbox: ${note}`);
  for (const warning of server.warnings) io.err(`mfa-sandbox: warning: ${warning}`);
  return server;
}

/** The port's and host's settings as the user gave them: the flag, else the variable when it is set (as loadConfig reads them). */
function toListenSettingNames(flags: Record<string, string | undefined>, env: NodeJS.ProcessEnv): ListenSettingNames {
  const fromEnvironment = (flag: string, variable: string) => flags[flag] === undefined && (env[variable]?.trim() ?? '') !== '';
  return { port: fromEnvironment('port', 'PORT') ? 'PORT' : '--port', host: fromEnvironment('host', 'HOST') ? 'HOST' : '--host' };
}

/**
 * The server's URL as a page and the README name it. Bound to every IPv6 interface, the server reports
 * http://[::]:<port>, which no browser opens. Bound to 127.0.0.1 (the default), it is `localhost` too: to a browser
 * `127.0.0.1` is another site than a dev server on `localhost:5173`, whose SameSite=Lax cookies (nest-auth's cookie
 * mode, the session cookie) it then drops without a word, and the README's URLs all say `localhost`.
 */
function toBrowsableUrl(url: string): string {
  return url.replace(/^http:\/\/(\[::\]|127\.0\.0\.1):/, 'http://localhost:');
}

interface ServeOptions {
  watch: boolean;
  sessionFiles: string[];
  settingNames: ListenSettingNames;
}

async function serve(config: Config, io: CliIo, { watch, sessionFiles, settingNames }: ServeOptions): Promise<RunningServer> {
  const server = await (watch ? listenWatching(config, sessionFiles, io) : listen(config, sessionFiles, io)).catch((error: unknown) => {
    // A port taken, or a host this machine does not have, is a setting to change (exit 2), as with the proxy.
    const problem = toListenProblem(error, config.port, config.host, settingNames);
    throw problem ? new UnusableSettingError(problem) : error;
  });
  const url = toBrowsableUrl(server.url);
  io.onListening?.(server, io);
  const where = config.surface ? `${config.surface} at ${url}/` : `${SURFACE_IDS.join(', ')} at ${url}/<surface>`;
  const state = config.stateUrl === undefined ? 'in memory' : `in PostgreSQL at ${toRedactedStateUrl(config.stateUrl)}`;
  const bound = new URL(url);
  const networkUrls = toNetworkUrls(config.host, Number(bound.port), undefined, bound.hostname);
  // A phone on the Wi-Fi got "connection refused" with nothing saying why (the Android emulator, routed in as loopback, worked).
  const local =
    networkUrls.length === 0 && (isLoopbackHost(config.host) || isLoopbackHost(bound.hostname))
      ? '; this machine only (--host 0.0.0.0 for a phone or another machine)'
      : '';
  io.out(
    `mfa-sandbox listening: ${where}; admin ${url}/__admin, QA console ${url}/__console; default scenario "${config.scenario}"; sessions ${state}${config.dynamic ? '; every answer generated (--dynamic)' : ''}${watch ? '; watching specs and scenarios' : ''}${local}`,
  );
  if (networkUrls.length > 0) {
    io.out(`mfa-sandbox on the network: ${networkUrls.join(', ')} (other devices use <that URL>/<surface>)`);
    if (config.adminAccess === 'loopback') {
      io.err(
        'mfa-sandbox: note: the admin API and the QA console answer this machine only; to use them from another device, ' +
          'add --admin-access any --admin-token <16+ characters>',
      );
    }
  }
  if (config.adminAccess === 'any' && config.adminToken === undefined) {
    io.err(
      `${OPEN_ADMIN_WARNING}: every client that reaches this server may read, change and reset ` +
        'every session; add --admin-token <16+ characters> (MFA_SANDBOX_ADMIN_TOKEN)',
    );
  }
  // The README's Docker and compose examples name a token; copied as it is, anyone who read the README holds it.
  if (config.adminAccess === 'any' && config.adminToken === README_EXAMPLE_ADMIN_TOKEN) {
    io.err(
      `${README_TOKEN_WARNING} (${README_EXAMPLE_ADMIN_TOKEN}): anyone who read the README can read, ` +
        'change and reset every session of this server; choose a secret of your own (e.g. openssl rand -hex 24)',
    );
  }
  warnIfCacheDirUnusable(config, io);
  return server;
}

/**
 * Say once that the cache directory cannot be written: both caches fail quietly by design, so every start would parse
 * the scenario files and compile the server again without a word. Not a problem of the files `check --strict` counts.
 */
function warnIfCacheDirUnusable(config: Config, io: CliIo): void {
  const cacheProblem = config.cacheDir === undefined ? undefined : toUnusableCacheDirReason(config.cacheDir);
  if (cacheProblem === undefined) return;
  io.err(
    `mfa-sandbox: warning: the cache directory ${config.cacheDir} cannot be written (${cacheProblem}): every start parses your ` +
      'scenario files and compiles the server again; choose another with --cache-dir <dir> (MFA_SANDBOX_CACHE_DIR), or say none with --cache-dir off',
  );
}

/** The admin token the README's Docker and compose examples show (compose.yaml too). */
const README_EXAMPLE_ADMIN_TOKEN = 'replace-me-with-a-long-secret';

/**
 * `check`: 0 when every spec and scenario loads; with `strict`, 1 when any warning was printed too (for CI), and then
 * no `ok` line: a pipeline log reading "ok" beside a failed step sends its reader to the wrong place.
 */
async function check(config: Config, io: CliIo, strict: boolean): Promise<number> {
  const { specs, routes, catalogue, warnings } = await loadSandboxDefinition(config, { checkEveryExample: true });
  for (const warning of warnings) io.err(`mfa-sandbox: warning: ${warning}`);
  warnIfCacheDirUnusable(config, io);
  if (strict && warnings.length > 0) {
    io.err(`mfa-sandbox: check --strict: ${warnings.length} warning${warnings.length === 1 ? '' : 's'}, counted as problems`);
    return 1;
  }
  for (const [surface, spec] of specs) {
    const scenarios = catalogue.get(surface)?.size ?? 0;
    io.out(`ok  ${surface}: ${spec.file} (${routes.get(surface)?.length ?? 0} operations), ${scenarios} scenarios`);
  }
  return 0;
}

async function listScenarios(config: Config, io: CliIo): Promise<number> {
  const { catalogue } = await loadSandboxDefinition(config);
  for (const [surface, scenarios] of catalogue) {
    io.out(`${surface}`);
    for (const scenario of scenarios.values()) io.out(`  ${scenario.name.padEnd(16)} ${scenario.description}`);
  }
  return 0;
}

interface VerifyFlags {
  pact?: string | undefined;
  junit?: string | undefined;
  json?: string | undefined;
}

async function verify(config: Config, flags: VerifyFlags, env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const pactPath = flags.pact;
  if (!pactPath) {
    io.err(`mfa-sandbox: verify needs --pact <file|dir>\n\n${toCommandUsage('verify') ?? USAGE}`);
    return 2;
  }
  // The sandbox works offline: Pact's native library sends usage data unless this is set (main.ts passes the
  // process environment, so the library sees it); a user's own setting wins.
  env.PACT_DO_NOT_TRACK ??= 'true';
  // Loaded on demand: Pact's native library is only needed here, not to serve.
  const { runVerifyCommand } = await import('./contracts/verify-command.js');
  const startSandbox = async () => {
    const logLevel = config.logLevel === DEFAULT_CONFIG.logLevel ? 'silent' : config.logLevel; // the report is the output
    // Each verification runs in its own fresh sandbox, on the memory store: nothing to share, nothing to keep.
    // Without injected faults: a pact cannot state a dropped connection or a delay, so they could only fail it at random.
    const { app, sessions, specs } = await buildApp({ ...config, port: 0, host: '127.0.0.1', logLevel, stateUrl: undefined }, { faults: false });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return { sessions, specs, surfaceUrl: (surface: string) => (config.surface ? url : `${url}/${surface}`), close: () => app.close() };
  };
  return runVerifyCommand({
    pactPath,
    surface: config.surface,
    junitPath: flags.junit,
    jsonPath: flags.json,
    out: (line) => io.out(line),
    err: (line) => io.err(line),
    startSandbox,
  });
}

interface ConformanceFlags {
  surface?: string | undefined;
  upstream?: string | undefined;
  credentials?: string | undefined;
  'min-score'?: string | undefined;
  'upstream-timeout'?: string | undefined;
  json?: string | undefined;
  html?: string | undefined;
  accept?: string | undefined;
}

async function conformance(config: Config, flags: ConformanceFlags, env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  // Loaded on demand: only this command needs the catalogues and otplib's code generation.
  const { runConformanceCommand } = await import('./conformance/conformance-command.js');
  return runConformanceCommand({
    surface: flags.surface,
    upstream: flags.upstream,
    credentialsFile: flags.credentials,
    scenario: config.scenario,
    minScore: flags['min-score'],
    upstreamTimeout: flags['upstream-timeout'],
    jsonPath: flags.json,
    htmlPath: flags.html,
    acceptPath: flags.accept,
    specsDir: config.specsDir,
    env,
    out: (line) => io.out(line),
    err: (line) => io.err(line),
    async startSandbox(surface) {
      // A fresh sandbox per run, serving only this surface at / (the upstream's paths), on the memory store.
      const logLevel = config.logLevel === DEFAULT_CONFIG.logLevel ? 'silent' : config.logLevel; // the report is the output
      const { app } = await buildApp({ ...config, surface: surface as Config['surface'], port: 0, host: '127.0.0.1', logLevel, stateUrl: undefined });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      return { url, close: () => app.close() };
    },
  });
}

/**
 * `proxy`: forward to the upstream, checking against the spec. Resolves with the exit code once the proxy is closed
 * (main.ts closes it on a signal, through `onProxyListening`).
 */
async function proxy(config: Config, raw: RawProxyFlags, io: CliIo, portGiven: boolean): Promise<number> {
  if (!config.surface) throw new ConfigError(`proxy needs --surface <${SURFACE_IDS.join('|')}>: its spec checks the exchanges`);
  const surface = config.surface;
  const flags = toProxyFlags(raw);
  // Loaded on demand, as verify's and conformance's modules are: serve's cold start never pays for them.
  const [{ runProxyCommand }, { createSandboxComparer }] = await Promise.all([import('./proxy/proxy-command.js'), import('./proxy/sandbox-twin.js')]);
  let sandbox: Awaited<ReturnType<typeof buildApp>> | undefined;
  let compareWithSandbox: SandboxComparer | undefined;
  if (flags.compare) {
    // The sandbox twin: this surface at /, on the memory store, never listening; each request is injected.
    sandbox = await buildApp({ ...config, logLevel: 'silent', stateUrl: undefined });
    const { app } = sandbox;
    compareWithSandbox = createSandboxComparer({
      surface,
      sessions: sandbox.sessions,
      answer: async (request) => {
        const answer = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.body });
        return { status: answer.statusCode, headers: answer.headers as Record<string, string>, body: answer.rawPayload };
      },
    });
  }
  const running = await runProxyCommand({
    ...flags,
    compareWithSandbox,
    surface,
    specsDir: config.specsDir,
    // Its own default port, so `serve` (4010) and `proxy` run side by side as they are; --port/PORT still win.
    port: portGiven ? config.port : DEFAULT_PROXY_PORT,
    host: config.host,
    bodyLimitBytes: config.bodyLimitBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    out: (line) => io.out(line),
    err: (line) => io.err(line),
  });
  return new Promise((resolve) => {
    io.onProxyListening?.(
      {
        url: running.url,
        close: async () => {
          const code = await running.close();
          await sandbox?.app.close();
          resolve(code);
          return code;
        },
      },
      io,
    );
    const files = [flags.harFile && `HAR ${flags.harFile}`, flags.reportFile && `report ${flags.reportFile}`].filter(Boolean).join('; ');
    io.out(
      `mfa-sandbox proxy listening: ${running.url} -> ${flags.upstream.href.replace(/\/$/, '')} (${surface}; spec checked${flags.compare ? ', sandbox compared' : ''}${files ? `; ${files}` : ''})`,
    );
  });
}

/** Commands of the mocks users come from, by the command of ours that does their job (Prism's `prism mock`). */
const PEER_COMMANDS: Record<string, string> = { mock: 'serve' };

function refuseUnknownCommand(command: string, io: CliIo): number {
  // One line, as for an unknown option: the whole usage after it scrolled the error off a terminal.
  const hint = Object.hasOwn(PEER_COMMANDS, command)
    ? ` (did you mean "${PEER_COMMANDS[command]}"? prism ${command} is mfa-sandbox ${PEER_COMMANDS[command]})`
    : toDidYouMean(command, [...COMMANDS, 'help']);
  io.err(`mfa-sandbox: unknown command "${command}"${hint} (commands: ${COMMANDS.join(', ')}; mfa-sandbox --help lists them)`);
  return 2;
}

/**
 * Run one CLI command. Returns the exit code, or the running server for `serve`.
 *
 * @example
 * await runCli(['check'], {}, io) // 0 when every spec and scenario is valid
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number | RunningServer> {
  let parsed;
  try {
    parsed = readCliArguments(argv);
  } catch (error) {
    io.err(`mfa-sandbox: ${toFlagProblem(error as Error, argv)} (mfa-sandbox --help lists the commands and options)`);
    return 2;
  }
  const repeated = repeatedOption(parsed.tokens);
  if (repeated !== undefined) {
    io.err(`mfa-sandbox: --${repeated} is given twice; give it once (mfa-sandbox --help lists the commands and options)`);
    return 2;
  }
  const empty = emptyOption(parsed.tokens);
  if (empty !== undefined) {
    io.err(`mfa-sandbox: --${empty} got an empty value: give it one, or leave the flag out (is a variable in the command line unset?)`);
    return 2;
  }
  const negation = unknownNegation(parsed.tokens);
  if (negation !== undefined) {
    io.err(`mfa-sandbox: unknown option ${negation} (only --no-dynamic turns an option off; leave the flag out instead)`);
    return 2;
  }
  const [given = 'serve', ...rest] = parsed.positionals;
  if (parsed.values.help || given === 'help') {
    // `verify --help` or `help verify`: that command's own lines; `--help` alone, `help` or `serve --help` (its options
    // are the shared ones), everything.
    const command = given === 'help' ? (rest[0] ?? 'serve') : given;
    if (command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (!COMMANDS.includes(command)) return refuseUnknownCommand(command, io);
    io.out((command !== 'serve' && toCommandUsage(command)) || USAGE);
    return 0;
  }
  const command = given;
  if (parsed.values.version) {
    io.out(readPackageVersion());
    return 0;
  }
  if (!COMMANDS.includes(command)) return refuseUnknownCommand(command, io);
  const misplaced = misplacedOption(command, parsed.tokens);
  if (misplaced !== undefined) {
    const owners = misplaced.owners.length > 1 ? `${misplaced.owners.slice(0, -1).join(', ')} and ${misplaced.owners.at(-1)}` : misplaced.owners[0];
    const own = OWN_EQUIVALENTS[command]?.[misplaced.name];
    const instead = own === undefined ? '' : `; ${command} writes its report with --${own}`;
    io.err(`mfa-sandbox: --${misplaced.name} is an option of ${owners}, not of ${command}${instead} (mfa-sandbox ${misplaced.owners[0]} --help)`);
    return 2;
  }
  if (command === 'verify' && parsed.values.pact !== undefined && rest.length > 0 && rest.every((word) => word.endsWith('.json'))) {
    // `--pact pacts/*.json`: the shell gave one file to --pact and the rest as arguments.
    io.err(
      `mfa-sandbox: verify takes one --pact, a pact file or a directory of them; the shell expanded a pattern into ${rest.length + 1} files: give their directory (--pact ${dirname(parsed.values.pact) || '.'})`,
    );
    return 2;
  }
  if (command === 'verify' && parsed.values.pact === undefined && rest.length === 1) {
    // `verify pacts/web.json`, as pact tools and `check` take a path: the file is meant for --pact.
    io.err(`mfa-sandbox: verify takes its pact file or directory as --pact, not as an argument: mfa-sandbox verify --pact ${rest[0]}`);
    return 2;
  }
  if (rest.length > 0) {
    // `serve --watch extra`: the command is known, the word after it is not one of its options.
    io.err(`mfa-sandbox: ${command} takes no argument "${rest.join(' ')}" (options start with --; mfa-sandbox --help lists them)`);
    return 2;
  }
  // serve writes them in its own lines' format (JSON records beside JSON logs), once it knows it; the others at once.
  const variableWarnings = toUnknownVariableWarnings(env).map((warning) => `mfa-sandbox: warning: ${warning}`);
  const sayVariableWarnings = (to: CliIo) => variableWarnings.splice(0).forEach((line) => to.err(line));
  if (command !== 'serve') sayVariableWarnings(io);
  // A conformance run checks its own flags, unknown surface included: bad input is exit 2 there, not a config error.
  if (command === 'conformance') {
    const {
      surface: _surface,
      help: _help,
      version: _version,
      watch: _watch,
      'session-file': _files,
      dynamic: _dynamic,
      strict: _strict,
      ...rest
    } = parsed.values;
    try {
      // The sandbox's own answers are compared with the upstream's: never generated ones (MFA_SANDBOX_DYNAMIC).
      return await conformance({ ...loadConfig(forCommand(command, env), rest), dynamic: false }, parsed.values, env, io);
    } catch (error) {
      // Named as the command's own errors are (runConformanceCommand's): a --scenario its sandbox lacks is bad input
      // to this run, not a configuration problem of a server.
      io.err(`mfa-sandbox conformance: ${toCliMessage(error, parsed.values.scenario)}`);
      // A --specs directory it cannot use is one of the files it was given: bad input too (--help: exit 2).
      return error instanceof ConfigError || error instanceof SpecError ? 2 : 1;
    }
  }
  try {
    const {
      help: _help,
      version: _version,
      watch = false,
      dynamic,
      'session-file': sessionFiles = [],
      upstream,
      har,
      report,
      'upstream-timeout': upstreamTimeout,
      'max-violations': maxViolations,
      'min-score': minScore,
      compare,
      // conformance's own flags: not configuration of the other commands
      credentials: _credentials,
      html: _html,
      accept: _accept,
      // check's own flag
      strict,
      ...flags
    } = parsed.values;
    // --dynamic or --no-dynamic wins over MFA_SANDBOX_DYNAMIC, as every flag wins over its variable (which is then not read).
    const switches = dynamic === undefined ? {} : { dynamic: dynamic ? 'on' : 'off' };
    const config = loadUsableConfig(forCommand(command, env), { ...flags, ...switches });
    // Only serve answers dynamically (MFA_SANDBOX_DYNAMIC too): verify and proxy hold the mock's own answers to account.
    if (command !== 'serve') config.dynamic = false;
    // NO_COLOR counts when set to something (no-color.org; an empty variable is unset, as everywhere here).
    if (io.isTty && !env.NO_COLOR) config.prettyLogs = true;
    if (command === 'check') return await check(config, io, strict === true);
    if (command === 'scenarios') return await listScenarios(config, io);
    if (command === 'verify') return await verify(config, parsed.values, env, io);
    if (command === 'proxy') {
      const proxyFlags = { upstream, har, report, 'upstream-timeout': upstreamTimeout, 'max-violations': maxViolations, 'min-score': minScore, compare };
      // An empty PORT is unset, as loadConfig reads it: the proxy's own default port then.
      return await proxy(config, proxyFlags, io, (flags.port ?? (env.PORT || undefined)) !== undefined);
    }
    // Beside JSON logs (stdout not a terminal), serve's own lines are JSON records too: one format per stream. Either
    // way --log-level lets them through as it does the request lines.
    const serveIo = config.prettyLogs ? toPlainLineIo(io, config.logLevel) : toJsonLineIo(io, config.logLevel);
    sayVariableWarnings(serveIo);
    return await serve(config, serveIo, { watch, sessionFiles, settingNames: toListenSettingNames(flags, env) });
  } catch (error) {
    // Config, spec and scenario problems are expected user errors: a message, no stack. A flag or environment value
    // the sandbox cannot use is a usage problem (exit 2) for every command, as an unknown flag is; so are the proxy's
    // other configuration problems, so CI tells a misconfigured proxy from one that measured drift (1).
    const message = toCliMessage(error, parsed.values.scenario);
    sayVariableWarnings(io); // a start that failed before serve's own format was known: a misspelt variable may be why
    if (error instanceof ScenarioProblems) for (const warning of error.warnings) io.err(`mfa-sandbox: warning: ${warning}`);
    io.err(`mfa-sandbox: ${error instanceof ConfigError ? 'configuration: ' : ''}${message}`);
    return error instanceof UnusableSettingError || (command === 'proxy' && error instanceof ConfigError) ? 2 : 1;
  }
}

/**
 * An error's message as the command line prints it. A server-wide scenario no surface has is found only once the
 * scenarios are loaded, after the flags were read: it is named by where it came from (`--scenario`, or the variable a
 * CI job set), as every other refused setting is.
 */
function toCliMessage(error: unknown, scenarioFlag: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof UnknownStartScenarioError)) return message;
  return `${scenarioFlag !== undefined ? '--scenario' : 'MFA_SANDBOX_SCENARIO'}: ${message}`;
}

/** The configuration the flags and environment give; any problem in them is one of usage (not of a file they name). */
function loadUsableConfig(env: NodeJS.ProcessEnv, flags: Parameters<typeof loadConfig>[1]): Config {
  try {
    return loadConfig(env, flags);
  } catch (error) {
    if (error instanceof ConfigError) throw new UnusableSettingError(error.message);
    throw error;
  }
}
