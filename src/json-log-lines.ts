import { hostname } from 'node:os';
import type { CliIo } from './cli.js';
import type { Config } from './config.js';

/** pino's numbers for the two levels the CLI's own lines have. */
const INFO = 30;
const WARN = 40;

/**
 * One of the CLI's own lines as a record in the shape of the server's JSON logs (pino's: level, time, pid, hostname,
 * msg), so that a log shipper reading one JSON record per line (Docker's and Kubernetes' log drivers, Loki, Vector)
 * reads it as the logs around it, instead of taking the listening line for a broken record.
 *
 * @example
 * toJsonLogLine('mfa-sandbox listening: ...', 30, 1_796_500_000_000)
 * // '{"level":30,"time":1796500000000,"pid":4242,"hostname":"vm","msg":"mfa-sandbox listening: ..."}'
 */
export function toJsonLogLine(message: string, level: number, nowMs = Date.now()): string {
  return JSON.stringify({ level, time: nowMs, pid: process.pid, hostname: hostname(), msg: message });
}

/** pino's number for each level `--log-level` takes: a record below it is not written. */
const LEVEL_FLOORS: Record<Config['logLevel'], number> = { debug: 20, info: INFO, warn: WARN, error: 50, silent: Infinity };

/** The lines that name the URLs served: a script that started `serve --port 0` reads the port from the first. */
const ADDRESS_LINES = ['mfa-sandbox listening:', 'mfa-sandbox on the network:'];

/**
 * How the warnings begin that anyone who reaches the server may read, change and reset every session (an admin API
 * open without a token, or with the README's example token); `serve` words them from these. Written at every level,
 * `error` and `silent` included: a level is about noise, and a quiet log must not hide that the sessions' TOTP secrets
 * are open to the network.
 */
export const OPEN_ADMIN_WARNING = 'mfa-sandbox: warning: --admin-access any without --admin-token';
export const README_TOKEN_WARNING = "mfa-sandbox: warning: the admin token is the README's example";
const EXPOSURE_WARNINGS = [OPEN_ADMIN_WARNING, README_TOKEN_WARNING];

/**
 * `serve`'s output where its logs are JSON (stdout not a terminal): its lines on stdout (the listening line, session
 * files loaded, reloads) are info records, its notes and warnings on stderr warn records, each written only at a
 * `logLevel` that lets its level through (a pipeline asking for warnings got info records). The lines naming the URLs
 * are written at every level (they are how a script learns the URL, `--port 0`'s port included), and so are the
 * exposure warnings. Everything else of `io` as it was.
 */
export function toJsonLineIo(io: CliIo, logLevel: Config['logLevel']): CliIo {
  return toLeveledIo(io, logLevel, toJsonLogLine);
}

/**
 * `serve`'s output on a terminal (pretty logs): its lines as they are, let through by `logLevel` as the JSON records
 * are (`toJsonLineIo`), so `--log-level silent` is as quiet on a terminal as in a pipe (it printed `SIGINT: closing`
 * and `closed` there, and every session file loaded).
 */
export function toPlainLineIo(io: CliIo, logLevel: Config['logLevel']): CliIo {
  return toLeveledIo(io, logLevel, (line) => line);
}

/** `io` writing each line in `format` at its level (info on stdout, warn on stderr), if `logLevel` lets it through. */
function toLeveledIo(io: CliIo, logLevel: Config['logLevel'], format: (line: string, level: number) => string): CliIo {
  const floor = LEVEL_FLOORS[logLevel];
  return {
    ...io,
    out: (line) => {
      if (INFO >= floor || ADDRESS_LINES.some((start) => line.startsWith(start))) io.out(format(line, INFO));
    },
    err: (line) => {
      if (WARN >= floor || EXPOSURE_WARNINGS.some((start) => line.startsWith(start))) io.err(format(line, WARN));
    },
  };
}
