import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64, toBase64Url } from '../../../src/engine/base64url.js';

describe('base64url without Buffer', () => {
  it('encodes bytes and UTF-8 text exactly as Buffer does (padded base64, unpadded base64url)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(toBase64Url(text)).toBe(Buffer.from(text).toString('base64url'));
      }),
    );
  });

  it('decodes either alphabet, padded or not, back to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect([...fromBase64Url(Buffer.from(bytes).toString('base64url'))]).toEqual([...bytes]);
        expect([...fromBase64Url(Buffer.from(bytes).toString('base64'))]).toEqual([...bytes]);
      }),
    );
  });

  it('refuses text that is not base64 instead of skipping what it cannot read', () => {
    expect(() => fromBase64Url('ab!d')).toThrow(/not a base64 character/);
    expect(() => fromBase64Url('abcde')).toThrow(/stray final character/);
    expect([...fromBase64Url('')]).toEqual([]);
  });
});
