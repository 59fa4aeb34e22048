import type { Server } from 'node:http';

/**
 * Let a closing server end every kept-alive connection soon after its last answer.
 *
 * Node's `server.close()` ends the connections idle at that moment once. A connection still answering a request then
 * turns idle afterwards and is kept for the whole keep-alive timeout (72 s), holding the close up that long: a test's
 * `sandbox.close()` or a SIGTERM waited 72 s whenever a request (a browser's fetch) was in flight. From the close on,
 * such a connection is kept only for Node's own margin past the keep-alive timeout (1 s): time enough for a client's
 * next request on it, which is still answered (with `Connection: close`, see `return503OnClosing` in app.ts).
 * Node reads the timeout each time an answer ends, so lowering it now reaches the connections already open.
 */
export function closeKeptAliveConnectionsPromptly(server: Server): void {
  server.keepAliveTimeout = 1;
}
