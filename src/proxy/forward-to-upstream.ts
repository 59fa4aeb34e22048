import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Header lines as a list of name/value pairs, in the order sent (a name may repeat, e.g. set-cookie). */
export type HeaderLines = Array<[name: string, value: string]>;

/** A request as the proxy forwards it: what the client sent, with the path relative to the proxy's root. */
export interface ForwardedRequest {
  method: string;
  /** Path and query as the client sent them, e.g. `/auth/mfa/status?x=1`. */
  target: string;
  headers: HeaderLines;
  body: Buffer;
}

/** The upstream's answer, bytes unchanged (a compressed body stays compressed). */
export interface UpstreamAnswer {
  status: number;
  statusText: string;
  headers: HeaderLines;
  body: Buffer;
  /** Milliseconds from sending the request to the first byte of the answer, and from there to its last byte. */
  waitMs: number;
  receiveMs: number;
}

/**
 * Why the upstream gave no answer: it could not be reached (refused, DNS, reset), did not answer in time, or the proxy
 * stopped waiting because it is closing.
 */
export class UpstreamFailure extends Error {
  override name = 'UpstreamFailure';
  constructor(
    readonly kind: 'unreachable' | 'timeout' | 'closing',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not to the exchange: never forwarded either way.
 * `host` is rewritten to the upstream's; `content-length` is set from the body actually sent.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The header lines to pass on: without hop-by-hop headers and those the `connection` header names. */
export function withoutHopByHop(headers: HeaderLines, also: readonly string[] = []): HeaderLines {
  const named = headers
    .filter(([name]) => name.toLowerCase() === 'connection')
    .flatMap(([, value]) => value.split(',').map((token) => token.trim().toLowerCase()));
  const dropped = new Set([...HOP_BY_HOP, ...named, ...also]);
  return headers.filter(([name]) => !dropped.has(name.toLowerCase()));
}

/** Node's raw header list (`[name, value, name, value...]`) as pairs. */
export function toHeaderLines(rawHeaders: readonly string[]): HeaderLines {
  const lines: HeaderLines = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) lines.push([rawHeaders[index]!, rawHeaders[index + 1]!]);
  return lines;
}

/** A request path whose dot segments (`..`, `%2e%2e`) climb out of the upstream base URL's path. */
export class PathLeavesUpstreamBase extends Error {
  override name = 'PathLeavesUpstreamBase';
}

/**
 * The upstream URL a request goes to: its path under the upstream base URL's path, its query kept. The URL parser
 * resolves dot segments, so `/../../__admin/sessions` under `http://host/flashback` went to `http://host/__admin/...`:
 * such a path is a PathLeavesUpstreamBase instead.
 */
export function toUpstreamUrl(upstream: URL, target: string): URL {
  const base = upstream.pathname.replace(/\/+$/, '');
  const url = new URL(`${upstream.origin}${base}${target.startsWith('/') ? target : `/${target}`}`);
  if (base !== '' && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
    throw new PathLeavesUpstreamBase(`${target.split('?')[0]} leaves the upstream's base path ${base} (its dot segments climb out of it)`);
  }
  return url;
}

/** The header lines sent upstream: the client's, without hop-by-hop ones, `host` the upstream's, `content-length` the body's. */
export function toSentHeaders(forwarded: ForwardedRequest, url: URL): HeaderLines {
  const hasBody = forwarded.body.length > 0 || !['GET', 'HEAD'].includes(forwarded.method);
  return [
    ...withoutHopByHop(forwarded.headers, ['host', 'content-length']),
    ['host', url.host],
    ...(hasBody ? ([['content-length', String(forwarded.body.length)]] as HeaderLines) : []),
  ];
}

function toOutgoingHeaders(headers: HeaderLines): IncomingHttpHeaders {
  const outgoing: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const previous = outgoing[key];
    outgoing[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return outgoing;
}

/**
 * Send one request to the upstream and read its whole answer (bounded: a larger body is cut off and reported as
 * unreachable rather than held in memory). Never hangs: no answer within `timeoutMs` is an `UpstreamFailure('timeout')`,
 * and `closing` aborted (the proxy stopping) ends the wait at once (`'closing'`).
 *
 * @example
 * const answer = await forwardToUpstream(new URL('http://127.0.0.1:3000/api'), { method: 'GET', target: '/auth/mfa/status', headers: [], body: Buffer.alloc(0) }, { timeoutMs: 30_000, maxBodyBytes: 1 << 20 });
 * answer.status // 200
 */
export function forwardToUpstream(
  upstream: URL,
  forwarded: ForwardedRequest,
  { timeoutMs, maxBodyBytes, closing }: { timeoutMs: number; maxBodyBytes: number; closing?: AbortSignal },
): Promise<UpstreamAnswer> {
  const url = toUpstreamUrl(upstream, forwarded.target);
  const headers = toOutgoingHeaders(toSentHeaders(forwarded, url));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const sentAt = performance.now();
    let settled = false;
    const fail = (failure: UpstreamFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      closing?.removeEventListener('abort', stop);
      outgoing.destroy();
      reject(failure);
    };
    const timer = setTimeout(
      () => fail(new UpstreamFailure('timeout', `${forwarded.method} ${url.href}: no complete answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    // Stopping the proxy (Ctrl-C) must not wait out an upstream that hangs: its summary is what the run was for.
    const stop = () => fail(new UpstreamFailure('closing', `${forwarded.method} ${url.href}: the proxy stopped before the upstream answered`));
    closing?.addEventListener('abort', stop, { once: true });
    const outgoing = send(url, { method: forwarded.method, headers }, (incoming) => {
      const firstByteAt = performance.now();
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) fail(new UpstreamFailure('unreachable', `${forwarded.method} ${url.href}: answer body exceeds ${maxBodyBytes} bytes`));
        else chunks.push(chunk);
      });
      incoming.on('error', (error) => fail(new UpstreamFailure('unreachable', `${forwarded.method} ${url.href}: ${error.message}`)));
      incoming.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        closing?.removeEventListener('abort', stop);
        resolve({
          status: incoming.statusCode ?? 502,
          statusText: incoming.statusMessage ?? '',
          headers: withoutHopByHop(toHeaderLines(incoming.rawHeaders)),
          body: Buffer.concat(chunks),
          waitMs: firstByteAt - sentAt,
          receiveMs: performance.now() - firstByteAt,
        });
      });
    });
    outgoing.on('error', (error) => fail(new UpstreamFailure('unreachable', `${forwarded.method} ${url.href}: ${error.message}`)));
    outgoing.end(forwarded.body);
  });
}
