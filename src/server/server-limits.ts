import { ServerResponse, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config.js';
import { PROBLEM_CONTENT_TYPE, SANDBOX_ERROR_HEADER, SandboxError, sendError } from '../errors.js';
import { toUnroutableUrlFault } from '../pipeline/unroutable-url.js';
import { addCorsHeaders, toRawCorsHeaderLines } from './cors.js';

/**
 * What a hurried frontend or a hostile client can throw at the transport, and the sandbox's answer: bodies, headers and
 * slow requests are bounded, and every refusal, even one Node's HTTP parser produces before Fastify sees a request,
 * is a problem+json sandbox error rather than a bare status line or Fastify's own JSON.
 */

/** The limits a refusal names, with the setting that moves each, as the 413 names `--body-limit`. */
type ClientLimits = Pick<Config, 'requestTimeoutMs' | 'maxHeaderBytes' | 'cors'>;

function faultFor(error: { code?: string }, limits: Pick<ClientLimits, 'requestTimeoutMs' | 'maxHeaderBytes'>): SandboxError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const seconds = limits.requestTimeoutMs / 1000;
    return new SandboxError(
      'MOCK_ERR_REQUEST_TIMEOUT',
      `The request did not arrive completely within the sandbox's request timeout of ${seconds} s (serve --request-timeout <s>, MFA_SANDBOX_REQUEST_TIMEOUT_SECONDS)`,
    );
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new SandboxError(
      'MOCK_ERR_HEADERS_TOO_LARGE',
      `The request line and headers are larger than the sandbox's limit of ${limits.maxHeaderBytes} bytes (serve --max-header-size <bytes>, MFA_SANDBOX_MAX_HEADER_BYTES)`,
    );
  }
  return new SandboxError('MOCK_ERR_BAD_REQUEST', `The request is not valid HTTP (${error.code ?? 'parse error'})`);
}

/**
 * Sockets whose request Node's request timeout ended: the 408 went out from the clientError handler, and the body
 * reader then fails with a bare "aborted". The request's own answer (journalled, logged) must be that 408, not a 400.
 */
const timedOutSockets = new WeakSet<Socket>();

/**
 * The 408 the client got when its request (headers or body) did not arrive in time, or undefined when it was not
 * ended by the request timeout (a client that left on its own, a body refused otherwise).
 *
 * @example
 * app.setErrorHandler((error, request, reply) => sendError(reply, toRequestTimeoutFault(request.raw, config) ?? toFault(error)))
 */
export function toRequestTimeoutFault(raw: IncomingMessage, limits: Pick<Config, 'requestTimeoutMs' | 'maxHeaderBytes'>): SandboxError | undefined {
  return timedOutSockets.has(raw.socket) ? faultFor({ code: 'ERR_HTTP_REQUEST_TIMEOUT' }, limits) : undefined;
}

/** Sockets still reading the rest of a body refused as too large (see readRestOfRefusedBody). */
const drainingSockets = new WeakSet<Socket>();

/**
 * Fastify answers a body over the limit with `Connection: close` before reading it; the socket then closes with the
 * client still sending, the client's kernel answers the unread bytes with a reset, and the client often sees EPIPE
 * ("fetch failed") instead of the 413 (one in nine 8 MB uploads on loopback). So the connection stays open and Node
 * reads and drops the rest of the body, as nginx's lingering close does; --request-timeout still bounds how long.
 */
export function readRestOfRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  const { raw } = request;
  if (raw.complete) return;
  reply.removeHeader('connection');
  drainingSockets.add(raw.socket);
  raw.once('end', () => drainingSockets.delete(raw.socket));
}

/**
 * Node's `clientError`: the request never became a request (parser error, header overflow, timeout). `limits.cors`:
 * the sandbox's CORS setting, so a page on another origin can read this refusal as it reads every other.
 */
