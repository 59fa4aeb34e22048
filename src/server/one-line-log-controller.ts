import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { sentFaultOf } from '../errors.js';
import { RefusedInSession, toRequestContext } from '../pipeline/request-context.js';

const LEVELS_THAT_LOG_INFO = new Set(['info', 'debug', 'trace']);

/** One readable line per request (method, url, status, time, session) instead of Fastify's two JSON records. */
export class OneLineLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Below info (e.g. --log-level warn under load) the line would be dropped: skip parsing headers and formatting it.
    if (!LEVELS_THAT_LOG_INFO.has(request.log.level)) return;
    const session = sessionOf(request);
    const about = session === undefined ? '' : `, session ${withoutControlCharacters(session)}`;
    // A sandbox fault names its code: `-> 400` alone read like the vendor's own 400.
    const fault = sentFaultOf(reply);
    const status = fault === undefined ? String(reply.statusCode) : `${reply.statusCode} ${fault}`;
    request.log.info(`${request.method} ${toLoggedUrl(request.originalUrl)} -> ${status} (${reply.elapsedTime.toFixed(1)} ms${about})`);
  }
}

/** Query parameters whose value is a credential by its name: `?token=`, `access_token`, `password`, `apiKey`, `secret`. */
const CREDENTIAL_PARAMETER = /^[^=]*(token|secret|password|passwd|api[-_]?key)[^=]*=/i;

/**
 * The URL as logged: the values of credential-named query parameters masked. The sandbox takes no credential in a
 * query string (its admin token goes in a header), but a client that tried one (EventSource cannot send headers) put
 * the admin token into every log line of the request, in CI logs kept for months (a security review).
 */
function toLoggedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const masked = url
    .slice(query + 1)
    .split('&')
    .map((parameter) => (CREDENTIAL_PARAMETER.test(parameter) ? `${parameter.slice(0, parameter.indexOf('='))}=***` : parameter));
  return `${url.slice(0, query)}?${masked.join('&')}`;
}

const ADMIN_SESSION_PATH = /^\/__admin\/sessions\/([^/?#]+)/;

/**
 * Control characters shown as `\u000d`: an admin path's session id is decoded for the line, and a `%0d%0a` in it
 * started a new line in a terminal's log (`--pretty`) that a client wrote, looking like the sandbox's own.
 */
function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  return text.replace(/[\u0000-\u001f\u007f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The session a request is about: an admin call names it in its path (`/__admin/sessions/<id>/...`; other admin calls
 * are about none), a vendor call in its sandbox headers, cookie or path prefix.
 */
function sessionOf(request: FastifyRequest): string | undefined {
  const url = request.originalUrl;
  if (url.startsWith('/__admin')) {
    const named = ADMIN_SESSION_PATH.exec(url)?.[1];
    if (named === undefined) return undefined;
    try {
      return decodeURIComponent(named);
    } catch {
      return named;
    }
  }
  try {
    return toRequestContext(request.headers, url).sessionId;
  } catch (error) {
    // A control refused once the session was read (`Prefer: code=999`) is journalled in that session: the line names
    // it too (it said `session ?` beside a journal entry in `default`). An unusable session id itself names none.
    return error instanceof RefusedInSession ? error.context.sessionId : '?';
  }
}
