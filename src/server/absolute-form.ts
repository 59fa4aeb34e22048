import type { IncomingMessage } from 'node:http';

/** `http://host[:port]` (or https) in front of a request target in absolute form. */
const ORIGIN = /^https?:\/\/[^/?#]*/i;

/**
 * A request target in absolute form (`GET http://localhost:4010/s/qa-1/flashback/mfa/status`, as a client configured
 * with the sandbox as its HTTP proxy sends it; RFC 9112 §3.2.2: a server must accept it) made the origin form every
 * other part of the sandbox reads: the router, the session prefix and the journal. Called first in Fastify's
 * `rewriteUrl`, which has already kept `req.originalUrl`: that is set to the origin form too, so the pipeline reads the
 * session prefix from it and the journal keeps the path. One character compared for the usual origin form.
 */
export function toOriginForm(request: IncomingMessage & { originalUrl?: string }): string {
  const url = request.url ?? '/';
  if (url.charCodeAt(0) === 0x2f /* '/' */) return url;
  const origin = ORIGIN.exec(url);
  if (!origin) return url;
  const rest = url.slice(origin[0].length);
  const path = rest.startsWith('/') ? rest : `/${rest}`;
  request.originalUrl = path;
  return path;
}
