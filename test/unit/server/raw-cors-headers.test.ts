import { describe, expect, it } from 'vitest';
import { toRawCorsHeaderLines } from '../../../src/server/cors.js';

const received = (origin: string) => Buffer.from(`GET /flashback/mfa/status HTTP/1.1\r\nHost: x\r\nOrigin: ${origin}\r\nCookie: a=${'b'.repeat(64)}`);

describe('the CORS lines of an answer the HTTP parser made', () => {
  it('reflect an allowed origin with credentials, as the hook does for every other answer', () => {
    const lines = toRawCorsHeaderLines('any', received('http://localhost:5173'));
    expect(lines).toMatch(/^vary: Origin\r\naccess-control-allow-origin: http:\/\/localhost:5173\r\naccess-control-allow-credentials: true\r\n/);
    expect(lines).toContain('access-control-expose-headers: x-mock-error');
  });

  it('give an origin --cors does not list only Vary, and nothing without an Origin or with --cors off', () => {
    expect(toRawCorsHeaderLines(['http://localhost:3000'], received('http://localhost:5173'))).toBe('vary: Origin\r\n');
    expect(toRawCorsHeaderLines(['http://localhost:5173'], received('http://localhost:5173'))).toContain('allow-origin: http://localhost:5173');
    expect(toRawCorsHeaderLines('off', received('http://localhost:5173'))).toBe('');
    expect(toRawCorsHeaderLines('any', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nX-Pad: y'))).toBe('');
    expect(toRawCorsHeaderLines('any', undefined)).toBe('');
  });

  it('never write back a value that could end the header line or smuggle another', () => {
    expect(toRawCorsHeaderLines('any', Buffer.from('GET / HTTP/1.1\r\nOrigin: http://a b\r\nX: y'))).toBe('');
    expect(toRawCorsHeaderLines('any', Buffer.from('GET / HTTP/1.1\r\nOrigin: http://\u00e9vil\r\nX: y', 'latin1'))).toBe('');
  });
});
