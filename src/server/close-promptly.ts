import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { answerUnderWayOn, requestAnsweredOn } from './pending-request.js';

/** How long a request whose body is still arriving when the close begins may take to arrive whole. */
const UNFINISHED_REQUEST_GRACE_MS = 500;

/**
 * How long a connection is kept after an answer it was giving when the close began, for the client's next request on
 * it: the client sends that once it has read the answer, a round trip later (well under a millisecond on one machine).
 */
const NEXT_REQUEST_WINDOW_MS = 200;

/**
 * Get a server ready to close promptly: call the function this returns when its close begins.
 *
 * Node's `server.close()` ends the connections idle at that moment once, stops the timer behind the headers and request
 * timeouts, and waits for every other connection to end. Three kinds of connection held a close up that way:
 * - One still answering a request turns idle afterwards and is kept for the whole keep-alive timeout (72 s): a test's
 *   `sandbox.close()` or a SIGTERM waited 72 s whenever a request (a browser's fetch) was in flight. From the close on,
 *   such a connection is kept for 200 ms after that answer: time enough for a client's next request on it, which is
 *   still answered (with `Connection: close`, see `return503OnClosing` in app.ts). Node's own floor is 1 s (it keeps
 *   a connection 1 s past even a 1 ms keep-alive timeout), which every `sandbox.close()` with a fetch in flight waited;
 *   so the window is set on the socket once Node has set its own, which a next request clears as it clears Node's.
 * - One idle between requests, kept alive after an earlier answer: Node's `server.close()` ends it at once, and a
 *   client busy on it (one request after the other) lost the request it was writing at that moment to a reset (3-6
 *   per stop with four keep-alive clients). It gets the same 200 ms: a request then is answered, with `Connection:
 *   close`, and the client connects anew.
 * - One that never sent a request: it sent nothing yet (the spare connection undici opens beside an aborted `fetch`,
 *   ~4 s), or only part of its first request's headers (a client that stalled). Nothing under way is lost by ending
 *   it at once; left alone it held the close for ever (a raw `net.connect`), and `serve`'s SIGTERM exited 1 after 10 s.
 * - One whose request's body is still arriving (an upload that stalled, a stream that never ends): its answer needs
 *   the whole body. It gets half a second to arrive (an upload on its way finishes), then the connection is ended.
 */
export function prepareToClosePromptly(server: Server): () => void {
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  return () => {
    server.keepAliveTimeout = 1;
    // Node's `server.close()` ends the idle connections itself, those kept for a next request included.
    server.closeIdleConnections = () => {};
    for (const socket of connections) {
      const answering = answerUnderWayOn(socket);
      if (answering !== undefined) answering.once('finish', () => keepForNextRequestOnly(socket));
      else if (hasAnswered(socket)) keepForNextRequestOnly(socket);
      else socket.destroy();
    }
    const endUnfinished = () => {
      for (const socket of connections) {
        if (requestAnsweredOn(socket)?.complete === false) socket.destroy();
      }
    };
    setTimeout(endUnfinished, UNFINISHED_REQUEST_GRACE_MS).unref();
  };
}

/** The connection carried an answer before (Node leaves `null` where the answer it wrote was, `undefined` before any). */
function hasAnswered(socket: Socket): boolean {
  return (socket as { _httpMessage?: unknown })._httpMessage === null;
}

/**
 * After an answer ended (Node's own 'finish' listener, which sets the keep-alive timeout, ran first): keep the
 * connection `NEXT_REQUEST_WINDOW_MS` for a next request, unless Node closes it itself (the answer said `Connection:
 * close`) or already writes the next answer on it (a pipelined request, which its own timeout must not cut).
 */
function keepForNextRequestOnly(socket: Socket): void {
  if (socket.destroyed || answerUnderWayOn(socket) !== undefined) return;
  socket.setTimeout(NEXT_REQUEST_WINDOW_MS);
}
