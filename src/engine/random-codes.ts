/** Random one-time codes (recovery/backup codes, emailed codes, magic-link tokens) from Web Crypto, so the core runs in a browser too. */

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Random bytes are drawn from Web Crypto a block at a time: a call per code was a visible share of a request's cost.
 * The block is the largest one call may fill (64 KiB): per byte, Node's Web Crypto costs ~2.4 ns in 4 KiB blocks and
 * ~0.3 ns in 64 KiB ones (as fast as node:crypto's randomFillSync, which the core cannot use in a browser). A code
 * reads its bytes straight from the block, without a view of its own (a typed array per code is garbage too), and a
 * used-up block is filled again in place.
 */
const POOL_BYTES = 65_536;
let pool: Uint8Array<ArrayBuffer> = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;

/**
 * Fill `bytes` from Web Crypto, which fills at most 64 KiB a call (a longer block is filled a slice at a time). Of an
 * ArrayBuffer: the DOM library's getRandomValues (a consumer's tsc --strict) takes no view of a SharedArrayBuffer.
 */
function fillRandom(bytes: Uint8Array<ArrayBuffer>): void {
  for (let start = 0; start < bytes.length; start += POOL_BYTES) crypto.getRandomValues(bytes.subarray(start, start + POOL_BYTES));
}

/** Where `length` unused random bytes start in `pool`, refilling it first if too few are left. */
function takeRandomBytes(length: number): number {
  if (poolOffset + length > pool.length) {
    if (pool.length < length) pool = new Uint8Array(length);
    fillRandom(pool);
    poolOffset = 0;
  }
  poolOffset += length;
  return poolOffset - length;
}

/**
 * Character codes of a string about to be made, one reused array per length (apply reads the whole array): a new
 * array per code was ~0.3 KB of garbage on every GenAuth status answer. Lengths are few (each caller has its own).
 */
const codeArrays = new Map<number, number[]>();
const KEPT_CODE_ARRAYS = 32;
/** Longer codes (rare) get an array of their own each time, so none of them is held for good. */
const KEPT_CODE_LENGTH = 64;

function codesOfLength(length: number): number[] {
  let codes = codeArrays.get(length);
  if (!codes) {
    codes = new Array<number>(length).fill(0);
    if (length <= KEPT_CODE_LENGTH && codeArrays.size < KEPT_CODE_ARRAYS) codeArrays.set(length, codes);
  }
  return codes;
}

/**
 * Made in one piece from character codes: appending a character at a time built a chain of one-character strings
 * that was flattened again when the answer was serialised (tokens are drawn on every GenAuth status answer).
 */
function randomString(alphabet: string, length: number): string {
  const start = takeRandomBytes(length);
  const codes = codesOfLength(length);
  // Modulo bias is irrelevant for test fixtures, and every alphabet here divides 256 or nearly so.
  for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(pool[start + i]! % alphabet.length);
  // apply over a plain array: spreading a typed array into the call was slower than the old concatenation.
  return String.fromCharCode.apply(null, codes);
}

const HEX = '0123456789abcdef';

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` writes it, from the shared block of random bytes: Node's own
 * built each one from 16 two-digit strings (~0.6 KB of garbage per GenAuth answer, which carries a fresh requestId).
 *
 * @example
 * createUuid() // 'd376bf3e-f57c-4b71-843c-6cd9a3a4a497'
 */
export function createUuid(): string {
  const start = takeRandomBytes(16);
  const codes = codesOfLength(36);
  for (let byte = 0, at = 0; byte < 16; byte++) {
    let value = pool[start + byte]!;
    if (byte === 6) value = (value & 0x0f) | 0x40; // version 4
    if (byte === 8) value = (value & 0x3f) | 0x80; // variant 10xx (RFC 9562)
    if (byte === 4 || byte === 6 || byte === 8 || byte === 10) codes[at++] = 0x2d; // 8-4-4-4-12 hex digits
    codes[at++] = HEX.charCodeAt(value >>> 4);
    codes[at++] = HEX.charCodeAt(value & 0x0f);
  }
  return String.fromCharCode.apply(null, codes);
}

export function createRecoveryCodes(count: number, length: number): string[] {
  return Array.from({ length: count }, () => randomString(LOWER_ALPHANUMERIC, length));
}

export function createNumericCode(length: number): string {
  return randomString(DIGITS, length);
}

export function createOpaqueToken(length = 43): string {
  return randomString(URL_SAFE, length);
}

/** Use a one-time code: true and removed from the list if present, false otherwise. */
export function consumeCode(codes: string[], code: string): boolean {
  const index = codes.indexOf(code);
  if (index === -1) return false;
  codes.splice(index, 1);
  return true;
}
