import type { FastifyInstance } from 'fastify';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import { signGenAuthRequest } from './genauth-signer.js';

/**
 * A request to one vendor surface as data: what the integration tests, the Prism oracle, the fuzzer and the soak all
 * send. It is turned into bytes only at send time (GenAuth signatures carry a date and a nonce), by `toHttpRequest`,
 * and sent through a `Transport` (app.inject, or fetch against the mock or a Prism proxy in front of it).
 */
export interface VendorRequest {
  surface: SurfaceId;
  method: string;
  /** The vendor path with path parameters filled in (no mount prefix, no query string). */
  path: string;
  query?: Record<string, string>;
  /** A JSON body (serialised with JSON.stringify); `undefined` sends none. */
  body?: unknown;
  /** Exact body bytes instead of `body` (broken JSON, other content types). */
  rawBody?: string;
  contentType?: string;
  credentials: Credentials;
  session: string;
  /** `Prefer: scenario=<name>` for this request. */
  scenario?: string;
  /** Headers added last (after signing, so they can also break it). */
  headers?: Record<string, string>;
}

export type Credentials = { kind: 'bearer'; token: string } | { kind: 'access-key'; id: string; secret: string } | { kind: 'none' };

export interface HttpRequest {
  method: string;
  /** Path and query, relative to the surface's base URL. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  data: any;
}

/** Sends one request to a surface's base URL. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

function toCredentialHeaders(request: VendorRequest): Record<string, string> {
  const { credentials } = request;
  if (credentials.kind === 'bearer') return { authorization: `Bearer ${credentials.token}` };
  if (credentials.kind === 'none') return {};
  // The GenAuth SDK signs the query for GET and the JSON body's top-level fields otherwise.
  const fields = request.method.toUpperCase() === 'GET' ? (request.query ?? {}) : isObject(request.body) ? request.body : {};
  return signGenAuthRequest({ method: request.method, path: request.path, fields, accessKeyId: credentials.id, accessKeySecret: credentials.secret });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The request as bytes, relative to the surface's base URL.
 *
 * @example
 * toHttpRequest({ surface: 'lerian', method: 'GET', path: '/v1/users/u1/mfa', credentials: { kind: 'bearer', token: 't' }, session: 's' })
 * // { method: 'GET', url: '/v1/users/u1/mfa', headers: { authorization: 'Bearer t', 'x-mock-session': 's' }, body: undefined }
 */
export function toHttpRequest(request: VendorRequest): HttpRequest {
  const search = new URLSearchParams(request.query ?? {}).toString();
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const headers: Record<string, string> = { ...toCredentialHeaders(request), 'x-mock-session': request.session };
  if (request.scenario) headers.prefer = `scenario=${request.scenario}`;
  if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  Object.assign(headers, request.headers);
  return { method: request.method.toUpperCase(), url: `${request.path}${search ? `?${search}` : ''}`, headers, body };
}

function toResponse(status: number, headers: Record<string, string>, text: string): HttpResponse {
  let data: unknown;
  if (/json/.test(headers['content-type'] ?? '') && text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined; // a JSON content type with an unparsable body is left for the caller's spec check to catch
    }
  }
  return { status, headers, text, data };
}

/** fetch against a real port: the mock itself (`http://127.0.0.1:<port>/<surface>`) or a Prism proxy in front of it. */
export function fetchTransport(baseUrl: string): Transport {
  return async (request) => {
    const response = await fetch(`${baseUrl}${request.url}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return toResponse(response.status, headers, await response.text());
  };
}

/** app.inject, in process; `prefix` is the surface's mount point (`/lerian`, or '' when one surface is at `/`). */
export function injectTransport(app: FastifyInstance, prefix: string): Transport {
  return async (request) => {
    const response = await app.inject({
      method: request.method as 'GET',
      url: `${prefix}${request.url}`,
      headers: request.headers,
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    return toResponse(response.statusCode, headers, response.body);
  };
}
