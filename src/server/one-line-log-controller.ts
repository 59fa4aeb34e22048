import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { toRequestContext } from '../pipeline/request-context.js';

const LEVELS_THAT_LOG_INFO = new Set(['info', 'debug', 'trace']);

/** One readable line per request (method, url, status, time, session) instead of Fastify's two JSON records. */
export class OneLineLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Below info (e.g. --log-level warn under load) the line would be dropped: skip parsing headers and formatting it.
    if (!LEVELS_THAT_LOG_INFO.has(request.log.level)) return;
    const session = sessionOf(request);
    const about = session === undefined ? '' : `, session ${session}`;
    request.log.info(`${request.method} ${request.originalUrl} -> ${reply.statusCode} (${reply.elapsedTime.toFixed(1)} ms${about})`);
  }
}

const ADMIN_SESSION_PATH = /^\/__admin\/sessions\/([^/?#]+)/;

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
  } catch {
    return '?'; // unusable sandbox headers: the response already says so
  }
}
