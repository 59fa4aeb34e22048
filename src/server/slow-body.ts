import { Readable } from 'node:stream';
import { toSlowBodyPieces } from '../engine/injected-faults.js';
import type { ClosingResponse, InjectedDelays } from './injected-delays.js';

/**
 * The body of a `slow-body` answer as a stream Fastify sends: its pieces one by one, each after its wait (see
 * `toSlowBodyPieces`). The waits are injected delays: closing the server sends the rest at once, and a client that
 * leaves ends them, and `onClientGone` is called: the answer was never received whole.
 *
 * @example
 * reply.header('content-length', Buffer.byteLength(body)).send(toSlowBodyStream(body, 3000, delays, reply.raw, logClientGone));
 */
export function toSlowBodyStream(
  body: string,
  durationMs: number,
  delays: InjectedDelays,
  response: ClosingResponse & { flushHeaders(): void },
  onClientGone: () => void,
): Readable {
  const { pieces, waitMs } = toSlowBodyPieces(Buffer.from(body), durationMs);
  let flowing = false;
  const stream = new Readable({
    read() {
      // Node sends a response's headers with its first bytes, a tenth of the time in: sent now, once Fastify has set
      // them and started reading, the status and headers arrive at once (a client's timeout for them must not trip).
      if (flowing) return;
      flowing = true;
      response.flushHeaders();
    },
  });
  const sendPieces = async () => {
    for (const piece of pieces) {
      await delays.wait(waitMs, response);
      // Fastify destroys the stream once the response closes: the client left before the whole body went out.
      if (stream.destroyed) {
        onClientGone();
        return;
      }
      stream.push(piece);
    }
    stream.push(null);
  };
  void sendPieces();
  return stream;
}
