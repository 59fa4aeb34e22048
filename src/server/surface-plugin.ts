import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { noteSentFault } from '../errors.js';
import { noteAnswerMaking } from './answer-making-log.js';
import { logClientGone, logDroppedRequest } from './one-line-log-controller.js';
import type { PlainAnswer, PlainRequest } from '../pipeline/plain-exchange.js';
import type { EngineRoute } from '../pipeline/surface-engine.js';
import { InjectedDelays } from './injected-delays.js';
import { toSlowBodyStream } from './slow-body.js';
import { isLinkHost } from '../engine/magic-links.js';
import { contentDecoding } from './request-content-encoding.js';
import { restoreContentType, setAsideUnreadableContentType } from './unreadable-content-type.js';
import { unreadBodyOf, type TransportRefusal } from './transport-refusal.js';

/** The methods whose requests carry a body the vendor reads. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface SurfacePluginOptions {
  /** The surface's operations from `createSurfaceEngine`: the pipeline answers, this plugin only carries bytes. */
  routes: readonly EngineRoute[];
  /** The request Content-Encodings the vendor inflates (the surface behaviour's `contentEncodings`); every one the sandbox reads when undefined. */
  contentEncodings?: readonly string[];
}

/**
 * The Fastify adapter of a surface: mounts each operation at its path and copies requests into the transport-free
 * pipeline and answers back out. Registered once per surface under its prefix.
 */
export async function surfacePlugin(app: FastifyInstance, options: SurfacePluginOptions): Promise<void> {
  // Bodies reach the pipeline as text: it reads them as the vendor would (a broken body is the vendor's error).
  app.removeAllContentTypeParsers();
  // JSON gets its own parser although the catch-all would do: Fastify finds an exact media type without parsing the
  // header into a content type object, ~1% of a write request's server CPU (--cpu-prof).
  const asText = (_request: unknown, text: string | Buffer, done: (error: null, body: string | Buffer) => void) => done(null, text);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, asText);
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, text, done) => {
    restoreContentType(request);
    done(null, text);
  });
  // Closing cuts the answers' injected delays short: they go out at once instead of holding the close up.
  const delays = new InjectedDelays();
  app.addHook('preClose', (done) => {
    delays.cutShort();
    done();
  });

  const decodeContentEncoding = contentDecoding(options.contentEncodings);
  for (const route of options.routes) {
    const hasPathParameters = route.routerPath.includes(':');
    const handler = (request: FastifyRequest, reply: FastifyReply) => {
      // Fastify's router takes an empty segment for a path parameter (`DELETE /auth/mfa/devices/`); the vendors'
      // routers, and the MSW handlers, match no route there: the not-found answer, with its near misses.
      if (hasPathParameters && hasEmptyParameter(request.params as Record<string, string>)) return reply.callNotFound();
      return deliver(reply, route.answer(toPlainRequest(request, request.body as string | undefined)));
    };
    const refuseBeforeHandler: TransportRefusal = (request, reply, fault) => {
      const unreadBody = unreadBodyOf(request, fault);
      const plain = toPlainRequest(request, undefined);
      return deliver(reply, route.refuse(unreadBody ? { ...plain, unreadBody } : plain, fault));
    };
    const deliver = (reply: FastifyReply, answer: PlainAnswer | Promise<PlainAnswer>) =>
      answer instanceof Promise ? answer.then((settled) => send(reply, route, settled, delays)) : send(reply, route, answer, delays);
    const method = route.method.toUpperCase();
    // Only where a body is read: a hook on every GET would cost the read path a call per request for nothing.
    const bodyHooks = BODY_METHODS.has(method) ? { preParsing: [setAsideUnreadableContentType, decodeContentEncoding] } : {};
    // The operation in the route's config: the request's log line names it (see OneLineLogController).
    const definition = { method, handler, config: { refuseBeforeHandler, operationId: route.operationId }, ...bodyHooks };
    app.route({ url: route.routerPath, ...definition });
    // A surface whose vendor routes a path with a trailing slash as the path without it has the route there too.
    if (route.trailingSlash) app.route({ url: `${route.routerPath}/`, ...definition });
  }
}

/** A request as the pipeline reads it: `body` as the surface's parsers read it, undefined when none was read. */
function toPlainRequest(request: FastifyRequest, body: string | undefined): PlainRequest {
  return {
    method: request.method,
    // As received, with any /s/<session>/ prefix the router did not see: the pipeline reads the session from it.
    url: request.originalUrl,
    // HTTP/1.0 needs no Host, HTTP/1.1 allows an empty one, a broken client sends `a b`: links the sandbox writes
    // (a magic link) then name the address it was reached at, not npm start's default port.
    headers: hasLinkHost(request.headers.host) ? request.headers : { ...request.headers, host: toLocalHost(request.socket) },
    query: request.query as Record<string, unknown>,
    params: request.params as Record<string, string>,
    body,
  };
}

function hasEmptyParameter(params: Record<string, string>): boolean {
  for (const name in params) if (params[name] === '') return true;
  return false;
}

/** The last Host found usable: every request of a client names the same one, compared here before any pattern runs. */
let lastLinkHost: string | undefined;

function hasLinkHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  if (host === lastLinkHost) return true;
  if (!isLinkHost(host)) return false;
  lastLinkHost = host;
  return true;
}

