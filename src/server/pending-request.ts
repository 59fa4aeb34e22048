import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The answer a connection is writing now: Node keeps the pending response on its socket (`_httpMessage`, cleared when
 * the answer is written), so an earlier request of a keep-alive connection is never taken for a later one. Undefined
 * between requests and before the headers of the first are read.
 */
export function answerUnderWayOn(socket: object | undefined): ServerResponse | undefined {
  return (socket as { _httpMessage?: ServerResponse | null } | undefined)?._httpMessage ?? undefined;
}

/** The request a connection is answering now (see `answerUnderWayOn`). */
export function requestAnsweredOn(socket: object | undefined): IncomingMessage | undefined {
  return answerUnderWayOn(socket)?.req ?? undefined;
}
