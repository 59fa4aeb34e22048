#!/usr/bin/env node
import { runCli } from './cli.js';

/** Process entry: the only place that reads process.*. */
const result = await runCli(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTty: Boolean(process.stdout.isTTY),
});

if (typeof result === 'number') {
  process.exitCode = result;
} else {
  const stop = async () => {
    await result.app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
