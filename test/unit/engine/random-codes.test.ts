import { describe, expect, it } from 'vitest';
import { consumeCode, createNumericCode, createOpaqueToken, createRecoveryCodes, createUuid } from '../../../src/engine/random-codes.js';

/** Codes are drawn from a block of Web Crypto bytes shared by every call; these check what callers rely on. */
describe('random codes', () => {
  it('have the length and alphabet asked for', () => {
    expect(createNumericCode(6)).toMatch(/^\d{6}$/);
    expect(createOpaqueToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createOpaqueToken(32)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const codes = createRecoveryCodes(10, 8);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{8}$/);
  });

  it('do not repeat across many refills of the shared block of random bytes', () => {
    // 8,000 tokens of 7 to 56 bytes use the 65,536-byte block ~4 times over, with codes straddling each refill.
    const tokens = Array.from({ length: 8000 }, (_, i) => createOpaqueToken(i % 2 === 0 ? 43 : 7 + (i % 50)));
    const long = tokens.filter((token) => token.length === 43);
    expect(new Set(long).size).toBe(long.length);
    // Every character of the alphabet turns up: the bytes are read, not left zero.
    expect(new Set(long.join('')).size).toBe(64);
  });

  it('can be longer than the block, and than what Web Crypto fills in one call', () => {
    const token = createOpaqueToken(70_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{70000}$/);
    // Its last bytes were drawn too (a second call filled them), not left zero ("A").
    expect(new Set(token.slice(-5000)).size).toBe(64);
  });

  it('make version 4 UUIDs as crypto.randomUUID writes them, none twice', () => {
    const uuids = Array.from({ length: 2000 }, () => createUuid());
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(uuids).size).toBe(uuids.length);
    // Every hex digit turns up in the random positions: the bytes are read, not left zero.
    expect(new Set(uuids.join('').replaceAll('-', '')).size).toBe(16);
  });

  it('are used once', () => {
    const codes = ['a', 'b'];
    expect(consumeCode(codes, 'a')).toBe(true);
    expect(consumeCode(codes, 'a')).toBe(false);
    expect(codes).toEqual(['b']);
  });
});
