import type { FastifyReply } from 'fastify';
import { logEndedRequest } from '../server/one-line-log-controller.js';
import { listOutboxAfter, outboxCursorOf } from '../engine/outbox-query.js';
import type { SessionForgetReason, SessionNews, SessionRegistry } from '../engine/session-registry.js';
import { SHARED_STORE_RECHECK_MS } from '../pipeline/outbox-wait.js';

/** A comment line this often keeps proxies and browsers from closing an idle stream. */
export const EVENT_STREAM_HEARTBEAT_MS = 15_000;

/**
 * A client that reads nothing while this much of its stream waits to be sent is dropped: it would otherwise hold the
 * session's every change in the server's memory. A browser reconnects and resumes from the last event it read.
 */
const MAX_UNSENT_BYTES = 1024 * 1024;

/** How soon a browser's EventSource reconnects after the stream broke (it sends `Last-Event-ID` then). */
const RECONNECT_MS = 1_000;

export interface SessionEventsOptions {
  /** Where to resume (an event id the client saw, or `after`); without it, only what happens from now on. */
  resume: StreamPosition | undefined;
  /** Aborts when the client went away or the server closes: every listener and timer is released then. */
  signal: AbortSignal;
}

/**
 * How far a client got: the last outbox message's `seq`, the last journal entry's number and the session's revision
 * (the changes QA made to it). Every event carries them as its id (`<outbox>:<journal>:<revision>`), so
 * `Last-Event-ID` resumes all three. Without a journal number (`after`, or an id from before journal events were
 * numbered) the journal starts from now; without a revision, a resumed stream starts with a `session` event.
 */
export interface StreamPosition {
  outbox: number;
  journal?: number;
  revision?: number;
}

const EVENT_ID = /^(\d{1,15})(?::(\d{1,15}))?(?::(\d{1,15}))?$/;

/**
 * Reads a `Last-Event-ID`; undefined for anything that is not one of ours (a browser then gets what happens from now).
 *
 * @example
 * toStreamPosition('3:17:2'); // { outbox: 3, journal: 17, revision: 2 }
 * toStreamPosition('3:17'); // { outbox: 3, journal: 17 }
 */
export function toStreamPosition(lastEventId: string | undefined): StreamPosition | undefined {
  const match = lastEventId === undefined ? null : EVENT_ID.exec(lastEventId);
  if (!match) return undefined;
  const position: StreamPosition = { outbox: Number(match[1]) };
  if (match[2] !== undefined) position.journal = Number(match[2]);
  if (match[2] !== undefined && match[3] !== undefined) position.revision = Number(match[3]);
  return position;
}

/**
 * The items numbered after `last`. All of them when the newest is numbered below it: the numbers started again (a
 * session reset starts its outbox again, a restarted server its journal), so nothing there was seen.
 */
function itemsAfter<T>(items: T[], numberOf: (item: T) => number, last: number): T[] {
  const newest = items.at(-1);
  if (newest !== undefined && numberOf(newest) < last) return items;
  return items.filter((item) => numberOf(item) > last);
}

