import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxError, toErrorAnswer } from '../errors.js';
import {
  forwardToUpstream,
  PathLeavesUpstreamBase,
  toHeaderLines,
  toUpstreamUrl,
  UpstreamFailure,
  type ForwardedRequest,
  type HeaderLines,
} from './forward-to-upstream.js';

/** One request through the proxy and the answer its client got (the upstream's, or the proxy's own fault). */
export interface ProxiedExchange {
  /** When the request arrived (epoch ms). */
  startedAt: number;
  httpVersion: string;
  request: ForwardedRequest;
  /** Where it was forwarded. */
  upstreamUrl: string;
  response: { status: number; statusText: string; headers: HeaderLines; body: Buffer };
  /** False when the answer is the proxy's own problem+json (upstream unreachable or too slow, request too large). */
  fromUpstream: boolean;
  /** Milliseconds: reading the client's request, waiting for the upstream's first byte, receiving the rest. */
  timings: { send: number; wait: number; receive: number };
}

export interface ProxyServerOptions {
  upstream: URL;
  /** An upstream that sends no complete answer within this time gets the client a 504 (MOCK_ERR_UPSTREAM_TIMEOUT). */
  upstreamTimeoutMs: number;
  /** Larger request bodies get a 413 (MOCK_ERR_BODY_TOO_LARGE); larger answers a 502. */
  bodyLimitBytes: number;
  /** A request (headers and body) must arrive within this time. */
  requestTimeoutMs: number;
  /** Called once the client has its answer; its failures are its own (the client is never kept waiting for it). */
  onExchange(exchange: ProxiedExchange): void;
}

/** A listening proxy. */
export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        incoming.resume(); // drain the rest, so the 413 can still be read by the client
      } else chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function toProxyFault(error: unknown, limit: number): SandboxError {
  if (error instanceof BodyTooLarge) return new SandboxError('MOCK_ERR_BODY_TOO_LARGE', `The request body exceeds the proxy's limit of ${limit} bytes`);
  if (error instanceof PathLeavesUpstreamBase)
    return new SandboxError('MOCK_ERR_BAD_REQUEST', `The proxy sends nothing outside its upstream: ${error.message}`);
  if (error instanceof UpstreamFailure) {
    const code = { timeout: 'MOCK_ERR_UPSTREAM_TIMEOUT', unreachable: 'MOCK_ERR_UPSTREAM_UNREACHABLE', closing: 'MOCK_ERR_CLOSING' } as const;
    return new SandboxError(code[error.kind], error.message);
  }
  return new SandboxError('MOCK_ERR_UPSTREAM_UNREACHABLE', `The proxy failed to forward the request: ${String(error)}`);
}

async function proxyOne(options: ProxyServerOptions, incoming: IncomingMessage, outgoing: ServerResponse, closing: AbortSignal): Promise<void> {
  const startedAt = Date.now();
  const arrivedAt = performance.now();
  const target = incoming.url ?? '/';
  const request: ForwardedRequest = { method: incoming.method ?? 'GET', target, headers: toHeaderLines(incoming.rawHeaders), body: Buffer.alloc(0) };
  // As sent, under the base path, when the path leaves it (refused below, never sent).
  let upstreamUrl = `${options.upstream.href.replace(/\/+$/, '')}${target}`;
  let response: ProxiedExchange['response'];
  let fromUpstream = true;
  let timings: ProxiedExchange['timings'];
  try {
    upstreamUrl = toUpstreamUrl(options.upstream, target).href;
    request.body = await readBody(incoming, options.bodyLimitBytes);
    const send = performance.now() - arrivedAt;
    const answer = await forwardToUpstream(options.upstream, request, { timeoutMs: options.upstreamTimeoutMs, maxBodyBytes: options.bodyLimitBytes, closing });
    response = { status: answer.status, statusText: answer.statusText, headers: answer.headers, body: answer.body };
    timings = { send, wait: answer.waitMs, receive: answer.receiveMs };
  } catch (error) {
    const fault = toErrorAnswer(toProxyFault(error, options.bodyLimitBytes), target);
    response = { status: fault.status, statusText: '', headers: Object.entries(fault.headers), body: Buffer.from(fault.body) };
    fromUpstream = false;
    timings = { send: 0, wait: performance.now() - arrivedAt, receive: 0 };
  }
  // Closing: no keep-alive, so the connection ends with this answer instead of holding the close up while idle.
  if (closing.aborted) outgoing.shouldKeepAlive = false;
  outgoing.writeHead(response.status, response.statusText || undefined, response.headers.flat());
  outgoing.end(response.body);
  options.onExchange({ startedAt, httpVersion: incoming.httpVersion, request, upstreamUrl, response, fromUpstream, timings });
}

/**
 * Listen on `port` (0: a free one) and forward every request to the upstream: method, path (under the upstream base
 * URL's path), query, headers (hop-by-hop ones dropped, `host` rewritten) and body; the client gets the upstream's
 * status, headers and body unchanged. Each finished exchange is handed to `onExchange`.
 *
 * @example
 * const proxy = await startProxyServer({ upstream: new URL('http://127.0.0.1:3000'), upstreamTimeoutMs: 30_000, bodyLimitBytes: 1 << 20, requestTimeoutMs: 30_000, onExchange: console.log }, 0, '127.0.0.1');
 * await fetch(`${proxy.url}/auth/mfa/status`); // answered by http://127.0.0.1:3000/auth/mfa/status
 * await proxy.close();
 */
export async function startProxyServer(options: ProxyServerOptions, port: number, host: string): Promise<RunningProxy> {
  const closing = new AbortController();
  const server: Server = createServer({ requestTimeout: options.requestTimeoutMs }, (incoming, outgoing) => {
    proxyOne(options, incoming, outgoing, closing.signal).catch(() => {
      // Only writing to a client that went away can fail here; there is no one left to answer.
      outgoing.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A request still waiting on the upstream gets the proxy's 503 at once (recorded as a proxy fault), so the
        // close, and the summary after it, never wait out --upstream-timeout.
        closing.abort();
        server.closeIdleConnections();
      }),
  };
}
