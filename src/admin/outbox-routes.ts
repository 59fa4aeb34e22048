import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SandboxError } from '../errors.js';
import { SESSION_ID_PATTERN, SESSION_ID_RULE, type SessionRegistry } from '../engine/session-registry.js';
import {
  findNextOutboxMessage,
  listOutbox,
  matchesOutboxCriteria,
  OUTBOX_CURSOR_HEADER,
  outboxCursorOf,
  toOutboxCriteria,
  toQueryInteger,
} from '../engine/outbox-query.js';
import { DEFAULT_OUTBOX_WAIT_MS, MAX_OUTBOX_WAIT_MS, waitForOutboxMessage } from '../pipeline/outbox-wait.js';
import { CLIENT_LEFT, EVENT_STREAM_HEADERS, SERVER_CLOSING, streamSessionEvents, toStreamPosition } from './session-events.js';
import { logEndedRequest } from '../server/one-line-log-controller.js';

/** Far beyond any session's outbox; a larger cursor is a typo. */
const MAX_CURSOR = Number.MAX_SAFE_INTEGER;

export interface OutboxRoutesOptions {
  sessions: SessionRegistry;
  /** The surfaces this sandbox serves (a `surface` criterion must name one). */
  surfaces: readonly string[];
}

function sessionIdOf(request: FastifyRequest): string {
  const id = (request.params as { id: string }).id;
  if (!SESSION_ID_PATTERN.test(id)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `session ids ${SESSION_ID_RULE}`);
  return id;
}

/**
 * The outbox of a session under /__admin/sessions/{id}: list and search it, wait for its next message (long-poll), and
 * stream its new messages and journal entries (server-sent events) for the console. Registered by admin-routes.ts.
 */
export function outboxRoutes(app: FastifyInstance, { sessions, surfaces }: OutboxRoutesOptions): void {
  // Long-polls and streams still open: the server's close ends them (it would otherwise wait for them).
  const open = new Set<AbortController>();
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    for (const controller of open) controller.abort(SERVER_CLOSING);
    done();
  });
  /**
   * Aborts when the client goes away before the answer was sent, or the server closes, so a long-poll or a stream
   * releases its waiter at once rather than at its timeout.
   */
  const whileConnected = (reply: FastifyReply): AbortSignal => {
    const controller = new AbortController();
    // One that arrives once the close began (on a kept-alive connection: a console's EventSource reconnecting) ends at
    // once; the close's abort of the open ones is past, and nothing else would end it, so the close would wait forever.
    if (closing) {
      controller.abort(SERVER_CLOSING);
      return controller.signal;
    }
    open.add(controller);
    controller.signal.addEventListener('abort', () => open.delete(controller), { once: true });
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort(CLIENT_LEFT);
      open.delete(controller);
    });
    return controller.signal;
  };

  // Oldest first, as the journal; `limit` keeps the latest N of what the criteria kept.
  app.get('/sessions/:id/outbox', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const criteria = toOutboxCriteria(query, ['limit', 'after'], surfaces);
    const limit = toQueryInteger(query.limit, 'limit', 100_000);
    const after = toQueryInteger(query.after, 'after', MAX_CURSOR) ?? 0;
    const id = sessionIdOf(request);
    // An unknown session has sent nothing, and is not made by reading its outbox (see the journal's route).
    const known = (await sessions.read(id)) !== undefined;
    const { messages, cursor } = known
      ? await sessions.update(id, (session) => {
          sessions.worldsForReading(session);
          return { messages: listOutbox(session), cursor: outboxCursorOf(session) };
        })
      : { messages: [], cursor: 0 };
    const kept = messages.filter((message) => message.seq > after && matchesOutboxCriteria(message, criteria, sessions.userKey));
    reply.header(OUTBOX_CURSOR_HEADER, String(cursor));
    return limit === undefined ? kept : kept.slice(Math.max(0, kept.length - limit));
  });

  // Long-poll: the next matching message, at once if it is there, else as soon as it is sent; 204 when none came in time.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/sessions/:id/outbox/next',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const criteria = toOutboxCriteria(query, ['after', 'timeoutMs'], surfaces);
      const after = toQueryInteger(query.after, 'after', MAX_CURSOR);
      const timeoutMs = toQueryInteger(query.timeoutMs, 'timeoutMs', MAX_OUTBOX_WAIT_MS) ?? DEFAULT_OUTBOX_WAIT_MS;
      const id = sessionIdOf(request);
      // A HEAD says at once whether a GET would get a message now (200) or wait (204), and claims none: as Fastify's
      // own HEAD it ran the GET, and the message it claimed was never returned to the GET that came for it.
      if (request.method === 'HEAD') {
        const session = await sessions.read(id);
        const found = session && findNextOutboxMessage(session, criteria, after, sessions.userKey);
        const cursor = found ? found.seq : session ? outboxCursorOf(session) : 0;
        return reply
          .code(found ? 200 : 204)
          .header(OUTBOX_CURSOR_HEADER, String(cursor))
          .send();
      }
      const signal = whileConnected(reply);
      const message = await waitForOutboxMessage(sessions, id, criteria, { timeoutMs, signal, ...(after === undefined ? {} : { after }) });
      if (reply.raw.destroyed) {
        // The client went away: nobody left to answer, and Fastify logs no completion; the line says it waited.
        logEndedRequest(request, reply, 'not answered: the client left while it waited for a message');
        return reply;
      }
      // Answered because the server closes: the connection goes too (an idle keep-alive one would hold the close up).
      if (closing) reply.header('connection', 'close');
      // Not a 204: that says no message came in time, and a test waiting through a replica's restart would believe it.
      if (!message && closing) {
        throw new SandboxError(
          'MOCK_ERR_CLOSING',
          'The sandbox shut down before a matching message came: wait again (on another replica, or once it is back)',
          {
            retryable: true,
          },
        );
      }
      if (!message) {
        const session = await sessions.read(id);
        const cursor = session ? outboxCursorOf(session) : 0;
        return reply.code(204).header(OUTBOX_CURSOR_HEADER, String(cursor)).send();
      }
      return reply.header(OUTBOX_CURSOR_HEADER, String(message.seq)).send(message);
    },
  });

  // Server-sent events: new outbox messages and journal entries of the session, as they happen (the QA console).
  app.get('/sessions/:id/events', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    for (const name of Object.keys(query)) {
      if (name !== 'after') throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `query parameter ${name}: unknown (only after)`, { parameter: name });
    }
    const lastEventId = request.headers['last-event-id'];
    const after = toQueryInteger(query.after, 'after', MAX_CURSOR);
    const resume = toStreamPosition(typeof lastEventId === 'string' ? lastEventId : undefined) ?? (after === undefined ? undefined : { outbox: after });
    const id = sessionIdOf(request);
    // A HEAD (a health checker, a proxy probing the route) gets the stream's headers and no stream: Node sends a HEAD
    // answer's headers with its first body byte or its end, and a stream never ends, so a HEAD hung for ever.
    if (request.method === 'HEAD') return reply.headers(EVENT_STREAM_HEADERS).send();
    await streamSessionEvents(sessions, id, reply, { resume, signal: whileConnected(reply) });
    return reply;
  });
}
