/**
 * HMAC-SHA1 (RFC 2104 over FIPS 180-4's SHA-1), as GenAuth signs a request, written for the one place the sandbox
 * needs it: a signature on every signed request, under one of a few access key secrets. It allocates nothing per
 * call: each key's inner and outer pad blocks are hashed once and kept as SHA-1 states, so a request pays only for
 * the blocks of its own message and one outer block, in buffers reused from call to call. A message is checked
 * against a presented signature without making the expected one. Plain JavaScript, so the core runs it in a browser
 * (under MSW) as in Node.
 *
 * Why not Node's `createHmac`: every call makes a C++ Hmac object that the garbage collector must finalise; at the
 * server, under load, swapping it for this cut the sandbox's CPU per signed request from ~52 to ~44 µs of user time
 * (read from /proc over alternated runs), far more than the hashing itself costs. Why not @noble/hashes' hmac (what
 * the browser used before): it allocates its hash objects and buffers per call, which left much of a request's garbage.
 */

const BLOCK_BYTES = 64;
const STATE_WORDS = 5;
const INITIAL_STATE = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0] as const;

/** Message schedule, reused by every compression. */
const schedule = new Int32Array(80);

/** Fold one 64-byte block of `bytes` at `offset` into the 5-word SHA-1 `state` at `at`. */
function compress(state: Int32Array, at: number, bytes: Uint8Array, offset: number): void {
  const w = schedule;
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
  }
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = state[at]!;
  let b = state[at + 1]!;
  let c = state[at + 2]!;
  let d = state[at + 3]!;
  let e = state[at + 4]!;
  // Four loops, one per round function, rather than a branch on every round.
  for (let i = 0; i < 20; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 20; i < 40; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 40; i < 60; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + -0x70e44324 + w[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 60; i < 80; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + -0x359d3e2a + w[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  state[at] = (state[at]! + a) | 0;
  state[at + 1] = (state[at + 1]! + b) | 0;
  state[at + 2] = (state[at + 2]! + c) | 0;
  state[at + 3] = (state[at + 3]! + d) | 0;
  state[at + 4] = (state[at + 4]! + e) | 0;
}

const utf8 = new TextEncoder();
/**
 * The message as UTF-8 followed by SHA-1's padding, for every message that fits (a string to sign is a few hundred
 * bytes); a longer one, such as a large signed body, gets a buffer of its own that is not kept.
 */
const messageBytes = new Uint8Array(16 * 1024);
/** The outer hash's one block: the inner digest and its padding. */
const outerBlock = new Uint8Array(BLOCK_BYTES);
/** Working state: inner hash in words 0-4, outer hash in words 5-9. */
const working = new Int32Array(2 * STATE_WORDS);

/**
 * Pad `length` message bytes already in `bytes` (which has room) as SHA-1 does: 0x80, zeros, then the bit length
 * of everything hashed (`prefixBytes` already hashed before them) as a 64-bit big-endian number. Returns the padded length.
 */
function pad(bytes: Uint8Array, length: number, prefixBytes: number): number {
  const padded = Math.ceil((length + 9) / BLOCK_BYTES) * BLOCK_BYTES;
  bytes[length] = 0x80;
  bytes.fill(0, length + 1, padded - 4);
  const bits = (prefixBytes + length) * 8;
  const high = Math.floor(bits / 2 ** 32); // non-zero only for messages of 512 MiB or more
  bytes[padded - 8] = high >>> 24;
  bytes[padded - 7] = high >>> 16;
  bytes[padded - 6] = high >>> 8;
  bytes[padded - 5] = high;
  bytes[padded - 4] = bits >>> 24;
  bytes[padded - 3] = bits >>> 16;
  bytes[padded - 2] = bits >>> 8;
  bytes[padded - 1] = bits;
  return padded;
}

/** The SHA-1 states after the key's inner (0x36) and outer (0x5c) pad block: words 0-4 and 5-9. */
function toKeyPads(key: string): Int32Array {
  let keyBytes: Uint8Array = utf8.encode(key);
  if (keyBytes.length > BLOCK_BYTES) keyBytes = sha1(keyBytes); // RFC 2104: a longer key is hashed first
  const pads = new Int32Array(2 * STATE_WORDS);
  const block = new Uint8Array(BLOCK_BYTES);
  for (const [at, byte] of [
    [0, 0x36],
    [STATE_WORDS, 0x5c],
  ] as const) {
    pads.set(INITIAL_STATE, at);
    for (let i = 0; i < BLOCK_BYTES; i++) block[i] = (keyBytes[i] ?? 0) ^ byte;
    compress(pads, at, block, 0);
  }
  return pads;
}

/** Plain SHA-1 of a few bytes (only for keys longer than a block). */
function sha1(bytes: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / BLOCK_BYTES) * BLOCK_BYTES);
  padded.set(bytes);
  pad(padded, bytes.length, 0);
  const state = Int32Array.from(INITIAL_STATE);
  for (let offset = 0; offset < padded.length; offset += BLOCK_BYTES) compress(state, 0, padded, offset);
  const digest = new Uint8Array(20);
  for (let i = 0; i < 20; i++) digest[i] = state[i >> 2]! >>> (24 - 8 * (i & 3));
  return digest;
}

