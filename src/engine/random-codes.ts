/** Random one-time codes (recovery/backup codes, emailed codes, magic-link tokens) from Web Crypto, so the core runs in a browser too. */

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Random bytes are drawn from Web Crypto a block at a time: a call per code was a visible share of a request's cost.
 * A code reads its bytes straight from the block, without a view of its own (a typed array per code is garbage too).
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let poolOffset = 0;

/** Where `length` unused random bytes start in `pool`, refilling it first if too few are left. */
function takeRandomBytes(length: number): number {
  if (poolOffset + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(Math.max(POOL_BYTES, length)));
    poolOffset = 0;
  }
  poolOffset += length;
  return poolOffset - length;
}

/**
 * Made in one piece from character codes: appending a character at a time built a chain of one-character strings
 * that was flattened again when the answer was serialised (tokens are drawn on every GenAuth status answer).
 */
function randomString(alphabet: string, length: number): string {
  const start = takeRandomBytes(length);
  const codes = new Array<number>(length);
  // Modulo bias is irrelevant for test fixtures, and every alphabet here divides 256 or nearly so.
  for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(pool[start + i]! % alphabet.length);
  // apply over a plain array: spreading a typed array into the call was slower than the old concatenation.
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
