/**
 * Base64 and base64url without Node's `Buffer`, so the core runs in a browser as it does in Node. Text is UTF-8.
 * Encoding writes what `Buffer#toString('base64' | 'base64url')` writes: padded base64, unpadded base64url.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Each character's 6-bit value; both alphabets decode (`+`/`-` are 62, `/`/`_` are 63), as `Buffer` accepts. */
const VALUES = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));
VALUES.set('-', 62);
VALUES.set('_', 63);

const toBytes = (input: Uint8Array | string): Uint8Array => (typeof input === 'string' ? new TextEncoder().encode(input) : input);

/**
 * Standard base64, padded with `=`.
 *
 * @example
 * toBase64('hi') // 'aGk='
 */
export function toBase64(input: Uint8Array | string): string {
  const bytes = toBytes(input);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(triple >> 18) & 63]! + ALPHABET[(triple >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(triple >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[triple & 63]!;
  }
  return out;
}

/**
 * URL-safe base64 (`-` and `_`, no padding), as JWTs and WebAuthn use it.
 *
 * @example
 * toBase64Url('hi?') // 'aGk_'
 */
export function toBase64Url(input: Uint8Array | string): string {
  return toBase64(input).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The bytes of base64 or base64url text (padding optional). Unlike `Buffer`, which skips what it cannot read, a
 * character outside both alphabets is an error: every caller treats undecodable input as invalid anyway.
 *
 * @example
 * new TextDecoder().decode(fromBase64Url('aGk_')) // 'hi?'
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const digits = text.replace(/=+$/, '');
  if (digits.length % 4 === 1) throw new TypeError('base64 text has a stray final character');
  const bytes = new Uint8Array(Math.floor((digits.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (const char of digits) {
    const value = VALUES.get(char);
    if (value === undefined) throw new TypeError(`not a base64 character: ${JSON.stringify(char)}`);
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}
