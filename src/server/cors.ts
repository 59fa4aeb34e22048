import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { CorsSetting } from '../config.js';
import { SANDBOX_ERROR_HEADER, SandboxError } from '../errors.js';
import { FAULT_INJECTED_HEADER, LATENCY_HEADER } from '../engine/injected-faults.js';
import { DYNAMIC_HEADER, DYNAMIC_SEED_HEADER } from '../pipeline/dynamic-answer.js';
import { OUTBOX_CURSOR_HEADER } from '../engine/outbox-query.js';
import { EXPLAIN_HEADER } from '../pipeline/refusal-explanations.js';
import { PREFER_IGNORED_HEADER } from '../pipeline/misspelt-preference.js';
import { HEADER_IGNORED_HEADER } from '../pipeline/misspelt-session-header.js';
import { requestAnsweredOn } from './pending-request.js';

/**
 * CORS, so a web app on another origin (a dev server on another port) can call every surface, the admin API, the docs
 * and the specs from a browser. A small hook of our own rather than @fastify/cors, because:
 * - requests without an `Origin` (curl, server-side tests, the benchmark) cost one header, nothing more;
 * - every answer is ours: @fastify/cors answers a bare `OPTIONS` with a text/plain 400 and sends
 *   `Access-Control-Allow-Credentials`/`-Expose-Headers` even to origins it refuses; here sandbox misuse stays a
 *   problem+json error and a refused origin gets no CORS header at all;
 * - the preflight is answered in a root `onRequest` hook, before the admin guard or any vendor route runs, so an
 *   admin token or a vendor's 404/405 can never break a preflight (a browser sends no credentials with one).
 */

/** Every method a surface or the admin API uses. */
export const CORS_ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** Response headers a page may read besides the CORS-safelisted ones: the sandbox's own markers. */
// The dynamic-answer headers too: a page on another origin reads which seed made a body, to ask for it again; the
// outbox cursor, so it can wait for what is sent after it; and why a request was refused (`Prefer: explain`). The README
// lists them all (its test holds the list to this one).
export const CORS_EXPOSED_HEADERS = [
  SANDBOX_ERROR_HEADER,
  FAULT_INJECTED_HEADER,
  LATENCY_HEADER,
  DYNAMIC_HEADER,
  DYNAMIC_SEED_HEADER,
  OUTBOX_CURSOR_HEADER,
  EXPLAIN_HEADER,
  PREFER_IGNORED_HEADER,
  HEADER_IGNORED_HEADER,
  // A session export's file name, for a page that saves it as the console does.
  'content-disposition',
].join(', ');

/** How long a browser may reuse a preflight answer (Chromium caps this at 2 h); short, so a changed --cors shows soon. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** Each app's CORS headers for an answer, for the answers made before its hook runs (see addCorsHeaders). */
const answerHeaders = new WeakMap<FastifyInstance, (reply: FastifyReply, origin: string) => void>();

/**
 * The CORS headers of an answer the router made before any hook ran (a path that is not valid percent-encoding, even
 * its preflight), so a page on another origin can read that refusal as it reads every other.
 */
export function addCorsHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (origin !== undefined) answerHeaders.get(request.server)?.(reply, origin);
}

/**
 * The CORS header lines of an answer Node's HTTP parser made (a 431 for headers over the limit, a 408, a 400), read
 * from the bytes it had when it gave up (there is no request to read an `Origin` from), else from the request the
 * connection is answering (a body that stalled). Without them a browser page
 * saw only "Failed to fetch" for a 431 (an app's own large cookies on localhost reach the sandbox too). An `Origin`
 * beyond those bytes (headers many times the limit) is not found, and the answer goes without.
 *
 * @example
 * toRawCorsHeaderLines('any', Buffer.from('GET / HTTP/1.1\r\nOrigin: http://localhost:5173\r\nX-Pad: ...'))
 * // 'vary: Origin\r\naccess-control-allow-origin: http://localhost:5173\r\n...'
 */
export function toRawCorsHeaderLines(setting: CorsSetting, received: Buffer | undefined, socket?: object): string {
  if (setting === 'off') return '';
  const origin = (received && ORIGIN_LINE.exec(received.toString('latin1'))?.[1]?.trim()) ?? originOfRequestOn(socket);
  if (origin === undefined || !SAFE_HEADER_VALUE.test(origin)) return '';
  if (setting !== 'any' && !setting.includes(origin)) return 'vary: Origin\r\n';
  return (
    `vary: Origin\r\naccess-control-allow-origin: ${origin}\r\naccess-control-allow-credentials: true\r\n` +
    `access-control-expose-headers: ${CORS_EXPOSED_HEADERS}\r\n`
  );
}

