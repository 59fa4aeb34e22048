import { describe, expect, it } from 'vitest';
import { createHttpResponseReader, type HttpAnswer } from '../../../bench/http-response-reader.js';

const fixed = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 18\r\n\r\n{"statusCode":200}';
const chunked = 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n';
const closing = 'HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-length: 0\r\n\r\n';

/** Feeds `text` to a new reader in pieces of `size` bytes and returns every answer it produced. */
function readInPieces(text: string, size: number, keepBody = true): HttpAnswer[] {
  const answers: HttpAnswer[] = [];
  const reader = createHttpResponseReader(keepBody, (answer) => answers.push(answer));
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size));
  return answers;
}

describe('createHttpResponseReader', () => {
  it('reads status and body framed by content-length, chunked encoding, and a closing answer, however the bytes are split', () => {
    for (const size of [1, 2, 7, 64, 4096]) {
      expect(readInPieces(fixed + chunked + closing, size), `pieces of ${size}`).toEqual([
        { status: 200, body: '{"statusCode":200}', closes: false },
        { status: 201, body: 'hello, world', closes: false },
        { status: 503, body: '', closes: true },
      ]);
    }
  });

  it('keeps no body text unless asked to', () => {
    expect(readInPieces(fixed, 5, false)).toEqual([{ status: 200, body: undefined, closes: false }]);
  });

  it('waits for the whole body before answering', () => {
    expect(readInPieces(fixed.slice(0, -1), 4096)).toEqual([]);
    expect(readInPieces(chunked.slice(0, -2), 4096)).toEqual([]);
  });

  it('throws on a chunk size it cannot read, so the client can count the answer as failed', () => {
    const reader = createHttpResponseReader(false, () => {});
    expect(() => reader.push(Buffer.from('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'))).toThrow(/chunk size/);
  });
});
