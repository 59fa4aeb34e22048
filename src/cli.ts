import { parseArgs } from 'node:util';
import { buildApp, loadSandboxDefinition } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { FastifyInstance } from 'fastify';

/** Where the CLI writes; main.ts passes the process streams, tests pass buffers. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  isTty: boolean;
}

export const USAGE = `mfa-sandbox: a stateful mock of MFA APIs (Flashback, @ackplus/nest-auth, Lerian Identity, GenAuth/Authing)

Usage:
  mfa-sandbox serve [--port 4010] [--host 127.0.0.1] [--surface <id>] [--scenario <name>] [--log-level info]
  mfa-sandbox check        validate every spec and scenario; exit 1 with the file and JSON pointer of the first problem
  mfa-sandbox scenarios    list the scenarios of every surface

Options:
  --surface <id>       serve only flashback | nest-auth | lerian | genauth, at / (for a vendor SDK's base URL)
  --scenario <name>    scenario new sessions start in (default: default)
  --specs <dir>        specs directory (default: the package's specs/)
  --scenarios <dir>    scenarios directory (default: the package's scenarios/)
  --session-ttl <s>    forget sessions idle this many seconds (default 1800)
  --max-sessions <n>   keep at most n sessions, least recently used first out (default 10000)
  --validate-responses <on|off>  check every response against the spec (default on)

Environment: PORT, HOST, LOG_LEVEL, MFA_SANDBOX_SURFACE, MFA_SANDBOX_SCENARIO, MFA_SANDBOX_SESSION_TTL_SECONDS,
MFA_SANDBOX_MAX_SESSIONS, MFA_SANDBOX_VALIDATE_RESPONSES. Flags win over the environment.`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  surface: { type: 'string' },
  scenario: { type: 'string' },
  specs: { type: 'string' },
  scenarios: { type: 'string' },
  'log-level': { type: 'string' },
  'session-ttl': { type: 'string' },
  'max-sessions': { type: 'string' },
  'validate-responses': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A running `serve`: main.ts closes it on SIGINT/SIGTERM. */
export interface RunningServer {
  app: FastifyInstance;
  url: string;
}

async function serve(config: Config, io: CliIo): Promise<RunningServer> {
  const { app } = await buildApp(config);
  const url = await app.listen({ port: config.port, host: config.host });
  const where = config.surface ? `${config.surface} at ${url}/` : `flashback, nest-auth, lerian, genauth at ${url}/<surface>`;
  io.out(`mfa-sandbox listening: ${where}; admin ${url}/__admin; default scenario "${config.scenario}"`);
  return { app, url };
}

async function check(config: Config, io: CliIo): Promise<number> {
  const { specs, routes, catalogue } = await loadSandboxDefinition(config);
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

/**
 * Run one CLI command. Returns the exit code, or the running server for `serve`.
 *
 * @example
 * await runCli(['check'], {}, io) // 0 when every spec and scenario is valid
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number | RunningServer> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command = 'serve', ...rest] = parsed.positionals;
  if (parsed.values.help || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (rest.length > 0 || !['serve', 'check', 'scenarios'].includes(command)) {
    io.err(`unknown command "${[command, ...rest].join(' ')}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const { help: _help, ...flags } = parsed.values;
    const config = loadConfig(env, flags);
    if (io.isTty && env.NO_COLOR === undefined) config.prettyLogs = true;
    if (command === 'check') return await check(config, io);
    if (command === 'scenarios') return await listScenarios(config, io);
    return await serve(config, io);
  } catch (error) {
    // Config, spec and scenario problems are expected user errors: a message, no stack.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`mfa-sandbox: ${error instanceof ConfigError ? 'configuration: ' : ''}${message}`);
    return 1;
  }
}
