import { REDACTED, scrubSecrets } from '../conformance/scrub-secrets.js';
import type { HeaderLines } from './forward-to-upstream.js';

/**
 * What the proxy writes (HAR, drift report, terminal) never holds a credential: bearer tokens, cookies, GenAuth access
 * keys and signatures, and the secrets an MFA API hands out or is sent (TOTP secrets and otpauth URLs, codes, recovery
 * codes, tokens). Each is replaced by `[redacted]`, the marker the conformance reports use too; what the value was for
 * (the field's name) stays visible.
 */
export { REDACTED };

/** Headers that always carry a credential. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/**
 * Any other header whose name says it carries one (`x-api-key`, `x-genauth-signature-nonce`, `x-access-token`...), or a
 * device's trust (nest-auth's `nest_auth_device_trust`: a login that sends it skips MFA).
 */
const SECRET_HEADER_NAME = /token|secret|signature|access-?key|api-?key|password|trust/i;
/** A header that names a kind of credential, not one (nest-auth's `x-access-token-type: header | cookie`). */
const isSecretHeaderName = (name: string) => SECRET_HEADER_NAME.test(name) && !name.endsWith('-type');

/**
 * Field names (compared without case, `_` or `-`) whose string values are secrets in the vendors' specs: tokens
 * (accessToken, refreshToken, fullAccessToken, mfaToken, trustToken), TOTP secrets, QR codes and otpauth URLs (they
 * hold the secret), passwords, OTPs and passcodes, recovery and backup codes.
 */
const SECRET_FIELD_NAME = /token$|^token|secret|password|passcode|^otp$|recoverycodes?$|backupcodes?$|qrcode|otpauthurl|accesskey/;
/**
 * `code` is a secret when a client sends it (a TOTP, e-mail or recovery code), but in answers it is mostly the
 * vendor's error code (`MFA_CODE_INVALID`, `IDE-1003`), which a drift report must show: there a code is kept only
 * when it has an error code's shape; a one-time code echoed back and nest-auth's recovery codes (`code`, and the
 * list `codes`, 27 random base64url characters each) are redacted.
 */
const CODE_FIELD_NAME = /^codes?$/;
export const ERROR_CODE = /^[A-Z][A-Z0-9_]*$|^[A-Z]{2,5}-\d{3,5}$/;
/** Strings that are credentials wherever they appear: JWTs and otpauth:// URLs (they carry the TOTP secret). */
const OTPAUTH_URL = /^otpauth:\/\//i;
const SECRET_SHAPED = [/^eyJ[\w-]*\.[\w-]+\.[\w-]*$/, OTPAUTH_URL];

/** Which side of the exchange a body belongs to: request codes are always secret, answer codes unless error codes. */
export type BodySide = 'request' | 'response';

const normaliseName = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

/** Whether a field of this name, holding this string, must be redacted. */
export function isSecretField(name: string, value: string, side: BodySide): boolean {
  const normalised = normaliseName(name);
  if (SECRET_FIELD_NAME.test(normalised)) return true;
  if (CODE_FIELD_NAME.test(normalised)) return side === 'request' || normalised === 'codes' || !ERROR_CODE.test(value);
  return SECRET_SHAPED.some((shape) => shape.test(value));
}

/**
 * The credential values of a request's headers (the bearer token, each cookie's value, a GenAuth access key id and
 * signature): replaced wherever else they appear (an answer that echoes a token, a query string).
 */
export function credentialValuesOf(headers: HeaderLines): string[] {
  const values: string[] = [];
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (key === 'authorization' || key === 'proxy-authorization') {
      // `Bearer <token>`, `GenAuth <keyId>:<signature>`, `Basic <base64>`: every part after the scheme.
      values.push(...value.replace(/^\S+\s+/, '').split(/[\s:]+/));
    } else if (key === 'cookie') {
      values.push(...value.split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim()));
    } else if (isSecretHeaderName(key)) values.push(value);
  }
  // Short values ("1.0", "true") would redact unrelated text; a credential is longer than that.
  return values.filter((value) => value.length >= 8);
}

/** Headers with every credential replaced; names and order kept. */
export function redactHeaders(headers: HeaderLines): HeaderLines {
  return headers.map(([name, value]): [string, string] => {
    const key = name.toLowerCase();
    return SECRET_HEADERS.has(key) || isSecretHeaderName(key) ? [name, REDACTED] : [name, value];
  });
}

/** Replace each known credential value, and its base64 and base64url forms, wherever it occurs in a text. */
export const redactKnownValues = scrubSecrets;

/**
 * An otpauth:// URL with its `secret` redacted and the rest kept: the account and issuer in it are what a drift report
 * must show when the vendor's URL differs from the sandbox's (`otpauth://totp/Acme:ada@example.com?secret=[redacted]`).
 */
