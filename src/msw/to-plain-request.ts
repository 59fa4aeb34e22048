import type { SandboxError } from '../errors.js';
import type { PlainRequest } from '../pipeline/plain-exchange.js';
import { readFetchedBody } from './request-body-decoding.js';

/** The query string as Fastify's parser gives it to the server's pipeline: a value per name, an array when repeated. */
function toQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

function toParams(params: Readonly<Record<string, string | readonly string[] | undefined>>): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value !== undefined) plain[name] = typeof value === 'string' ? value : value.join('/');
  return plain;
}

/** A request as the pipeline takes it, and the fault the server answers it with before its route reads it, if any. */
export interface FetchedRequest {
  plain: PlainRequest;
  refused?: SandboxError;
}

/**
 * An MSW (Fetch API) request as the pipeline takes it, read the way the server reads one, so both transports answer
 * alike: header names in lower case (as Node and browsers give them, but happy-dom does not), the URL's path and query as `url`, the
 * query parsed, and a body only where Fastify would hand one over (never for GET/HEAD; an empty body without a content
 * type is none), inflated as its Content-Encoding says where the surface's vendor inflates it (`contentEncodings`; see
 * readFetchedBody). A body the server would refuse before its route read it comes with `refused`, the server's fault,
 * and `unreadBody`, why, for the route's `refuse`. The `host` header, which the Fetch API never exposes, is the URL's host, as a server would receive it;
 * an https URL reads as a server behind a TLS proxy reads one (`x-forwarded-proto: https`, unless the request sent its
 * own), so the links the sandbox writes (a magic link) keep the page's scheme: an http link from an https page is
 * blocked as mixed content.
 *
 * @example
 * await toPlainRequest(new Request('http://localhost:4010/flashback/mfa/status?x=1'), {})
 * // { plain: { method: 'GET', url: '/flashback/mfa/status?x=1', headers: { host: 'localhost:4010' }, query: { x: '1' }, params: {}, body: undefined } }
 */
export async function toPlainRequest(
  request: Request,
  params: Readonly<Record<string, string | readonly string[] | undefined>>,
  contentEncodings?: readonly string[],
): Promise<FetchedRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = url.protocol === 'https:' ? { host: url.host, 'x-forwarded-proto': 'https' } : { host: url.host };
  // happy-dom's Headers keep the letter case a page wrote (`Authorization`; one name in two cases is still one entry),
  // undici's and jsdom's lower it: the pipeline reads lower-case names only.
  request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  const plain: PlainRequest = {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers,
    query: toQuery(url.searchParams),
    params: toParams(params),
    body: undefined,
  };
  if (request.method === 'GET' || request.method === 'HEAD') return { plain };
  const fetched = await readFetchedBody(request, contentEncodings);
  if ('refused' in fetched) return { plain: fetched.unreadBody ? { ...plain, unreadBody: fetched.unreadBody } : plain, refused: fetched.refused };
  const empty = fetched.text === '' && headers['content-type'] === undefined;
  return { plain: { ...plain, body: empty ? undefined : fetched.text } };
}