/** The address and port a connection reached the server at, as a Host header names them. */
function toLocalHost(socket: { localAddress?: string | undefined; localPort?: number | undefined }): string {
  const address = socket.localAddress ?? '127.0.0.1';
  return `${address.includes(':') ? `[${address}]` : address}:${socket.localPort ?? 80}`;
}

/**
 * Send the pipeline's answer. Returns nothing when it went out synchronously, else the promise of it; either way the
 * reply has been sent (or, for an injected dropped connection, hijacked) by the time Fastify looks.
 */
function send(reply: FastifyReply, route: EngineRoute, answer: PlainAnswer, delays: InjectedDelays): Promise<void> | undefined {
  if (answer.internalError !== undefined) reply.log.error({ err: answer.internalError, operationId: route.operationId }, 'handler failed');
  if (answer.delayMs > 0) return delays.wait(answer.delayMs, reply.raw).then(() => writeDelayed(reply, answer, delays));
  write(reply, answer, delays);
  return undefined;
}

/**
 * Send an answer once its delay is over; a client that closed the connection meanwhile never gets it (the journal and
 * the log say so: Fastify logs no completion for an answer it could not send).
 */
function writeDelayed(reply: FastifyReply, answer: PlainAnswer, delays: InjectedDelays): void {
  if (reply.raw.destroyed) {
    answer.noteClientGone?.();
    logClientGone(reply.request, reply, answer.status, answer.making);
  }
  write(reply, answer, delays);
}

/**
 * The `closed-mid-body` fault: the status line and headers promise the whole body (its Content-Length), the first half
 * of its bytes follows, then the connection closes, so the client's HTTP stack reports a short read. Written on the
 * raw response of a hijacked reply, with the headers Fastify's hooks had set already (CORS).
 */
function closeMidBody(reply: FastifyReply, answer: PlainAnswer): void {
  const bytes = Buffer.from(answer.body ?? '');
  logDroppedRequest(reply.request, reply, answer.status, 'mid-body', answer.making);
  if (answer.addedHeaderNames) exposeToPages(reply, answer.addedHeaderNames);
  const hooked = reply.getHeaders();
  reply.hijack();
  const raw = reply.raw;
  for (const [name, value] of Object.entries(hooked)) if (value !== undefined) raw.setHeader(name, value);
  for (const [name, value] of Object.entries(answer.headers)) raw.setHeader(name, value);
  if (answer.cookies) raw.setHeader('set-cookie', [...answer.cookies]);
  raw.setHeader('content-length', bytes.length);
  raw.writeHead(answer.status);
  // Ended once the half is handed to the kernel: destroyed before, the socket could drop what was still queued. A
  // HEAD answer has no body to cut (Node writes none): its headers go out whole, then the connection closes.
  const half = reply.request.method === 'HEAD' ? Buffer.alloc(0) : bytes.subarray(0, Math.floor(bytes.length / 2));
  if (half.length === 0) raw.end(() => raw.destroy());
  else raw.write(half, () => raw.destroy());
}

/**
 * Let a page of another origin read the headers an override added (its app reads `Retry-After` to back off): added to
 * the exposed ones of an answer CORS applies to (it has none when the request had no Origin or --cors refused it).
 */
function exposeToPages(reply: FastifyReply, names: readonly string[]): void {
  const exposed = reply.getHeader('access-control-expose-headers');
  if (typeof exposed === 'string') reply.header('access-control-expose-headers', `${exposed}, ${names.join(', ')}`);
}

function write(reply: FastifyReply, answer: PlainAnswer, delays: InjectedDelays): void {
  if (answer.dropConnection === 'mid-body') {
    closeMidBody(reply, answer);
    return;
  }
  if (answer.dropConnection) {
    const reset = answer.dropConnection === 'reset';
    // A hijacked reply is never logged by Fastify: say here what happened to the request.
    logDroppedRequest(reply.request, reply, answer.status, answer.dropConnection, answer.making);
    reply.hijack();
    // light-my-request's socket (app.inject) cannot send a reset: it ends as a dropped connection there.
    const socket = reply.raw.socket;
    if (reset && typeof socket?.resetAndDestroy === 'function') socket.resetAndDestroy();
    else reply.raw.destroy();
    return;
  }
  // 200 is Fastify's default, and reply.code() checks its argument on every call.
  if (answer.status !== 200) reply.code(answer.status);
  reply.headers(answer.headers);
  // Fastify adds set-cookie values to those already set (the session cookie of a prefixed URL) instead of replacing them.
  if (answer.cookies) reply.header('set-cookie', [...answer.cookies]);
  if (answer.addedHeaderNames) exposeToPages(reply, answer.addedHeaderNames);
  if (answer.sandboxError) noteSentFault(reply, answer.sandboxError);
  // For the request's log line, which Fastify writes once the answer is sent (see OneLineLogController).
  if (answer.making) noteAnswerMaking(reply, answer.making);
  // A HEAD answer has no body to send slowly (Node writes none): it goes out as it is.
  if (answer.slowBodyMs !== undefined && answer.body !== undefined && reply.request.method !== 'HEAD') {
    reply.header('content-length', Buffer.byteLength(answer.body));
    const clientGone = () => {
      answer.noteClientGone?.();
      logClientGone(reply.request, reply, answer.status, answer.making, true);
    };
    reply.send(toSlowBodyStream(answer.body, answer.slowBodyMs, delays, reply.raw, clientGone));
    return;
  }
  reply.send(answer.body);
}