/** A world holds a handful of access keys; the cap only keeps a stream of made-up keys from growing the map. */
const KEY_PADS_KEPT = 64;
const keyPads = new Map<string, Int32Array>();

function padsFor(key: string): Int32Array {
  let pads = keyPads.get(key);
  if (!pads) {
    if (keyPads.size >= KEY_PADS_KEPT) keyPads.clear();
    pads = toKeyPads(key);
    keyPads.set(key, pads);
  }
  return pads;
}

/**
 * Put `message` as UTF-8 into the shared buffer (or, when it may not fit with SHA-1's padding, a larger one that is
 * not kept) and return that buffer and the message's length in bytes. One native encoding of the whole string.
 */
function toMessageBytes(message: string): { bytes: Uint8Array; length: number } {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit; the padding at most a block more.
  const room = message.length * 3 + BLOCK_BYTES + 9;
  const bytes = room <= messageBytes.length ? messageBytes : new Uint8Array(room);
  return { bytes, length: utf8.encodeInto(message, bytes).written };
}

/** Hash `message` under `key`: the outer hash's state ends in words 5-9 of `working`. */
function hmac(key: string, message: string): void {
  working.set(padsFor(key));
  const { bytes, length } = toMessageBytes(message);
  const padded = pad(bytes, length, BLOCK_BYTES);
  for (let offset = 0; offset < padded; offset += BLOCK_BYTES) compress(working, 0, bytes, offset);
  for (let i = 0; i < 20; i++) outerBlock[i] = working[i >> 2]! >>> (24 - 8 * (i & 3));
  pad(outerBlock, 20, BLOCK_BYTES);
  compress(working, STATE_WORDS, outerBlock, 0);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The 28 character codes of a digest's base64, reused: the string is then made in one piece, not by appending. */
const digestCodes = new Array<number>(28).fill(0);

/** The outer state (words 5-9 of `working`) as the 28 character codes of its padded base64, in `digestCodes`. */
function writeDigestCodes(): void {
  const digest = outerBlock; // free again once the outer block is hashed: reused for the digest's bytes
  for (let i = 0; i < 20; i++) digest[i] = working[STATE_WORDS + (i >> 2)]! >>> (24 - 8 * (i & 3));
  digest[20] = 0;
  for (let i = 0, out = 0; i < 21; i += 3, out += 4) {
    const triple = (digest[i]! << 16) | (digest[i + 1]! << 8) | digest[i + 2]!;
    digestCodes[out] = BASE64.charCodeAt(triple >>> 18);
    digestCodes[out + 1] = BASE64.charCodeAt((triple >>> 12) & 63);
    digestCodes[out + 2] = BASE64.charCodeAt((triple >>> 6) & 63);
    digestCodes[out + 3] = BASE64.charCodeAt(triple & 63);
  }
  digestCodes[27] = 0x3d; // 20 bytes are 26⅔ base64 digits: the 28th is the padding '='
}

/**
 * HMAC-SHA1 of UTF-8 `message` under UTF-8 `key`, as padded base64.
 *
 * @example
 * hmacSha1Base64('key', 'The quick brown fox jumps over the lazy dog') // '3nybhbi3iqa8ino29wqQcBydtNk='
 */
export function hmacSha1Base64(key: string, message: string): string {
  hmac(key, message);
  writeDigestCodes();
  return String.fromCharCode.apply(null, digestCodes);
}

/**
 * Whether `presented` is `hmacSha1Base64(key, message)`, compared without making that string, and in constant time:
 * every character is looked at whatever the first difference, so the time taken does not tell a caller how much of a
 * guessed signature was right.
 */
export function hmacSha1Matches(key: string, message: string, presented: string): boolean {
  hmac(key, message);
  writeDigestCodes();
  if (presented.length !== digestCodes.length) return false;
  let difference = 0;
  for (let i = 0; i < digestCodes.length; i++) difference |= digestCodes[i]! ^ presented.charCodeAt(i);
  return difference === 0;
}
