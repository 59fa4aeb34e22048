import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Get a server ready to close promptly: call the function this returns when its close begins.
 *
 * Node's `server.close()` ends the connections idle at that moment once, and two kinds of connection escape it:
 * - A connection still answering a request turns idle afterwards and is kept for the whole keep-alive timeout (72 s):
 *   a test's `sandbox.close()` or a SIGTERM waited 72 s whenever a request (a browser's fetch) was in flight. From the
 *   close on, such a connection is kept only for Node's own margin past the keep-alive timeout (1 s): time enough for a
 *   client's next request on it, which is still answered (with `Connection: close`, see `return503OnClosing` in
 *   app.ts). Node reads the timeout each time an answer ends, so lowering it reaches the connections already open.
 * - A connection that has not sent a byte is not idle to Node (it waits for the headers of a first request), and
 *   `close()` also stops the timer that would end it after the headers timeout: a raw `net.connect` held the close
 *   for ever, and the spare connection undici opens beside an aborted `fetch` for about 4 s. Such a connection is
 *   ended at once: it has nothing under way to lose.
 */
export function prepareToClosePromptly(server: Server): () => void {
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  return () => {
    server.keepAliveTimeout = 1;
    for (const socket of connections) {
      if (socket.bytesRead === 0) socket.destroy();
    }
  };
}
