import { headerValue, isTextual, toDecodedBody } from './decoded-body.js';
import { toSentHeaders, type HeaderLines } from './forward-to-upstream.js';
import type { ProxiedExchange } from './proxy-server.js';
import { credentialValuesOf, redactBodyText, redactHeaders, redactKnownValues, redactSearchParams, REDACTED, type BodySide } from './redact-credentials.js';

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the subset the proxy writes. Custom fields start with `_`
 * as the format asks: `_operationId`, `_violations` and `_outsideSpec` say what the spec check found for the entry,
 * `_sandboxDifferences` where the sandbox answered the same request differently.
 */
export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  comment?: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string; comment?: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: HarContent;
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** The spec operation the request matched, if any. */
  _operationId?: string;
  /** What the spec check found wrong with this exchange. */
  _violations?: Array<{ kind: string; pointer: string; keyword: string; message: string }>;
  /** Set when the request is to a route the spec has no operation for: not checked. */
  _outsideSpec?: boolean;
  /** The fields on which the sandbox's answer to the same request differed, as the drift report shows them. */
  _sandboxDifferences?: Array<{ path: string; outcome: string; upstream?: unknown; sandbox?: unknown }>;
  /** Set when the answer is the proxy's own problem+json, not the upstream's. */
  _proxyFault?: boolean;
}

export interface HarLog {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}

const NOT_RECORDED = 'binary body not recorded (it may hold a secret, e.g. a QR code image)';

/** Cookies by name; their values are credentials, so never recorded. */
function toCookies(headers: HeaderLines, header: 'cookie' | 'set-cookie'): HarNameValue[] {
  return headers
    .filter(([name]) => name.toLowerCase() === header)
    .flatMap(([, value]) => (header === 'cookie' ? value.split(';') : [value.split(';')[0]!]))
    .map((pair) => ({ name: pair.slice(0, Math.max(0, pair.indexOf('='))).trim(), value: REDACTED }))
    .filter((cookie) => cookie.name !== '');
}

const toNameValues = (headers: HeaderLines): HarNameValue[] => headers.map(([name, value]) => ({ name, value }));

/** A body's text for the HAR, decoded and redacted; undefined (with a size) for a body that is not text. */
function toBodyText(body: Buffer, headers: HeaderLines, known: readonly string[], side: BodySide): string | undefined {
  const contentType = headerValue(headers, 'content-type');
  if (!isTextual(contentType)) return undefined;
  return redactBodyText(toDecodedBody(body, headers).toString('utf8'), contentType, known, side);
}

/**
 * One exchange as a HAR entry, with every credential redacted (headers, cookies, secret query parameters and body
 * fields, and the request's credential values wherever they reappear).
 *
 * @example
 * toHarEntry(exchange).request.headers // [{ name: 'authorization', value: '[redacted]' }, ...]
 */
export function toHarEntry(
  exchange: ProxiedExchange,
  annotations: Pick<HarEntry, '_operationId' | '_violations' | '_outsideSpec' | '_sandboxDifferences'> = {},
): HarEntry {
  const { request, response, timings } = exchange;
  const known = credentialValuesOf(request.headers);
  const url = new URL(exchange.upstreamUrl);
  const query = redactSearchParams(url.searchParams, 'request');
  url.search = query.toString();
  const requestType = headerValue(request.headers, 'content-type') ?? 'application/octet-stream';
  const requestText = request.body.length > 0 ? toBodyText(request.body, request.headers, known, 'request') : undefined;
  const responseText = toBodyText(response.body, response.headers, known, 'response');
  const decodedResponse = toDecodedBody(response.body, response.headers);
  return {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: round(timings.send + timings.wait + timings.receive),
    request: {
      method: request.method,
      url: redactKnownValues(url.href.replaceAll(encodeURIComponent(REDACTED), REDACTED), known),
      httpVersion: `HTTP/${exchange.httpVersion}`,
      cookies: toCookies(request.headers, 'cookie'),
      headers: toNameValues(redactHeaders(exchange.fromUpstream ? toSentHeaders(request, url) : request.headers)),
      queryString: [...query].map(([name, value]) => ({ name, value })),
      ...(request.body.length > 0
        ? { postData: { mimeType: requestType, text: requestText ?? '', ...(requestText === undefined ? { comment: NOT_RECORDED } : {}) } }
        : {}),
      headersSize: -1,
      bodySize: request.body.length,
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: `HTTP/${exchange.httpVersion}`,
      cookies: toCookies(response.headers, 'set-cookie'),
      headers: toNameValues(redactHeaders(response.headers)),
      content: {
        size: decodedResponse.length,
        mimeType: headerValue(response.headers, 'content-type') ?? '',
        ...(responseText === undefined ? { comment: NOT_RECORDED } : { text: responseText }),
      },
      redirectURL: headerValue(response.headers, 'location') ?? '',
      headersSize: -1,
      bodySize: response.body.length,
    },
    cache: {},
    timings: { send: round(timings.send), wait: round(timings.wait), receive: round(timings.receive) },
    ...annotations,
    ...(exchange.fromUpstream ? {} : { _proxyFault: true }),
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** A HAR document of these entries. */
export function toHarLog(entries: HarEntry[], creatorVersion: string): HarLog {
  return { log: { version: '1.2', creator: { name: 'mfa-sandbox proxy', version: creatorVersion }, entries } };
}
