import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { toRequestContext } from '../pipeline/request-context.js';

const LEVELS_THAT_LOG_INFO = new Set(['info', 'debug', 'trace']);

/** One readable line per request (method, url, status, time, session) instead of Fastify's two JSON records. */
export class OneLineLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Below info (e.g. --log-level warn under load) the line would be dropped: skip parsing headers and formatting it.
    if (!LEVELS_THAT_LOG_INFO.has(request.log.level)) return;
    let session = '?';
    try {
      session = toRequestContext(request.headers, request.originalUrl).sessionId;
    } catch {
      // unusable sandbox headers: the response already says so
    }
    request.log.info(`${request.method} ${request.originalUrl} -> ${reply.statusCode} (${reply.elapsedTime.toFixed(1)} ms, session ${session})`);
  }
}