const ORIGIN_LINE = /\r\norigin:([^\r\n]*)\r\n/i;

/**
 * The Origin of the request a connection is answering now, for a refusal of it the parser makes once its headers are
 * read (a body that stalls past the request timeout: its 408 has no header bytes left to read one from); never an
 * earlier request's of a keep-alive connection (see requestAnsweredOn).
 */
function originOfRequestOn(socket: object | undefined): string | undefined {
  const origin = requestAnsweredOn(socket)?.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
}
/** Printable ASCII only: the value is written back into a raw response, so it must not end a header line. */
const SAFE_HEADER_VALUE = /^[\x21-\x7e]+$/;

function isPreflight(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
}

/**
 * Add CORS to the app: a root `onRequest` hook (register it before any route, so it runs first everywhere, also for
 * the 404 and error answers) and an `OPTIONS *` route so a preflight for any path, known or not, reaches the hook.
 * Request headers are reflected in preflights: the GenAuth `x-genauth-*`/`x-authing-*` families cannot be listed
 * one by one, and `*` is no wildcard for requests with credentials.
 *
 * @example
 * registerCors(app, 'any');                         // reflect every Origin (default)
 * registerCors(app, ['http://localhost:5173']);     // only this dev server
 */
export function registerCors(app: FastifyInstance, setting: CorsSetting): void {
  if (setting === 'off') return;
  const allowed = setting === 'any' ? undefined : new Set(setting);

  /** The headers of an answer (not a preflight) to a page of `origin`: none for an origin --cors refuses. */
  const addAnswerHeaders = (reply: FastifyReply, origin: string) => {
    reply.header('vary', 'Origin');
    if (allowed && !allowed.has(origin)) return; // the browser withholds the answer; the request itself is not refused
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true')
      .header('access-control-expose-headers', CORS_EXPOSED_HEADERS);
  };
  answerHeaders.set(app, addAnswerHeaders);

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    // Requests without an Origin (curl, servers, same-origin page loads) get nothing: one more header on every answer
    // cost ~7 µs of server CPU per request (a quarter of GET status; bench --compare). Leaving `Vary: Origin` off them
    // is safe here because the sandbox's answers carry no validators or max-age, so no cache reuses one for a browser.
    const origin = request.headers.origin;
    if (origin === undefined) return done();
    if (!isPreflight(request)) {
      addAnswerHeaders(reply, origin);
      return done();
    }
    reply.header('vary', 'Origin');
    if (allowed && !allowed.has(origin)) {
      return done(
        new SandboxError('MOCK_ERR_CORS_ORIGIN_NOT_ALLOWED', `Origin ${origin} may not call this sandbox from a browser`, {
          allowedOrigins: [...allowed],
          hint: 'add it to --cors (or MFA_SANDBOX_CORS), a comma-separated list of origins, or leave --cors unset to allow any origin',
        }),
      );
    }
    reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true');
    const requestedHeaders = toHeaderNames(request.headers['access-control-request-headers']);
    reply
      .header('vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers')
      .header('access-control-allow-methods', CORS_ALLOWED_METHODS)
      .header('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
    if (requestedHeaders !== '') reply.header('access-control-allow-headers', requestedHeaders);
    // Answered here, before the admin guard and every route: a preflight carries no credentials and reaches no handler.
    reply.code(204).send();
  });

  // Lets a preflight to any path reach the hook above. A plain OPTIONS (no Access-Control-Request-Method) is no
  // preflight: it gets the sandbox's usual 404 fault. Its body is never read (the route's own parser takes any content
  // type and reads nothing): with `Content-Type: application/json` and no body, the JSON parser's 400 came before the
  // 404 that every other request to no operation gets, under MSW too.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.options('*', (_request, reply) => reply.callNotFound());
  });
}

/** A header name (RFC 9110's token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers that only a proxy in front of the sandbox sends (they name the address a client reached it at, which the
 * links it writes then carry): a page has no reason to, and a page of another site that could made a session's magic
 * links point at its own host (a security review).
 */
const PROXY_HEADER = /^(x-forwarded-|forwarded$)/i;

/**
 * The names a preflight asks for that are header names, as the list to allow: a browser asks only for those, and
 * anything else (`a b`, `c;d`, bytes outside ASCII) was echoed back as it came, into a header of the answer. A proxy's
 * headers are left out (PROXY_HEADER).
 *
 * @example
 * toHeaderNames('authorization, x-mock-session, a b, x-forwarded-host') // 'authorization,x-mock-session'
 */
function toHeaderNames(requested: string | undefined): string {
  if (requested === undefined) return '';
  return requested
    .split(',')
    .map((name) => name.trim())
    .filter((name) => HEADER_NAME.test(name) && !PROXY_HEADER.test(name))
    .join(',');
}
