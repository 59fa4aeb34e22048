import type { IncomingMessage } from 'node:http';

/**
 * The request a connection is answering now: Node keeps the pending response on its socket (`_httpMessage`, cleared
 * when the answer is written), so an earlier request of a keep-alive connection is never taken for a later one.
 * Undefined between requests and before the headers of the first are read.
 */
export function requestAnsweredOn(socket: object | undefined): IncomingMessage | undefined {
  return (socket as { _httpMessage?: { req?: IncomingMessage } | null } | undefined)?._httpMessage?.req ?? undefined;
}
