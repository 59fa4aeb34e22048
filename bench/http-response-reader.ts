/** One complete HTTP response as the paced client needs it: the status, the body when asked for, and whether to reconnect. */
export interface HttpAnswer {
  status: number;
  /** The body as UTF-8 text, only when the reader was created with `keepBody`. */
  body: string | undefined;
  /** The server said `connection: close`: this socket carries no further request. */
  closes: boolean;
}

/** Feeds a connection's bytes in; calls back once per complete response. */
export interface HttpResponseReader {
  push(chunk: Buffer): void;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/**
 * A minimal HTTP/1.1 response parser for a load generator (as autocannon's): the status line, then the body framed by
 * `content-length` or `transfer-encoding: chunked`; other headers are not parsed. Bytes may arrive split anywhere,
 * and one chunk may hold several responses.
 *
 * @example
 * const reader = createHttpResponseReader(false, (answer) => console.log(answer.status));
 * socket.on('data', (chunk) => reader.push(chunk));
 */
export function createHttpResponseReader(keepBody: boolean, onAnswer: (answer: HttpAnswer) => void): HttpResponseReader {
  let pending: Buffer = Buffer.alloc(0);
  /** Set once the current response's head is read. */
  let head: { status: number; length: number | undefined; chunked: boolean; closes: boolean } | undefined;

  /** The body of a chunked response if `pending` holds all of it: its bytes and how many bytes it took. */
  const readChunked = (): { body: Buffer; used: number } | undefined => {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = pending.indexOf(CRLF, at);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(pending.toString('latin1', at, lineEnd), 16);
      if (!Number.isFinite(size)) throw new Error('chunked body: bad chunk size');
      const dataStart = lineEnd + 2;
      if (size === 0) {
        // No trailers from the servers benched here: the last chunk is "0\r\n\r\n".
        if (pending.length < dataStart + 2) return undefined;
        return { body: Buffer.concat(parts), used: dataStart + 2 };
      }
      if (pending.length < dataStart + size + 2) return undefined;
      parts.push(pending.subarray(dataStart, dataStart + size));
      at = dataStart + size + 2;
    }
  };

  const finish = (body: Buffer, used: number) => {
    const answer: HttpAnswer = { status: head!.status, body: keepBody ? body.toString('utf8') : undefined, closes: head!.closes };
    pending = pending.subarray(used);
    head = undefined;
    onAnswer(answer);
  };

  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (!head) {
          const end = pending.indexOf(HEAD_END);
          if (end < 0) return;
          const text = pending.toString('latin1', 0, end).toLowerCase();
          const length = /\r\ncontent-length: *(\d+)/.exec(text);
          head = {
            status: Number(text.slice(9, 12)),
            length: length ? Number(length[1]) : undefined,
            chunked: /\r\ntransfer-encoding: *chunked/.test(text),
            closes: /\r\nconnection: *close/.test(text),
          };
          pending = pending.subarray(end + HEAD_END.length);
        }
        if (head.chunked) {
          const read = readChunked();
          if (!read) return;
          finish(read.body, read.used);
        } else {
          const length = head.length ?? 0;
          if (pending.length < length) return;
          finish(pending.subarray(0, length), length);
        }
        if (pending.length === 0) return;
      }
    },
  };
}
