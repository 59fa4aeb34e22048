import { hmacSha1Base64, hmacSha1Matches } from '../../engine/hmac-sha1.js';

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

/** The names of a flavour's own signature headers (`x-genauth-date`, ...). */
export interface SignatureHeaderNames {
  prefix: string;
  date: string;
  method: string;
  version: string;
  nonce: string;
}

function toSignatureHeaderNames(prefix: string): SignatureHeaderNames {
  return { prefix, date: `${prefix}date`, method: `${prefix}signature-method`, version: `${prefix}signature-version`, nonce: `${prefix}signature-nonce` };
}

/**
 * Made once per flavour: a header name put together on each request is a new string, which every lookup in the
 * request's headers must hash and find in V8's string table again (three lookups on every signed request).
 */
const SIGNATURE_HEADER_NAMES: Record<SignatureFlavour, SignatureHeaderNames> = {
  genauth: toSignatureHeaderNames(toHeaderPrefix('genauth')),
  authing: toSignatureHeaderNames(toHeaderPrefix('authing')),
};

export function signatureHeaderNames(flavour: SignatureFlavour): SignatureHeaderNames {
  return SIGNATURE_HEADER_NAMES[flavour];
}

const CONTROL = /[\t\n\r\f]/;
const CONTROLS = /[\t\n\r\f]/g;

/** A signed header's value as the SDK signs it: tabs and line breaks of a string made spaces, then trimmed. */
function toSignedHeaderValue(value: unknown): string {
  if (typeof value !== 'string') return String(value).trim();
  return (CONTROL.test(value) ? value.replace(CONTROLS, ' ') : value).trim();
}

/** Beyond this many names, insertion sort (quadratic) costs more than `Array.prototype.sort`'s work array. */
const FEW = 16;

/**
 * Sort strings in place by UTF-16 code units, as `Array.prototype.sort` does: a few (a request's signed headers, its
 * fields) by insertion, without the work array; more with the built-in sort. Insertion alone took minutes for a body
 * of 400,000 array items (a security tour's), holding every other request of the sandbox meanwhile.
 */
function sortNames(names: string[]): void {
  if (names.length > FEW) {
    names.sort();
    return;
  }
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i - 1;
    for (; j >= 0 && names[j]! > name; j--) names[j + 1] = names[j]!;
    names[j + 1] = name;
  }
}

/** The signed header names of one request, reused from request to request. */
const signedNames: string[] = [];

/**
 * Only names starting with d or x can be signed (`date`, `x-genauth-*`, `x-authing-*`), and no other character
 * lower-cases to either: the rest are skipped without lower-casing them.
 */
function mayBeSigned(name: string): boolean {
  const first = name.charCodeAt(0) | 0x20;
  return first === 0x64 || first === 0x78;
}

/**
 * A value as the SDK signs it. A value JSON.stringify cannot write (nested deeper than the stack allows) could
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

/** A body field or query value as the SDK signs it: objects as JSON, anything else as `String` writes it. */
function toSignedField(value: unknown): string {
  return typeof value === 'object' && value !== null ? toSignedJson(value) : String(value);
}

/**
 * The string to sign, as the SDK builds it (see the top of this file). Built as one string and hashed in one piece:
 * V8 joins the parts cheaply, and one native UTF-8 encoding of the whole beat writing ~25 parts into the HMAC's buffer
 * a character at a time (0.3 µs of a signed answer's ~7.5, in process, alternated runs).
 */
export function toStringToSign(
  method: string,
  path: string,
  headers: Record<string, unknown>,
  fields: Record<string, unknown>,
  flavour: SignatureFlavour,
): string {
  let text = `${method.toUpperCase()}\n`;
  const prefix = toHeaderPrefix(flavour);
  signedNames.length = 0;
  for (const key of Object.keys(headers)) {
    if (!mayBeSigned(key)) continue;
    const name = key.toLowerCase();
    if (name === 'date' || name.startsWith(prefix)) signedNames.push(name);
  }
  sortNames(signedNames);
  for (const name of signedNames) text += `${name}:${toSignedHeaderValue(headers[name])}\n`;
  text += path;
  const keys = Object.keys(fields);
  if (keys.length === 0) return text;
  sortNames(keys);
  // The SDK writes the `?` for any field, even when every one is undefined and skipped.
  text += '?';
  let separator = '';
  for (const key of keys) {
    const value = fields[key];
    if (value === undefined) continue;
    text += `${separator}${key}=${toSignedField(value)}`;
    separator = '&';
  }
  return text;
}

/**
 * Base64 HMAC-SHA1 of the string to sign, keyed with the access key secret (both UTF-8), as the SDK computes it.
 * Synchronous (the core's own HMAC; not WebCrypto's async one) because the request pipeline's auth step is synchronous.
 */
export function sign(secret: string, stringToSign: string): string {
  return hmacSha1Base64(secret, stringToSign);
}

/**
 * Whether `signature` is the request's signature under `secret`: `isSignatureValid(sign(secret, toStringToSign(...)),
 * signature)`, computed without making the expected signature (every signed request runs it).
 */
export function isSignedWith(
  secret: string,
  signature: string,
  request: { method: string; path: string; headers: Record<string, unknown>; fields: Record<string, unknown>; flavour: SignatureFlavour },
): boolean {
  return hmacSha1Matches(secret, toStringToSign(request.method, request.path, request.headers, request.fields, request.flavour), signature);
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
 * The headers a client sends for a signed request (used by our tests and docs; the SDK does the same). `browser: true`
 * signs the date as `x-genauth-date` (`x-authing-date`) instead of `date`, which `fetch` in a browser never sends
 * (a forbidden header name); the sandbox takes either (the spec's accessKeySignature decision). `headers` are sent
 * too, and the vendor's own among them (`x-genauth-lang`, `x-genauth-app-id`, ...) signed as the SDK signs them.
 *
 * @example
 * fetch(url, { headers: toSignedHeaders({ method: 'GET', path: '/api/v3/get-mfa-status', fields: { userId: 'u1' }, accessKeyId, accessKeySecret }) })
 * toSignedHeaders({ ..., headers: { 'x-genauth-lang': 'zh-CN' } }) // the SDK's lang option, signed
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
  browser?: boolean;
  headers?: Record<string, string>;
}): Record<string, string> {
  const flavour = request.flavour ?? 'genauth';
  const prefix = toHeaderPrefix(flavour);
  const extra = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const headers: Record<string, string> = {
    ...extra,
    [request.browser ? `${prefix}date` : 'date']: (request.date ?? new Date()).toUTCString(),
    [`${prefix}signature-nonce`]: request.nonce ?? crypto.randomUUID().replaceAll('-', ''),
    [`${prefix}signature-method`]: 'HMAC-SHA1',
    [`${prefix}signature-version`]: '1.0',
  };
  const signature = sign(request.accessKeySecret, toStringToSign(request.method, request.path, headers, request.fields, flavour));
  headers.authorization = `${flavour === 'genauth' ? 'GenAuth' : 'authing'} ${request.accessKeyId}:${signature}`;
  return headers;
}
