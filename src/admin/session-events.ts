import type { FastifyReply } from 'fastify';
import type { JournalEntry } from '../engine/journal.js';
import { listOutbox, outboxCursorOf } from '../engine/outbox-query.js';
import type { SessionRegistry } from '../engine/session-registry.js';
import { SHARED_STORE_RECHECK_MS } from '../pipeline/outbox-wait.js';

/** A comment line this often keeps proxies and browsers from closing an idle stream. */
export const EVENT_STREAM_HEARTBEAT_MS = 15_000;

/** How soon a browser's EventSource reconnects after the stream broke (it sends `Last-Event-ID` then). */
const RECONNECT_MS = 1_000;

export interface SessionEventsOptions {
  /** Outbox messages after this cursor are sent first (a resumed stream); without it, only messages sent from now on. */
  after: number | undefined;
  /** Aborts when the client went away or the server closes: every listener and timer is released then. */
  signal: AbortSignal;
}

/** What identifies a journal entry well enough to find where the stream left off (entries carry no id). */
function journalKey(entry: JournalEntry): string {
  return `${entry.at} ${entry.method} ${entry.url} ${entry.status} ${entry.durationMs}`;
}

/** The entries after the one last sent: all of them when it is no longer there (the journal's ring moved past it). */
function entriesAfter(entries: JournalEntry[], lastKey: string | undefined): JournalEntry[] {
  if (lastKey === undefined) return entries;
  for (let index = entries.length - 1; index >= 0; index--) if (journalKey(entries[index]!) === lastKey) return entries.slice(index + 1);
  return entries;
}

function toEvent(name: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Stream a session's news as server-sent events (text/event-stream) until the client goes away:
 * - `ready` once, with the session and its outbox cursor;
 * - `outbox` per new message (data: the message as the outbox lists it; id: its `seq`, so a browser that reconnects
 *   sends it as `Last-Event-ID` and gets what it missed);
 * - `journal` per new journal entry (data: the entry as the journal lists it; no id: the journal has no sequence, and
 *   a reconnected client reads `GET .../journal` instead);
 * - a `: heartbeat` comment every 15 s.
 * It wakes up on the session's units of work in this process (`SessionRegistry.watch`), and on a shared store also looks
 * every 200 ms for other replicas' work.
 */
export async function streamSessionEvents(sessions: SessionRegistry, id: string, reply: FastifyReply, options: SessionEventsOptions): Promise<void> {
  const start = await sessions.update(id, (session) => ({ cursor: outboxCursorOf(session) }));
  const journal = await sessions.journal(id);
  let lastSeq = options.after ?? start.cursor;
  let lastJournalKey = journal.length > 0 ? journalKey(journal.at(-1)!) : undefined;

  reply.hijack();
  // Hijacked: headers set on the reply so far (CORS) are sent by hand.
  reply.raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string | string[]>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.write(`retry: ${RECONNECT_MS}\n` + toEvent('ready', { session: id, cursor: start.cursor }));

  let sending = false;
  let sendAgain = false;
  const sendNews = async () => {
    if (options.signal.aborted) return;
    if (sending) {
      sendAgain = true;
      return;
    }
    sending = true;
    try {
      do {
        sendAgain = false;
        const messages = await sessions.update(id, (session) => listOutbox(session).filter((message) => message.seq > lastSeq));
        const entries = entriesAfter(await sessions.journal(id), lastJournalKey);
        if (options.signal.aborted) return;
        let text = '';
        for (const message of messages) text += toEvent('outbox', message, message.seq);
        for (const entry of entries) text += toEvent('journal', entry);
        if (messages.length > 0) lastSeq = messages.at(-1)!.seq;
        if (entries.length > 0) lastJournalKey = journalKey(entries.at(-1)!);
        if (text) reply.raw.write(text);
      } while (sendAgain);
    } catch {
      // The store is unreachable for now (a database down): the next unit of work or re-check tries again.
    } finally {
      sending = false;
    }
  };

  const stopWatching = sessions.watch(id, () => void sendNews());
  const recheck = sessions.storeKind === 'memory' ? undefined : setInterval(() => void sendNews(), SHARED_STORE_RECHECK_MS);
  const heartbeat = setInterval(() => reply.raw.write(': heartbeat\n\n'), EVENT_STREAM_HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    stopWatching();
    clearInterval(recheck);
    clearInterval(heartbeat);
    // The client went away (nothing to end), or the server is closing: the stream and its connection end, so the close
    // does not wait for the connection to idle out.
    reply.raw.end(() => reply.raw.socket?.destroy());
  };
  if (options.signal.aborted) return stop();
  options.signal.addEventListener('abort', stop, { once: true });
  // What came while the stream was being set up (or since Last-Event-ID).
  await sendNews();
}
