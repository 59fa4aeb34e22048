/**
 * `npm run postgres`: a throwaway PostgreSQL server from npm (the one the tests and the bench start), for trying
 * `serve --state` and replicas in a clone without installing PostgreSQL. It prints the `--state` URL (a fresh
 * password, a free port of 127.0.0.1, or the one `-- --port <n>` asks for); Ctrl-C (or SIGTERM to this script's own process, whose id it prints: npm does
 * not pass a signal sent to npm's process on) stops it and deletes its data. SIGUSR2 restarts it on the same port and
 * data, to rehearse a database restart under running replicas. A server that stops on its own (killed, crashed) is
 * said, not silent, and its data is kept: SIGUSR2 starts it again on it, so a crash and PostgreSQL's recovery from
 * its log can be rehearsed too (an SRE's tour killed it with SIGKILL and found its data gone with it).
 */
import { parseArgs } from 'node:util';
import { PostgresStartError, startPostgres, type PostgresServer } from '../test/harness/embedded-postgres.js';

/** The end of the server's log printed when it stops on its own: enough for its last few messages. */
const LOG_TAIL_CHARS = 2_000;

const USAGE = 'usage: npm run postgres [-- --port <n>]  (default: a free port of 127.0.0.1)';

/** `--port <n>`: a port a team's firewall or a compose file expects, instead of a free one. Anything else is refused. */
function askedPort(): number | undefined {
  let values: { port?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`npm run postgres: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.port === undefined) return undefined;
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (port >= 1 && port <= 65_535) return port;
  process.stderr.write(`npm run postgres: --port must be a port from 1 to 65535, got ${JSON.stringify(values.port)}\n${USAGE}\n`);
  process.exit(2);
}

const port = askedPort();
let stopping = false;
const server: PostgresServer = await startPostgres({
  ...(port === undefined ? {} : { port }),
  onUnexpectedExit: ({ code, signal }) => {
    if (stopping) return;
    process.stderr.write(
      `PostgreSQL stopped on its own (${signal === null ? `exit code ${code}` : `killed by ${signal}`}); its data is kept: ` +
        `kill -USR2 ${process.pid} starts it again on the same port and data (it recovers from its log, as after a crash; ` +
        `this throwaway server commits without waiting for the disk, so the last second of commits may be lost), ` +
        `Ctrl-C or kill ${process.pid} deletes it. The end of its log:\n${server.log().slice(-LOG_TAIL_CHARS)}\n`,
    );
  },
}).catch((error: unknown) => {
  // Said in a line, not with PostgreSQL's whole log: the port is all there is to change.
  if (error instanceof PostgresStartError && (error as { portInUse?: boolean }).portInUse && port !== undefined) {
    process.stderr.write(`npm run postgres: port ${port} of 127.0.0.1 is taken by another process: pick another --port, or leave it out for a free one\n`);
    process.exit(1);
  }
  throw error;
});
process.stdout.write(
  `PostgreSQL from npm is listening at 127.0.0.1:${server.port}; its data is deleted when it stops: Ctrl-C, or kill ${process.pid}\n` +
    `(this script's process; a signal to npm's process does not reach it). kill -USR2 ${process.pid} restarts it (same port and data).\n` +
    `Start a replica on it (as many as you like, each on its own PORT):\n` +
    `  npx mfa-sandbox serve --state '${server.url}'\n`,
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stopping PostgreSQL failed: ${String(error)}\n${server.log()}\n`);
        process.exit(1);
      },
    );
  });
}

// The script lives until a signal ends it, also while PostgreSQL is down and nothing else holds the event loop: its
// exit would let the harness's watchdog delete the data it keeps for a restart.
setInterval(() => {}, 2 ** 30);

let restarting = false;
process.on('SIGUSR2', () => {
  if (stopping || restarting) return;
  restarting = true;
  process.stdout.write(
    server.pid() === undefined
      ? 'starting PostgreSQL again on the same port and data\n'
      : 'restarting PostgreSQL (a fast shutdown: its clients are disconnected; then a start on the same port and data)\n',
  );
  server
    .stop()
    .then(() => server.start())
    .then(
      () => process.stdout.write(`PostgreSQL is listening again at 127.0.0.1:${server.port}\n`),
      (error: unknown) => {
        process.stderr.write(`restarting PostgreSQL failed: ${String(error)}\n`);
        stopping = true;
        void server.close().finally(() => process.exit(1));
      },
    )
    .finally(() => (restarting = false));
});
