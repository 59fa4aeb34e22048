import { hmacSha1Base64 } from '../../engine/hmac-sha1.js';

/**
 * GenAuth/Authing AK/SK request signing, exactly as the vendor's Node SDK builds it (src/utils/buildSignature.ts):
 *
 *   stringToSign = METHOD + "\n" + canonicalHeaders + canonicalResource
 *   canonicalHeaders  = every `x-genauth-*` header (`x-authing-*` for Authing) plus `date`, sorted, as `key:value\n`
 *   canonicalResource = path, then `?k=v&...` over sorted keys: the query for GET, the JSON body's top-level fields
 *                       otherwise; objects JSON-stringified, undefined skipped, nothing URL-encoded
 *   authorization     = `GenAuth <accessKeyId>:<base64(HMAC-SHA1(secret, stringToSign))>` (`authing ...` for Authing)
 */

export type SignatureFlavour = 'genauth' | 'authing';

export interface ParsedAuthorization {
  flavour: SignatureFlavour;
  accessKeyId: string;
  signature: string;
}

const AUTHORIZATION = /^(GenAuth|authing) ([^:\s]+):(\S+)$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match = header?.match(AUTHORIZATION);
  if (!match) return undefined;
  return { flavour: match[1] === 'GenAuth' ? 'genauth' : 'authing', accessKeyId: match[2]!, signature: match[3]! };
}

export function toHeaderPrefix(flavour: SignatureFlavour): string {
  return flavour === 'genauth' ? 'x-genauth-' : 'x-authing-';
}

function clean(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\t\n\r\f]/g, ' ') : String(value);
}

function toCanonicalHeaders(headers: Record<string, unknown>, prefix: string): string {
  // One pass, no intermediate arrays beyond the few signed names: this runs on every signed request.
  const signed: string[] = [];
  for (const key of Object.keys(headers)) {
    const name = key.toLowerCase();
    if (name === 'date' || name.startsWith(prefix)) signed.push(name);
  }
  signed.sort();
  let canonical = '';
  for (const name of signed) canonical += `${name}:${clean(headers[name]).trim()}\n`;
  return canonical;
}

/**
 * A field value as the SDK signs it. A value JSON.stringify cannot write (nested deeper than the stack allows) could
 * not have been signed by a client either, whose SDK serialises the same way: it gets a form no signature matches,
 * so the request is refused as badly signed instead of failing the sandbox.
 */
function toSignedJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '\u0000unsignable';
  }
}

function toCanonicalResource(path: string, fields: Record<string, unknown>): string {
  const keys = Object.keys(fields).sort();
  if (keys.length === 0) return path;
  const pairs = keys
    .filter((key) => fields[key] !== undefined)
    .map((key) => {
      const value = fields[key];
      return `${key}=${typeof value === 'object' && value !== null ? toSignedJson(value) : String(value)}`;
    });
  return `${path}?${pairs.join('&')}`;
}

export function toStringToSign(
  method: string,
  path: string,
  headers: Record<string, unknown>,
  fields: Record<string, unknown>,
  flavour: SignatureFlavour,
): string {
  return `${method.toUpperCase()}\n${toCanonicalHeaders(headers, toHeaderPrefix(flavour))}${toCanonicalResource(path, fields)}`;
}

/**
 * Base64 HMAC-SHA1 of the string to sign, keyed with the access key secret (both UTF-8), as the SDK computes it.
 * Synchronous (Node's HMAC where the platform gives it, else a pure-JS one; not WebCrypto's async one) because the
 * request pipeline's auth step is synchronous.
 */
export function sign(secret: string, stringToSign: string): string {
  return hmacSha1Base64(secret, stringToSign);
}

/**
 * Constant-time comparison of a presented signature with the expected one: every character is looked at whatever
 * the first difference, so the time taken does not tell a caller how much of a guessed signature was right.
 */
export function isSignatureValid(expected: string, presented: string): boolean {
  if (expected.length !== presented.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ presented.charCodeAt(i);
  return difference === 0;
}

/**
 * The headers a client sends for a signed request (used by our tests and docs; the SDK does the same).
 *
 * @example
 * fetch(url, { headers: toSignedHeaders({ method: 'GET', path: '/api/v3/get-mfa-status', fields: { userId: 'u1' }, accessKeyId, accessKeySecret }) })
 */
export function toSignedHeaders(request: {
  method: string;
  path: string;
  fields: Record<string, unknown>;
  accessKeyId: string;
  accessKeySecret: string;
  flavour?: SignatureFlavour;
  date?: Date;
  nonce?: string;
}): Record<string, string> {
  const flavour = request.flavour ?? 'genauth';
  const prefix = toHeaderPrefix(flavour);
  const headers: Record<string, string> = {
    date: (request.date ?? new Date()).toUTCString(),
    [`${prefix}signature-nonce`]: request.nonce ?? crypto.randomUUID().replaceAll('-', ''),
    [`${prefix}signature-method`]: 'HMAC-SHA1',
    [`${prefix}signature-version`]: '1.0',
  };
  const signature = sign(request.accessKeySecret, toStringToSign(request.method, request.path, headers, request.fields, flavour));
  headers.authorization = `${flavour === 'genauth' ? 'GenAuth' : 'authing'} ${request.accessKeyId}:${signature}`;
  return headers;
}
