import type { FastifyBaseLogger } from 'fastify';
import { SHIPPED_SCENARIOS_DIR, type Config } from '../config.js';
import { systemClock } from '../engine/clock.js';
import { createSessionWatchers, type SessionStore, type SessionWatchers } from '../engine/session-registry.js';
import { createHotSwapServer } from '../server/hot-swap-server.js';
import { createHotReloader, type AppVersion } from './hot-reload.js';
import { watchFiles, type WatchedDir } from './watch-files.js';

/** What every version of the app shares (buildApp's `shared` option): sessions live in the store, not in an app. */
export interface SharedParts {
  store: SessionStore;
  logger?: FastifyBaseLogger;
  startedAt: number;
  /** Who waits on which session: a wait begun on one version hears of a message sent through the next. */
  watchers: SessionWatchers;
  /** Request ids numbered on across versions (a new Fastify instance starts again at req-1: one log, two req-1s). */
  nextRequestId: () => string;
}

export interface WatchedServeOptions {
  config: Config;
  /** The session store, made once (buildApp's createSessionStore). */
  createStore: () => Promise<SessionStore>;
  /** Build a version of the app on the shared parts (buildApp; injected: only the entry points import app.ts). */
  build: (shared: SharedParts) => Promise<AppVersion>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A server that reloads itself: `app` is the version serving now. */
export interface WatchedServer {
  readonly app: AppVersion['app'];
  url: string;
  /** Warnings of the first version (the CLI prints them as at any start). */
  warnings: string[];
  /** What the store's start did that an operator should hear of (buildApp's `notes`; the CLI prints them). */
  notes: string[];
  close: () => Promise<void>;
}

/**
 * The directories `serve --watch` watches: the specs directory (its `<surface>.openapi.yaml` files), the shipped
 * scenarios and the user's own, each once.
 *
 * @example
 * toWatchedDirs({ specsDir: '/p/specs', scenariosDir: '/home/me/scenarios' }).map((watched) => watched.dir)
 * // ['/p/specs', '/p/scenarios', '/home/me/scenarios']
 */
export function toWatchedDirs(config: Pick<Config, 'specsDir' | 'scenariosDir'>): WatchedDir[] {
  const scenarioDirs = [...new Set([SHIPPED_SCENARIOS_DIR, ...(config.scenariosDir === undefined ? [] : [config.scenariosDir])])];
  return [
    { dir: config.specsDir, recursive: false, accepts: (path) => path.endsWith('.openapi.yaml') },
    ...scenarioDirs.filter((dir) => dir !== config.specsDir).map((dir) => ({ dir, recursive: true })),
  ];
}

/**
 * `serve --watch`: build the first version and listen, then rebuild on every change of a spec or scenario file and
 * swap a good version in without dropping sessions; a broken edit is printed and the last good version keeps serving.
 * A first version that is not good fails the start, as without `--watch`.
 *
 * @example
 * const server = await startWatchedServer({ config, createStore: () => createSessionStore(config), build: (shared) => buildApp(config, { shared }), out, err });
 */
export async function startWatchedServer(options: WatchedServeOptions): Promise<WatchedServer> {
  const { config } = options;
  const store = await options.createStore();
  const startedAt = systemClock.now();
  const watchers = createSessionWatchers();
  let requests = 0;
  // Fastify's own form of id (req-<n in base 36>), counted once for every version.
  const nextRequestId = () => `req-${(++requests).toString(36)}`;
  let first: AppVersion;
  try {
    first = await options.build({ store, startedAt, watchers, nextRequestId });
    await first.app.ready();
  } catch (error) {
    await store.close();
    throw error;
  }
  // One log stream for every version (a new Fastify logger per reload would open a new transport each time).
  const { logger } = first;
  const hot = createHotSwapServer(first.app, config, {
    onCloseError: (error) => options.err(`mfa-sandbox: watch: closing a replaced version failed: ${String(error)}`),
  });
  let url: string;
  try {
    url = await hot.listen(config.port, config.host);
  } catch (error) {
    await hot.close();
    await store.close();
    throw error;
  }
  let closed = false;
  const reloader = createHotReloader({
    build: () => options.build({ store, startedAt, watchers, nextRequestId, ...(logger ? { logger } : {}) }),
    // A version finished after the server closed has nothing to serve.
    swap: (app) => (closed ? void app.close() : hot.swap(app)),
    out: options.out,
    err: options.err,
    // Printed at start by the caller, from the first version's warnings.
    shownWarnings: first.warnings,
  });
  const stopWatching = watchFiles(toWatchedDirs(config), {
    onChange: (paths) => void reloader.reload(paths),
    onError: (dir, error) => options.err(`mfa-sandbox: watch: cannot watch ${dir} any more (${error.message})`),
  });
  return {
    get app() {
      return hot.current;
    },
    url,
    warnings: first.warnings,
    notes: store.startNote ? [store.startNote] : [],
    async close() {
      closed = true;
      stopWatching();
      await hot.close();
      await store.close();
    },
  };
}