function redactOtpauthUrl(url: string): string {
  return url.replace(/([?&]secret=)[^&#]*/gi, `$1${REDACTED}`);
}

function redactJson(value: unknown, side: BodySide, field?: string): unknown {
  if (typeof value === 'string') {
    if (OTPAUTH_URL.test(value)) return redactOtpauthUrl(value);
    return field !== undefined && isSecretField(field, value, side) ? REDACTED : SECRET_SHAPED.some((shape) => shape.test(value)) ? REDACTED : value;
  }
  if (Array.isArray(value)) return value.map((item) => redactJson(item, side, field));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, redactJson(child, side, key)]));
  }
  return value;
}

/**
 * A query string or form body with secret parameters (`token`, `code`, `secret`...) redacted; a bracketed name is read
 * by its last part (`credentials[password]`), and a name that is JSON text (`curl -d '{...}'` sends a JSON body as a
 * form's only name) is redacted as text.
 */
/** A form field's own name: the last bracket of `credentials[password]`, or the whole name. */
export const toFormFieldName = (name: string): string => /\[([^\]]*)\]$/.exec(name)?.[1] ?? name;

export function redactSearchParams(params: URLSearchParams, side: BodySide): URLSearchParams {
  const redacted = new URLSearchParams();
  for (const [name, value] of params) {
    const field = toFormFieldName(name);
    redacted.append(name.includes('"') ? redactFreeText(name, side) : name, isSecretField(field, value, side) ? REDACTED : value);
  }
  return redacted;
}

/** `"name": "value"` pairs in text, as JSON writes them, whether or not the whole text parses. */
const JSON_STRING_PAIR = /("((?:[^"\\]|\\.){1,100})"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
/**
 * `"name": ["a", "b"]`: a list of strings (recovery codes). Each run of spaces has one place in the pattern (before a
 * comma, or after it): a body without the closing `]` must fail in linear time, not try every split of its spaces.
 */
const JSON_STRING_LIST = /("((?:[^"\\]|\\.){1,100})"\s*:\s*)\[\s*((?:"(?:[^"\\]|\\.)*"\s*(?:,\s*)?)*)\]/g;
const JWT_ANYWHERE = /eyJ[\w-]*\.[\w-]+\.[\w-]*/g;
const OTPAUTH_SECRET_ANYWHERE = /(otpauth:\/\/[^\s"'?]*\?(?:[^\s"'#]*&)?secret=)[^&#\s"']*/gi;

/**
 * A body that is no JSON (malformed, sent as text/plain, a form's name): the secret fields it holds written as JSON
 * writes them, JWTs and otpauth URLs' secrets, redacted wherever they are. A malformed body is worth recording as
 * sent, but not its password or the e-mailed code in it.
 */
function redactFreeText(text: string, side: BodySide): string {
  return text
    .replace(JSON_STRING_LIST, (whole, head: string, name: string, items: string) =>
      SECRET_FIELD_NAME.test(normaliseName(name)) || CODE_FIELD_NAME.test(normaliseName(name))
        ? `${head}[${items.replace(/"(?:[^"\\]|\\.)*"/g, `"${REDACTED}"`)}]`
        : whole,
    )
    .replace(JSON_STRING_PAIR, (whole, head: string, name: string, value: string) => (isSecretField(name, value, side) ? `${head}"${REDACTED}"` : whole))
    .replace(JWT_ANYWHERE, REDACTED)
    .replace(OTPAUTH_SECRET_ANYWHERE, `$1${REDACTED}`);
}

/**
 * A value a report shows for a field of an answer (`body.data.backupCodes[0]`, or a whole object), redacted like a
 * body: by the field's own name, the names inside it, and the request's credential values.
 *
 * @example
 * redactFieldValue('body.data.backupCodes', ['81991943'], []) // ['[redacted]']
 */
export function redactFieldValue(path: string, value: unknown, known: readonly string[]): unknown {
  const field = path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .at(-1);
  const redacted = redactJson(value, 'response', field === 'body' || field === 'status' ? undefined : field);
  return redacted === undefined ? undefined : (JSON.parse(redactKnownValues(JSON.stringify(redacted), known)) as unknown);
}

/**
 * A body as text, redacted: JSON field by field, form bodies parameter by parameter, any other text (malformed JSON,
 * text/plain) by the secret fields written in it as JSON writes them, JWTs, otpauth secrets and the known credential
 * values.
 *
 * @example
 * redactBodyText('{"accessToken":"eyJ...","isRequiresMfa":true}', 'application/json', [], 'response')
 * // '{"accessToken":"[redacted]","isRequiresMfa":true}'
 */
export function redactBodyText(text: string, contentType: string | undefined, known: readonly string[], side: BodySide): string {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const redacted = JSON.stringify(redactJson(parsed, side));
      // Re-serialised only when a field was redacted: an untouched body keeps its bytes (spacing included).
      return redactKnownValues(redacted === JSON.stringify(parsed) ? text : redacted, known);
    } catch {
      // Not JSON after all (a malformed body is worth recording as sent): redacted as text below.
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) return redactKnownValues(redactSearchParams(new URLSearchParams(text), side).toString(), known);
  return redactKnownValues(redactFreeText(text, side), known);
}
