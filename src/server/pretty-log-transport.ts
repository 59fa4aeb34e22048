import { createRequire } from 'node:module';

declare global {
  /** pino's hook for bundlers: where the worker files it starts for a transport are, when they are not beside it. */
  var __bundlerPathsOverrides: Record<string, string> | undefined;
}

/** The fields of a request's log record that its one-line message says too (see OneLineLogController). */
const REQUEST_LINE_FIELDS = [
  'method',
  'url',
  'status',
  'durationMs',
  'session',
  'operationId',
  'sandboxError',
  'scripted',
  'override',
  'latencyMs',
  'fault',
  'rule',
  'dynamic',
  'dynamicSeed',
  'clientGone',
];

/**
 * The pino transport of `--pretty` logs (pino-pretty in a worker thread). The build bundles pino into
 * dist/src/server.bundle.cjs, where pino and thread-stream cannot find the worker scripts they start from their own
 * folders; they read those paths from `globalThis.__bundlerPathsOverrides`, so they are given here, resolved in the
 * installed packages. Unbundled (from source, dist/src/main.js), the paths are the ones pino would find itself.
 */
export function prettyLogTransport(): { target: string; options: Record<string, unknown> } {
  const pinoRequire = createRequire(createRequire(import.meta.url).resolve('pino'));
  globalThis.__bundlerPathsOverrides = {
    ...globalThis.__bundlerPathsOverrides,
    'pino-worker': pinoRequire.resolve('./lib/worker.js'),
    'thread-stream-worker': pinoRequire.resolve('thread-stream/lib/worker.js'),
  };
  // reqId and the request line's fields too: pino-pretty prints each field it keeps on a line of its own, so a request
  // took two lines in a terminal, the second only `reqId: "req-1"` (the one-line message already names the request and
  // what made its answer; JSON logs keep the fields).
  // The time of the machine's zone (`SYS:`), as a terminal's reader takes it: pino-pretty's default is UTC, unmarked,
  // which read as local time in Kolkata (a tour). FORCE_COLOR=0 means no colour, as Node and chalk read it; the
  // colour library pino-pretty uses took any FORCE_COLOR as "force".
  const options: Record<string, unknown> = { translateTime: 'SYS:HH:MM:ss', ignore: `pid,hostname,reqId,${REQUEST_LINE_FIELDS.join(',')}` };
  if (process.env.FORCE_COLOR === '0') options.colorize = false;
  return { target: 'pino-pretty', options };
}