function toEvent(name: string, data: unknown, position: Required<StreamPosition>): string {
  const id = `${position.outbox}:${position.journal}:${Math.max(position.revision, 0)}`;
  return `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Stream a session's news as server-sent events (text/event-stream) until the client goes away:
 * - `ready` once, with the session and its outbox cursor;
 * - `outbox` per new message (data: the message as the outbox lists it);
 * - `journal` per new journal entry (data: the entry as the journal lists it);
 * - `session` when QA changed the session (its revision grew) or reset it (data: the session, revision, reset, and
 *   why where known);
 * - a `: heartbeat` comment every 15 s.
 * Every event's id is the stream's position after it (`<outbox seq>:<journal number>:<revision>`), so a browser that
 * reconnects sends it as `Last-Event-ID` and gets what it missed (what the journal's ring still holds, and one
 * `session` event if the session changed meanwhile).
 * It wakes up on the session's units of work in this process (`SessionRegistry.watch`), and on a shared store also looks
 * every 200 ms for other replicas' work.
 */
/** Why a long-poll or a stream ended early (its signal's abort reason), as its log line says. */
export const CLIENT_LEFT = 'the client left';
export const SERVER_CLOSING = 'the server is closing';

/** The headers of an event stream (`connection: keep-alive` besides, on the stream itself). */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
});

export async function streamSessionEvents(sessions: SessionRegistry, id: string, reply: FastifyReply, options: SessionEventsOptions): Promise<void> {
  // In use before the stream makes its session: made beside a cap full of watched sessions, it was pushed out at once.
  const release = sessions.hold(id);
  let start: { cursor: number; revision: number; createdAt: string };
  let journal: Array<{ seq: number }>;
  try {
    start = await sessions.update(id, (session) => ({ cursor: outboxCursorOf(session), revision: session.revision ?? 0, createdAt: session.createdAt }));
    journal = await sessions.numberedJournal(id);
  } catch (error) {
    release();
    throw error;
  }
  const position: Required<StreamPosition> = {
    outbox: options.resume?.outbox ?? start.cursor,
    journal: options.resume?.journal ?? journal.at(-1)?.seq ?? 0,
    // Resumed from an id without a revision (an older one), a change may have been missed: -1 sends a session event.
    revision: options.resume?.revision ?? (options.resume?.journal !== undefined ? -1 : start.revision),
  };

  reply.hijack();
  // Hijacked: headers set on the reply so far (CORS) are sent by hand.
  reply.raw.writeHead(200, { ...(reply.getHeaders() as Record<string, string | string[]>), ...EVENT_STREAM_HEADERS, connection: 'keep-alive' });
  // The ready event carries the position too: a stream that breaks before any news resumes from here, not from then.
  reply.raw.write(`retry: ${RECONNECT_MS}\n` + toEvent('ready', { session: id, cursor: start.cursor }, position));

  /** Write to the stream, or end it when its client has stopped reading (see MAX_UNSENT_BYTES). */
  const send = (text: string) => {
    if (reply.raw.writableLength <= MAX_UNSENT_BYTES) return void reply.raw.write(text);
    stop(`the client stopped reading (${MAX_UNSENT_BYTES / 1024 / 1024} MiB unread)`);
    reply.raw.destroy(); // ending would wait for the unread bytes to be sent
  };
  let sending = false;
  let sendAgain = false;
  /** A reset heard of and not sent yet: it makes a new session, whose revision may equal the one seen last. */
  let resetHeard = false;
  /** Why, when this replica did it or its store forgot it (another replica's reset is seen without a reason). */
  let resetWhy: SessionForgetReason | undefined;
  /**
   * When the session the stream last saw was made (undefined: there was none). Another replica's reset is heard of
   * only by looking: the session is then gone, or one made later stands in its place.
   */
  let seenCreatedAt: string | undefined = start.createdAt;
  const sendNews = async (news?: SessionNews) => {
    if (news?.reset) {
      resetHeard = true;
      resetWhy = news.why;
    }
    if (options.signal.aborted) return;
    if (sending) {
      sendAgain = true;
      return;
    }
    sending = true;
    try {
      do {
        sendAgain = false;
        // Read, neither made nor used: a session QA forgot (DELETE) while this stream watched it stays forgotten until
        // its next request, and reads as one with nothing in it until then (made again here, it was back at once). The
        // watch, not these reads (a shared store re-checked every 200 ms), keeps the session from expiring meanwhile.
        const now = await sessions.read(id);
        // Only a session this stream saw can be reset. Once the stream has told of it gone, a later reset of every
        // session resets nothing it saw, and a request that makes the session again is news, not a second reset.
        const reset = seenCreatedAt !== undefined && (resetHeard || now?.createdAt !== seenCreatedAt);
        const madeAgain = seenCreatedAt === undefined && now !== undefined;
        const why = resetHeard ? resetWhy : undefined;
        resetHeard = false;
        resetWhy = undefined;
        seenCreatedAt = now?.createdAt;
        const revision = now?.revision ?? 0;
        const messages = now ? listOutboxAfter(now, position.outbox) : [];
        const entries = itemsAfter(await sessions.numberedJournal(id), (numbered) => numbered.seq, position.journal);
        if (options.signal.aborted) return;
        let text = '';
        if (reset || madeAgain || revision !== position.revision) {
          position.revision = revision;
          text += toEvent('session', { session: id, revision, reset, ...(reset && why ? { why } : {}) }, position);
        }
        for (const message of messages) {
          position.outbox = message.seq;
          text += toEvent('outbox', message, position);
        }
        for (const { seq, entry } of entries) {
          position.journal = seq;
          text += toEvent('journal', entry, position);
        }
        if (text) send(text);
      } while (sendAgain);
    } catch {
      // The store is unreachable for now (a database down): the next unit of work or re-check tries again.
    } finally {
      sending = false;
    }
  };

  let stopped = false;
  const stopWatching = sessions.watch(id, (news) => void sendNews(news));
  const recheck = sessions.storeKind === 'memory' ? undefined : setInterval(() => void sendNews(), SHARED_STORE_RECHECK_MS);
  const heartbeat = setInterval(() => send(': heartbeat\n\n'), EVENT_STREAM_HEARTBEAT_MS);
  heartbeat.unref();
  function stop(why: string) {
    if (stopped) return;
    stopped = true;
    stopWatching();
    release();
    logEndedRequest(reply.request, reply, `200 event stream ended: ${why}`);
    clearInterval(recheck);
    clearInterval(heartbeat);
    // The client went away (nothing to end), or the server is closing: the stream and its connection end, so the close
    // does not wait for the connection to idle out.
    reply.raw.end(() => reply.raw.socket?.destroy());
  }
  const whyAborted = () => (typeof options.signal.reason === 'string' ? options.signal.reason : CLIENT_LEFT);
  if (options.signal.aborted) return stop(whyAborted());
  options.signal.addEventListener('abort', () => stop(whyAborted()), { once: true });
  // What came while the stream was being set up (or since Last-Event-ID).
  await sendNews();
}
