import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { prepareToClosePromptly } from './close-promptly.js';
import { continueWithinBodyLimit, refuseConnectMethod, refuseUnknownExpectation, toServerLimitOptions } from './server-limits.js';

/** Fastify's own default: an idle keep-alive connection is kept 72 s (longer than the usual proxies' 60 s). */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * One HTTP server whose answering Fastify app can be replaced while it runs (`serve --watch`).
 *
 * Fastify cannot remove routes, so a reload builds a whole new app and `swap`s it in: from then on every new request
 * goes to the new app (`app.routing`, the handler Fastify itself gives its server), on the same port and the same
 * keep-alive connections. The old app answers the requests it already has and is closed once the last one is done.
 */
export interface HotSwapServer {
  readonly server: Server;
  /** The app new requests go to. */
  readonly current: FastifyInstance;
  /** Send new requests to `next` (ready, not listening); the old app closes once its requests in flight are answered. */
  swap(next: FastifyInstance): void;
  /** How many requests an app is answering now (0 for an app it does not know). */
  inFlight(app: FastifyInstance): number;
  /** Start listening; resolves the base URL, as `app.listen` does. */
  listen(port: number, host: string): Promise<string>;
  /** Stop listening and close every app (which cuts injected delays short), once the requests in flight are answered. */
  close(): Promise<void>;
}

export interface HotSwapServerOptions {
  /** Called when closing a retired app fails (its sessions are safe: the store is shared, not the app's). */
  onCloseError?(error: unknown): void;
}

function toUrl(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Serve `first` on a server of its own, with the configured limits (what `Fastify({...toServerLimitOptions})` sets on
 * the server it makes), ready to swap apps.
 *
 * @example
 * const hot = createHotSwapServer(first.app, config);
 * const url = await hot.listen(0, '127.0.0.1');
 * hot.swap(next.app); // new requests go to next.app; first.app closes when its last request is answered
 */
export function createHotSwapServer(
  first: FastifyInstance,
  config: Pick<Config, 'bodyLimitBytes' | 'requestTimeoutMs' | 'maxHeaderBytes' | 'cors'>,
  options: HotSwapServerOptions = {},
): HotSwapServer {
  const limits = toServerLimitOptions(config);
  let current = first;
  const inFlight = new Map<FastifyInstance, number>([[first, 0]]);
  const retired = new Set<FastifyInstance>();
  const closing = new Set<Promise<void>>();

  const closeApp = (app: FastifyInstance) => {
    inFlight.delete(app);
    retired.delete(app);
    const closed = app.close().then(
      () => undefined,
      (error: unknown) => options.onCloseError?.(error),
    );
    closing.add(closed);
    void closed.finally(() => closing.delete(closed));
  };

  const dispatch = (request: IncomingMessage, response: ServerResponse) => {
    const app = current;
    inFlight.set(app, (inFlight.get(app) ?? 0) + 1);
    // 'close' follows both a finished answer and a client that went away: either way the app is done with it.
    response.once('close', () => {
      const left = (inFlight.get(app) ?? 1) - 1;
      inFlight.set(app, left);
      if (left === 0 && retired.has(app)) closeApp(app);
    });
    app.routing(request, response);
  };

  const server = createServer(limits.http, dispatch);
  server.requestTimeout = limits.requestTimeout;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('clientError', limits.clientErrorHandler);
  refuseConnectMethod(server);
  refuseUnknownExpectation(server);
  continueWithinBodyLimit(server, config.bodyLimitBytes);
  const closePromptly = prepareToClosePromptly(server);

  return {
    server,
    get current() {
      return current;
    },
    swap(next) {
      if (next === current) return;
      const previous = current;
      current = next;
      inFlight.set(next, inFlight.get(next) ?? 0);
      if ((inFlight.get(previous) ?? 0) === 0) closeApp(previous);
      else retired.add(previous);
    },
    inFlight: (app) => inFlight.get(app) ?? 0,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(toUrl(server));
        });
      });
    },
    async close() {
      closePromptly();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // The apps close beside the server, not after it: their close ends what only waits (an answer's injected delay
      // goes out at once), which would otherwise hold the server's close up. They still answer what is in flight.
      for (const app of [...inFlight.keys()]) closeApp(app);
      await stopped;
      await Promise.all([...closing]);
    },
  };
}
