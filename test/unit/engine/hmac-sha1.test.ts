import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hmacSha1Base64, pureHmacSha1Base64, useNativeHmacSha1 } from '../../../src/engine/hmac-sha1.js';
import { useNodeHmac } from '../../../src/server/native-hmac.js';

/**
 * GenAuth signatures are HMAC-SHA1: pure JS in a browser, Node's own in the server (src/server/native-hmac.ts). A
 * request signed by the vendor's SDK must verify the same either way, so both must give the very same bytes.
 */
describe('HMAC-SHA1 as base64', () => {
  afterEach(() => useNativeHmacSha1(undefined));

  it('pure JS gives the RFC 2202 answers', () => {
    expect(pureHmacSha1Base64('Jefe', 'what do ya want for nothing?')).toBe(Buffer.from('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79', 'hex').toString('base64'));
    expect(pureHmacSha1Base64('key', 'The quick brown fox jumps over the lazy dog')).toBe('3nybhbi3iqa8ino29wqQcBydtNk=');
  });

  it("Node's HMAC, once the server hands it in, gives the same as pure JS for any UTF-8 key and text", () => {
    useNodeHmac();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme', maxLength: 400 }), (key, message) => {
        const expected = createHmac('sha1', Buffer.from(key, 'utf8')).update(Buffer.from(message, 'utf8')).digest('base64');
        expect(pureHmacSha1Base64(key, message)).toBe(expected);
        expect(hmacSha1Base64(key, message)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('uses what the platform handed in, and pure JS without it', () => {
    useNativeHmacSha1(() => 'native');
    expect(hmacSha1Base64('k', 'm')).toBe('native');
    useNativeHmacSha1(undefined);
    expect(hmacSha1Base64('k', 'm')).toBe(pureHmacSha1Base64('k', 'm'));
  });
});
