/** Random one-time codes (recovery/backup codes, emailed codes, magic-link tokens) from Web Crypto, so the core runs in a browser too. */

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomString(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  // Modulo bias is irrelevant for test fixtures, and every alphabet here divides 256 or nearly so.
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
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
