/**
 * A minimal PNG encoder over web platform APIs only (CompressionStream for the zlib stream), so the same code makes
 * the same image in Node and in a browser, where `qrcode`'s own PNG writer (pngjs, Node streams and zlib) cannot run.
 */

/** An image as 8-bit RGBA pixels, row by row from the top left: `width * height * 4` bytes. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BIT_DEPTH = 8;
const COLOUR_TYPE_RGBA = 6;
const FILTER_NONE = 0;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as PNG chunks use it) over the bytes of several arrays in turn. */
function crc32(...parts: Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) for (const byte of part) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

/** One chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array[] {
  const typeBytes = new TextEncoder().encode(type);
  return [uint32(data.length), typeBytes, data, uint32(crc32(typeBytes, data))];
}

/**
 * The zlib stream ("deflate" in the Compression Streams standard, RFC 1950) that a PNG's IDAT data is. Streams only,
 * no Blob or Response: a test environment such as jsdom puts its own in their place, and jsdom's Blob has no stream().
 */
async function toZlibStream(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  // jsdom (Jest's and Vitest's DOM environment, which MSW's docs recommend) has no CompressionStream: the image is
  // then stored uncompressed, still a PNG every reader takes, larger only.
  if (typeof CompressionStream === 'undefined' || typeof ReadableStream === 'undefined') return toStoredZlibStream(bytes);
  // Untyped: the DOM's and Node's typings of CompressionStream take different chunk types, and a consumer's tsc
  // checks this file against theirs.
  const source = new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader: ReadableStreamDefaultReader<Uint8Array> = source.pipeThrough(new CompressionStream('deflate')).getReader();
  const parts: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) parts.push(read.value);
  return concatBytes(parts);
}

/** The largest stored (uncompressed) deflate block: its length is 16 bits. */
const MAX_STORED_BLOCK = 0xffff;

/**
 * A zlib stream (RFC 1950) of deflate's stored blocks (RFC 1951, BTYPE 00): the bytes as they are, framed, with the
 * Adler-32 of them. What `toZlibStream` sends where no CompressionStream exists.
 *
 * @example
 * inflateSync(toStoredZlibStream(new Uint8Array([1, 2, 3]))) // <Buffer 01 02 03>
 */
export function toStoredZlibStream(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(2 + blocks * 5 + bytes.length + 4);
  out.set([0x78, 0x01]); // deflate, 32 KiB window, no dictionary, fastest level: 0x7801 % 31 === 0
  let at = 2;
  for (let block = 0; block < blocks; block++) {
    const data = bytes.subarray(block * MAX_STORED_BLOCK, (block + 1) * MAX_STORED_BLOCK);
    out[at++] = block === blocks - 1 ? 1 : 0; // BFINAL on the last block, BTYPE 00
    out.set([data.length & 0xff, data.length >>> 8, ~data.length & 0xff, (~data.length >>> 8) & 0xff], at);
    at += 4;
    out.set(data, at);
    at += data.length;
  }
  out.set(uint32(adler32(bytes)), at);
  return out;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/**
 * The PNG file of an RGBA image (8 bits per channel, no interlace). Every row uses filter type 0: deflate already
 * shrinks the repeated rows of flat images such as QR codes to back-references.
 *
 * @example
 * const png = await toPng({ width: 1, height: 1, pixels: new Uint8Array([0, 0, 0, 255]) }); // 1 black pixel
 */
export async function toPng(image: RgbaImage): Promise<Uint8Array> {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} RGBA bytes for ${width}x${height}, got ${pixels.length}`);
  const rowLength = width * 4;
  const scanlines = new Uint8Array(height * (rowLength + 1));
  for (let row = 0; row < height; row++) {
    scanlines[row * (rowLength + 1)] = FILTER_NONE;
    scanlines.set(pixels.subarray(row * rowLength, (row + 1) * rowLength), row * (rowLength + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([BIT_DEPTH, COLOUR_TYPE_RGBA, 0, 0, 0], 8); // compression 0 (deflate), filter method 0, no interlace
  return concatBytes([
    new Uint8Array(PNG_SIGNATURE),
    ...chunk('IHDR', header),
    ...chunk('IDAT', await toZlibStream(scanlines)),
    ...chunk('IEND', new Uint8Array(0)),
  ]);
}
