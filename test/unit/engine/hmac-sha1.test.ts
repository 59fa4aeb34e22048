import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha1Base64 } from '../../../src/engine/hmac-sha1.js';

const nodeHmac = (key: string | Buffer, message: string | Buffer) => createHmac('sha1', key).update(message).digest('base64');
const fromHex = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/**
 * GenAuth signatures are HMAC-SHA1, checked on every signed request by the sandbox's own allocation-free HMAC (in a
 * browser under MSW as in Node). A request signed by the vendor's SDK (Node's crypto) must verify, so it must give
 * the very bytes Node gives, for any key and text.
 */
describe('HMAC-SHA1 as base64', () => {
  it('gives known answers (RFC 2202 case 2, the published fox and empty vectors) and hashes a key longer than a block first', () => {
    // RFC 2202's only case with a text key is case 2; its long-key cases (6, 7) use bytes 0xaa, which no UTF-8 text
    // encodes, so a key of 80 characters is checked against Node instead.
    expect(hmacSha1Base64('Jefe', 'what do ya want for nothing?')).toBe(fromHex('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79'));
    const eightyBytes = '\u00aa'.repeat(80); // 160 bytes of UTF-8: longer than a block
    expect(hmacSha1Base64(eightyBytes, 'Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      nodeHmac(Buffer.from(eightyBytes, 'utf8'), 'Test Using Larger Than Block-Size Key - Hash Key First'),
    );
    expect(hmacSha1Base64('key', 'The quick brown fox jumps over the lazy dog')).toBe('3nybhbi3iqa8ino29wqQcBydtNk=');
    expect(hmacSha1Base64('', '')).toBe(fromHex('fbdb1d1b18aa6c08324b7d64b71fb76370690e1d'));
  });

  it('gives what Node gives at every message length around the block boundaries, for short and long keys', () => {
    for (const key of ['k', 'x'.repeat(64), 'y'.repeat(65), 'z'.repeat(200)]) {
      for (let length = 0; length <= 300; length++) {
        const message = 'a'.repeat(length);
        expect(hmacSha1Base64(key, message), `key of ${key.length}, message of ${length}`).toBe(nodeHmac(key, message));
      }
    }
  });

  it('gives what Node gives for any UTF-8 key and text, and keeps doing so as keys come and go', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 600 }), (key, message) => {
        expect(hmacSha1Base64(key, message)).toBe(nodeHmac(Buffer.from(key, 'utf8'), Buffer.from(message, 'utf8')));
      }),
      { numRuns: 500 },
    );
  });

  it('gives what Node gives for messages longer than its reused buffer, and for short ones after them', () => {
    for (const message of ['a'.repeat(6_000), 'é'.repeat(20_000), 'x'.repeat(1_000_000), 'short after long']) {
      expect(hmacSha1Base64('k', message), `message of ${message.length}`).toBe(nodeHmac('k', message));
    }
  });

  it('reads lone surrogates as U+FFFD, as Node does with UTF-8', () => {
    expect(hmacSha1Base64('k\ud800', 'a\udc00b')).toBe(nodeHmac('k\ud800', 'a\udc00b'));
  });

  it('gives the same signature for a key after many other keys were used', () => {
    const first = hmacSha1Base64('secret-0', 'message');
    for (let i = 1; i < 200; i++) hmacSha1Base64(`secret-${i}`, 'message');
    expect(hmacSha1Base64('secret-0', 'message')).toBe(first);
    expect(first).toBe(nodeHmac('secret-0', 'message'));
  });
});