function toClientErrorHandler(limits: ClientLimits, log: FastifyBaseLogger | undefined) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // A refused body still arriving when the request timeout strikes was already answered (413): no second answer.
    if (drainingSockets.has(socket)) return void socket.destroy();
    // A connection opened and never used (a client's pool, a health check's TCP probe) is closed without a word, as
    // nginx does: a 408 nobody asked for reaches a pooled connection as an answer to no request (Go's client logs
    // "Unsolicited response received on idle HTTP channel").
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' && socket.bytesRead === 0) return void socket.destroy();
    const fault = faultFor(error, limits);
    const received = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : undefined;
    const inFlight = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? toRequestInFlight(socket) : undefined;
    if (inFlight) {
      // Its headers came and Fastify was reading its body: the request's error handler journals this 408 (see
      // toRequestTimeoutFault). Its answer is written here, so Fastify logs no line for it: this is its line.
      timedOutSockets.add(socket);
      log?.info(
        { sandboxError: fault.code, method: inFlight.method, url: inFlight.url, status: fault.status },
        `${inFlight.method} ${inFlight.url} -> ${fault.status} ${fault.code} (its body did not arrive within the request timeout)`,
      );
    } else {
      // Fastify never saw a request, so its log line is this one: the refusal was in no log at all.
      log?.info(
        { sandboxError: fault.code },
        `${toReceivedRequestLine(received)} -> ${fault.status} ${fault.code} (refused before it was a request: ${error.code ?? error.message})`,
      );
    }
    const body = JSON.stringify(fault.toProblem());
    if (socket.writable) {
      socket.write(
        `${toRawStatusLines(fault)}${toRawCorsHeaderLines(limits.cors, received, socket)}` +
          `connection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') lingerThenClose(socket);
    else socket.destroy();
  };
}

/**
 * The request whose headers Node parsed on this socket and has not answered yet (its body may still be arriving), if
 * any. Node keeps the response it is writing in `socket._httpMessage`, and the response keeps its request: there is no
 * public way from a socket to its request, and a hook that kept one for every request would cost every request.
 */
function toRequestInFlight(socket: Socket): IncomingMessage | undefined {
  const response = (socket as Socket & { _httpMessage?: unknown })._httpMessage;
  return response instanceof ServerResponse && !response.headersSent ? (response as ServerResponse<IncomingMessage>).req : undefined;
}

/**
 * What the client sent as its request line, for the log: printable ASCII of the first line only, at most 120
 * characters (it is whatever a client wrote), or `(nothing readable)`.
 */
function toReceivedRequestLine(received: Buffer | undefined): string {
  const line =
    received
      ?.toString('latin1')
      .split(/\r?\n/, 1)[0]
      ?.replace(/[^\x20-\x7e]/g, '?') ?? '';
  if (line === '') return '(nothing readable)';
  return line.length > 120 ? `${line.slice(0, 120)}...` : line;
}

/**
 * The status line and the headers every raw refusal starts with, written before Fastify or Node's own response code
 * runs: a `Date` as every other answer has (RFC 9110 asks it of an origin server with a clock).
 */
function toRawStatusLines(fault: SandboxError): string {
  return (
    `HTTP/1.1 ${fault.status} ${STATUS_CODES[fault.status]}\r\ndate: ${new Date().toUTCString()}\r\n` +
    `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n${SANDBOX_ERROR_HEADER}: true\r\n`
  );
}

/** How long a refused connection is read and dropped before it is closed anyway. */
const LINGER_MS = 2_000;

/**
 * Close a connection whose client may still be sending (headers over the limit, and often a body after them) the way
 * nginx's lingering close does: finish the answer, then read and drop what still arrives until the client closes or
 * LINGER_MS passes. Destroyed at once, the unread bytes made the kernel reset the connection, and a client still
 * writing a 1 MB URL saw "fetch failed" instead of the 431 (on a loaded machine, every time).
 */
function lingerThenClose(socket: Socket): void {
  // Node's parser gave up on this connection: what arrives now is only to be dropped, never parsed again.
  socket.removeAllListeners('data');
  socket.on('data', () => {});
  socket.on('error', () => socket.destroy());
  socket.end();
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('end', () => socket.destroy());
}

/**
 * Node hands a `CONNECT` request (a proxy tunnel) to a `connect` listener and, without one, closes the socket with no
 * answer at all. The sandbox is no proxy: a 400 problem+json, as every other refusal.
 */
export function refuseConnectMethod(server: Server): void {
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    const fault = new SandboxError('MOCK_ERR_BAD_REQUEST', 'CONNECT asks for a proxy tunnel; the sandbox is no proxy');
    const body = JSON.stringify(fault.toProblem());
    socket.end(`${toRawStatusLines(fault)}connection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

/**
 * Node answers an `Expect` other than `100-continue` (the one expectation HTTP defines) with a bare 417 and no body
 * when nothing listens for `checkExpectation`: the sandbox's fault instead, saying what it can meet.
 */
export function refuseUnknownExpectation(server: Server): void {
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const expectation = JSON.stringify(String(request.headers.expect));
    const fault = new SandboxError('MOCK_ERR_EXPECTATION_FAILED', `Expect: ${expectation} is not an expectation the sandbox meets; only 100-continue is`);
    const body = JSON.stringify(fault.toProblem(request.url));
    response.shouldKeepAlive = false;
    response
      .writeHead(fault.status, {
        'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
        'content-length': Buffer.byteLength(body),
        [SANDBOX_ERROR_HEADER]: 'true',
      })
      .end(body);
  });
}

