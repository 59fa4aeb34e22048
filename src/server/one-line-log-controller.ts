import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { sentFaultOf } from '../errors.js';
import type { AnswerMaking } from '../pipeline/plain-exchange.js';
import { RefusedInSession, toRequestContext } from '../pipeline/request-context.js';
import { answerMakingOf } from './answer-making-log.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the surface plugin on every vendor route: the operation the request's log line names. */
    operationId?: string;
  }
}

const LEVELS_THAT_LOG_INFO = new Set(['info', 'debug', 'trace']);

/**
 * Requests whose line was written apart (a dropped connection, a client gone, an ended event stream): Fastify still
 * reports the completion of some of them, when their hijacked or cut response ends (an event stream the server's
 * close ended was logged a second time, as a bare `-> 200`).
 */
const loggedApart = new WeakSet<FastifyRequest>();

/**
 * One readable line per request instead of Fastify's two JSON records: method, url, status, time, session, and on a
 * vendor route the operation and how its answer was made when not by the session's state alone, as Prism and
 * WireMock say which example or stub answered. The same facts go in the record's own fields, for a log tool that
 * reads JSON records (`--log-level info` with stdout not a terminal) without parsing the line.
 *
 * @example
 * // GET /flashback/mfa/status -> 500 (1.0 ms, session bug-127; getMFAStatus, scripted by override ov-1)
 * // {"level":30,...,"method":"GET","url":"/flashback/mfa/status","status":500,"durationMs":1,"session":"bug-127",
 * //  "operationId":"getMFAStatus","scripted":"override","override":"ov-1","msg":"GET /flashback/mfa/status -> 500 (...)"}
 */
export class OneLineLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Below info (e.g. --log-level warn under load) the line would be dropped: skip parsing headers and formatting it.
    if (!LEVELS_THAT_LOG_INFO.has(request.log.level) || loggedApart.has(request)) return;
    // A sandbox fault names its code: `-> 400` alone read like the vendor's own 400.
    const fault = sentFaultOf(reply);
    const outcome = fault === undefined ? String(reply.statusCode) : `${reply.statusCode} ${fault}`;
    logRequestLine(request, outcome, { status: reply.statusCode, elapsedMs: reply.elapsedTime, sandboxError: fault, making: answerMakingOf(reply) });
  }
}

/**
 * The line of a request whose connection an injected fault ended instead of an answer: its reply is hijacked, which
 * Fastify never logs.
 *
 * @example
 * // POST /nest-auth/auth/refresh-token -> 200 not sent: connection dropped (2.1 ms, session qa-1; refreshToken, fault drop-connection)
 * // GET /flashback/mfa/status -> 200 sent in part: connection closed mid-body (1.2 ms, session qa-1; getMFAStatus, fault closed-mid-body)
 */
export function logDroppedRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  how: 'close' | 'reset' | 'mid-body',
  making: AnswerMaking | undefined,
): void {
  if (!LEVELS_THAT_LOG_INFO.has(request.log.level)) return;
  loggedApart.add(request);
  const outcome =
    how === 'mid-body' ? `${status} sent in part: connection closed mid-body` : `${status} not sent: connection ${how === 'reset' ? 'reset' : 'dropped'}`;
  logRequestLine(request, outcome, { status, elapsedMs: reply.elapsedTime, making });
}

/**
 * The line of a request whose client closed the connection while its answer waited out an injected delay (an aborted
 * fetch, a phone that lost its network), or before a `slow-body` answer was sent whole (`sentInPart`): Fastify logs no
 * completion for it, and the line was missing (a mobile team's tour).
 *
 * @example
 * // GET /flashback/mfa/status -> 200 not sent: client gone (312.4 ms, session qa-1; getMFAStatus, latency 5000 ms)
 * // GET /flashback/mfa/status -> 200 sent in part: client gone (1002.6 ms, session qa-1; getMFAStatus, latency 3000 ms, fault slow-body)
 */
export function logClientGone(request: FastifyRequest, reply: FastifyReply, status: number, making: AnswerMaking | undefined, sentInPart = false): void {
  if (!LEVELS_THAT_LOG_INFO.has(request.log.level)) return;
  loggedApart.add(request);
  const outcome = `${status} ${sentInPart ? 'sent in part' : 'not sent'}: client gone`;
  logRequestLine(request, outcome, { status, elapsedMs: reply.elapsedTime, making, clientGone: true });
}

/**
 * The line of a request that ended without Fastify's own completion: an event stream (a hijacked reply) when it ends,
 * a long-poll whose client left while it waited. Neither was in the log, which then could not say who had kept a
 * session in use.
 *
 * @example
 * // GET /__admin/sessions/qa-1/events -> 200 event stream ended: the client left (35012.4 ms)
 */
export function logEndedRequest(request: FastifyRequest, reply: FastifyReply, outcome: string): void {
  if (!LEVELS_THAT_LOG_INFO.has(request.log.level)) return;
  loggedApart.add(request);
  logRequestLine(request, outcome, { elapsedMs: reply.elapsedTime });
}

/** One request's line and its record's fields: what it was, its session and operation, the outcome and how it came. */
function logRequestLine(
  request: FastifyRequest,
  outcome: string,
  facts: { status?: number; elapsedMs?: number; sandboxError?: string | undefined; making?: AnswerMaking | undefined; clientGone?: true },
): void {
  const session = sessionOf(request);
  const operationId = request.is404 ? undefined : request.routeOptions.config.operationId;
  const { elapsedMs, making, ...rest } = facts;
  const about = [
    ...(elapsedMs === undefined ? [] : [`${elapsedMs.toFixed(1)} ms`]),
    ...(session === undefined ? [] : [`session ${withoutControlCharacters(session)}`]),
  ].join(', ');
  const how = operationId === undefined ? '' : `; ${[operationId, ...toMakingWords(making)].join(', ')}`;
  const url = toLoggedUrl(request.originalUrl);
  const durationMs = elapsedMs === undefined ? undefined : Math.round(elapsedMs * 10) / 10;
  const fields = { method: request.method, url, durationMs, session, operationId, ...rest, ...making };
  request.log.info(fields, `${request.method} ${url} -> ${outcome}${about === '' && how === '' ? '' : ` (${about}${how})`}`);
}

/** How an answer was made, in the line's words: `scripted by override ov-1`, `latency 1500 ms`, `refused: request-schema`, `generated, seed 7`. */
function toMakingWords(making: AnswerMaking | undefined): string[] {
  if (making === undefined) return [];
  const words: string[] = [];
  if (making.scripted === 'prefer') words.push('scripted by Prefer');
  if (making.override !== undefined) words.push(`${making.scripted === 'override' ? 'scripted by' : 'delivered by'} override ${making.override}`);
  if (making.latencyMs !== undefined) words.push(`latency ${making.latencyMs} ms`);
  if (making.fault !== undefined) words.push(`fault ${making.fault}`);
  if (making.dynamic !== undefined) words.push(`${making.dynamic === 'generated' ? 'generated' : 'dynamic fallback'}, seed ${making.dynamicSeed}`);
  // A scripted refusal's rule is `scripted`, which the words above say already.
  if (making.rule !== undefined && making.rule !== 'scripted') words.push(`refused: ${making.rule}`);
  return words;
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
