#!/usr/bin/env node
import { runCli, type CliIo } from './cli.js';
import { toRedactedCommandLine } from './redacted-command-line.js';

/** A close that hangs (a client holding a request open) must not keep a stopped server's process alive. */
const CLOSE_TIMEOUT_MS = 10_000;
/**
 * A second signal this long after the first is the user insisting (Ctrl-C again): exit at once. Sooner, it is the same
 * Ctrl-C delivered twice (a terminal signals every process of the group, and `npm start` forwards it once more).
 */
const INSISTING_AFTER_MS = 1_000;
/** Ctrl-C, a stop by a supervisor, the terminal closed: each ends the process, after closing what listens. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Close the server (or the proxy) on SIGINT, SIGTERM or SIGHUP (the terminal closed) and exit with the code its close
 * answers (a proxy's run may fail its thresholds), else 0; 1 if closing fails or hangs; 130 when a second signal
 * comes while it closes. What it says goes through `log`, the command's own lines (JSON records beside JSON logs): a
 * log shipper reads them as the records around them, and an operator sees why the process ended.
 */
function stopOnSignals(server: { close(): Promise<number | void> }, log: Pick<CliIo, 'out' | 'err'>): void {
  let stoppingSince: number | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (performance.now() - stoppingSince < INSISTING_AFTER_MS) return;
      log.err('mfa-sandbox: stopped again while closing; exiting without waiting for the answers in flight');
      process.exit(130);
    }
    stoppingSince = performance.now();
    log.out(`mfa-sandbox: ${signal}: closing`);
    // A close held by requests in flight (a slow upstream behind the proxy, a body still arriving) says what it waits for;
    // a scripted latency does not hold it (server/injected-delays.ts).
    setTimeout(() => {
      log.err(`mfa-sandbox: closing: waiting for the answers in flight (at most ${CLOSE_TIMEOUT_MS / 1000} s; stop it again to exit now)`);
    }, INSISTING_AFTER_MS).unref();
    setTimeout(() => {
      log.err(`mfa-sandbox: the server did not close within ${CLOSE_TIMEOUT_MS / 1000} s; exiting`);
      process.exit(1);
    }, CLOSE_TIMEOUT_MS).unref();
    server.close().then(
      (code) => {
        log.out('mfa-sandbox: closed');
        process.exit(typeof code === 'number' ? code : 0);
      },
      (error: unknown) => {
        log.err(`mfa-sandbox: closing failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}

/** A server (or proxy) is listening: it outlives whoever reads its output. */
let serving = false;

/** The command run, as its line names it (`serve` when none is given). */
const commandName = process.argv[2] !== undefined && !process.argv[2].startsWith('-') ? process.argv[2] : 'serve';

/**
 * A signal before anything listens (a start still loading, a `conformance` or `verify` run) ends the process as Node
 * would have, by that signal, but says so first: a CI log that just stopped, exit 130 and no line, read as a hang or
 * as a run that printed nothing. Once a server listens, `stopOnSignals` answers instead.
 */
function sayStoppedBeforeServing(signal: NodeJS.Signals): void {
  if (serving) return;
  const listens = commandName === 'serve' || commandName === 'proxy';
  process.stderr.write(`mfa-sandbox ${commandName}: ${signal}: stopped ${listens ? 'before it listened' : 'before it finished, with no result'}\n`);
  for (const name of STOP_SIGNALS) process.removeListener(name, sayStoppedBeforeServing);
  process.kill(process.pid, signal);
}
for (const signal of STOP_SIGNALS) process.on(signal, sayStoppedBeforeServing);

/** Standard output's reader has gone (EPIPE): nothing more is written there. */
let stdoutGone = false;

// `mfa-sandbox scenarios | head` closes the pipe early: that is the reader's choice, not a crash with a stack trace.
// A server keeps serving (a script that waited for its ready line with `grep -m1` has its mock still), says so once
// on stderr, and writes nothing more to stdout; exiting there, with 0, looked like a clean stop and took the mock away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (stdoutGone) return;
  if (error.code !== 'EPIPE') throw error;
  stdoutGone = true;
  if (!serving) process.exit(process.exitCode ?? 0);
  process.stderr.write('mfa-sandbox: standard output was closed (its reader exited); serving on, writing nothing more there\n');
});
const whileServing = (server: { close(): Promise<number | void> }, log: Pick<CliIo, 'out' | 'err'>) => {
  serving = true;
  stopOnSignals(server, log);
};

// The admin token and the state URL's password given as flags were readable by every user of the machine in `ps`.
const redacted = toRedactedCommandLine(process.argv.slice(2));
if (redacted !== undefined) process.title = redacted;

/**
 * Process entry: the only place that reads process.* (besides src/launch/, which the built command runs before it).
 * A promise, not a top-level await: the built command runs this file bundled as CommonJS (scripts/bundle-server.mjs),
 * which has none.
 */
void runCli(process.argv.slice(2), process.env, {
  out: (line) => {
    if (!stdoutGone) process.stdout.write(`${line}\n`);
  },
  err: (line) => process.stderr.write(`${line}\n`),
  isTty: Boolean(process.stdout.isTTY),
  // Armed before the listening line is printed: whoever waits for that line may signal at once.
  onListening: whileServing,
  onProxyListening: whileServing,
}).then((result) => {
  if (typeof result === 'number') process.exitCode = result;
});