/**
 * `Expect: 100-continue` is answered `100 Continue` only for a body the sandbox would read: one whose Content-Length is
 * over the body limit gets its refusal (the 413 the request would get anyway, from its route) without a 100 first, so
 * the client sends none of it (RFC 9110, section 10.1.1). Node sent the 100 to every such request, and curl had sent
 * megabytes of a 20 MB body by the time the 413 came.
 */
export function continueWithinBodyLimit(server: Server, bodyLimitBytes: number): void {
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    const declared = Number(request.headers['content-length']);
    if (!(declared > bodyLimitBytes)) response.writeContinue();
    server.emit('request', request, response);
  });
}

/** Router-level refusals (a path that is not valid percent-encoding) in the sandbox's fault shape. */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  addCorsHeaders(request, reply);
  const fault = toUnroutableUrlFault(error.message);
  sendError(reply, fault, request.url);
  // Fastify logs no line for a request its router refused: this is it.
  request.log.info(`${request.method} ${request.url} -> ${fault.status} ${fault.code} (refused before routing)`);
}

/**
 * Requests whose framing the sandbox does not guess at, refused before any route, in one `onRequest` hook (it runs on
 * every request; the usual one costs two header reads and the request line's version):
 * - HTTP/1.1 without a Host header (RFC 9112, section 3.2; HTTP/1.0 needs none): Node refused it with a bare 400 (no
 *   body, no content type), the one refusal that was not a problem+json sandbox error;
 * - a transfer coding other than chunked (`Transfer-Encoding: gzip, chunked`), a 501 (RFC 9112, section 6.1): Node
 *   takes the chunks and ignores the rest, so a gzipped body was read as it came, and a vendor answered the bytes with
 *   its malformed-body error or, for a body that was not really compressed, took it as sent;
 * - a request line of another major version than 1 (`GET / HTTP/2.0`, `HTTP/0.9`), a 505 (RFC 9110, section 15.6.6):
 *   Node's parser takes both, and the sandbox answered them in HTTP/1.1 as if they were (an HTTP/2 client speaks its
 *   binary frames, or asks to upgrade, and never sends such a line).
 */
export function refuseUnframedRequests(app: FastifyInstance): void {
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const codings = request.headers['transfer-encoding'];
    if (request.headers.host !== undefined && codings === undefined && request.raw.httpVersionMajor === 1) return done();
    if (request.raw.httpVersionMajor !== 1) {
      reply.header('connection', 'close'); // what follows on this connection is in a framing the sandbox does not read
      const version = new SandboxError(
        'MOCK_ERR_HTTP_VERSION_NOT_SUPPORTED',
        `The request line says HTTP/${request.raw.httpVersion}; the sandbox speaks HTTP/1.0 and HTTP/1.1`,
      );
      sendError(reply, version, request.url);
      return;
    }
    if (request.headers.host === undefined && request.raw.httpVersion === '1.1') {
      sendError(
        reply,
        new SandboxError('MOCK_ERR_BAD_REQUEST', 'The request has no Host header, which HTTP/1.1 requires (RFC 9112, section 3.2)'),
        request.url,
      );
      return;
    }
    if (codings === undefined || codings.split(',').every((coding) => coding.trim().toLowerCase() === 'chunked')) return done();
    reply.header('connection', 'close'); // the body is not read: nothing after it on this connection could be framed
    const fault = new SandboxError(
      'MOCK_ERR_UNSUPPORTED_TRANSFER_ENCODING',
      `Transfer-Encoding: ${JSON.stringify(codings)} has a coding the sandbox does not decode; only chunked is (a compressed body says so in Content-Encoding: gzip, deflate or br)`,
    );
    sendError(reply, fault, request.url);
  });
}

/**
 * Fastify server options that enforce the configured limits.
 *
 * @example
 * const app = Fastify({ logger: false, ...toServerLimitOptions(config) });
 */
export function toServerLimitOptions(config: Pick<Config, 'bodyLimitBytes' | 'requestTimeoutMs' | 'maxHeaderBytes' | 'cors'>, log?: FastifyBaseLogger) {
  return {
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    http: {
      maxHeaderSize: config.maxHeaderBytes,
      headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
      // Node checks for timed-out requests on this interval (30 s by default), which would stretch a short timeout.
      connectionsCheckingInterval: Math.min(1_000, config.requestTimeoutMs),
      // Node answers an HTTP/1.1 request without Host with a bare 400 of its own; refuseUnframedRequests answers it instead.
      requireHostHeader: false,
    },
    // Path ids are bounded by the header limit, not by the router's 100 characters: a long id must reach the vendor's
    // own validation (e.g. Lerian's IDE-0003), not end as the router's 414.
    routerOptions: { maxParamLength: config.maxHeaderBytes },
    clientErrorHandler: toClientErrorHandler(config, log),
    frameworkErrors: answerFrameworkError,
  };
}
