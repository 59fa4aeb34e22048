import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { toPng, toStoredZlibStream } from '../../../src/engine/png-image.js';

/** The IDAT data of a PNG, inflated by Node's zlib: the filter byte and pixels of every row. */
function inflatedImageData(png: Uint8Array): Buffer {
  const view = Buffer.from(png);
  const parts: Buffer[] = [];
  for (let at = 8; at < view.length;) {
    const length = view.readUInt32BE(at);
    const type = view.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') parts.push(view.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return inflateSync(Buffer.concat(parts));
}

const IMAGE = { width: 2, height: 2, pixels: new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255]) };
const ROWS = Buffer.from([0, 0, 0, 0, 255, 255, 255, 255, 255, 0, 255, 255, 255, 255, 0, 0, 0, 255]);

describe('PNG images', () => {
  const compression = globalThis.CompressionStream;
  afterEach(() => {
    globalThis.CompressionStream = compression;
  });

  it('store their bytes as zlib stored blocks that zlib inflates back, across the 64 KiB block limit', () => {
    for (const length of [0, 1, 65_535, 65_536, 150_000]) {
      const bytes = Uint8Array.from({ length }, (_unused, index) => (index * 7) % 251);
      expect(inflateSync(toStoredZlibStream(bytes)).equals(Buffer.from(bytes)), `${length} bytes`).toBe(true);
    }
  });

  it('are made without CompressionStream (as in jsdom) with the same pixels as with it', async () => {
    expect(inflatedImageData(await toPng(IMAGE)).equals(ROWS)).toBe(true);
    // @ts-expect-error: jsdom's globals have none
    delete globalThis.CompressionStream;
    const stored = await toPng(IMAGE);
    expect(inflatedImageData(stored).equals(ROWS)).toBe(true);
  });
});
