import { describe, expect, it } from 'vitest';
import { toRequestBytes } from '../../../bench/request-bytes.js';

describe('toRequestBytes', () => {
  it('writes a GET with its headers and the host, and no body', () => {
    const bytes = toRequestBytes({ method: 'GET', path: '/status?x=1', headers: { authorization: 'Bearer a' } }, '127.0.0.1:9');
    expect(bytes.toString()).toBe('GET /status?x=1 HTTP/1.1\r\nhost: 127.0.0.1:9\r\nauthorization: Bearer a\r\n\r\n');
  });

  it('writes a POST body with its byte length (not its character length), replacing any host or length given', () => {
    const bytes = toRequestBytes(
      { method: 'POST', path: '/p', headers: { Host: 'x', 'Content-Length': '1', 'content-type': 'application/json' }, body: '{"n":"é"}' },
      'h:1',
    );
    expect(bytes.toString()).toBe('POST /p HTTP/1.1\r\nhost: h:1\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n{"n":"é"}');
  });
});
