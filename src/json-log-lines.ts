import { hostname } from 'node:os';
import type { CliIo } from './cli.js';

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

/**
 * `serve`'s output where its logs are JSON (stdout not a terminal): its lines on stdout (the listening line, session
 * files loaded, reloads) are info records, its notes and warnings on stderr warn records. Everything else of `io` as it was.
 */
export function toJsonLineIo(io: CliIo): CliIo {
  return { ...io, out: (line) => io.out(toJsonLogLine(line, INFO)), err: (line) => io.err(toJsonLogLine(line, WARN)) };
}
