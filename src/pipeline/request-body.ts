import secureJson from 'secure-json-parse';
import { parseExtendedForm } from './extended-form.js';
import type { UnreadBody } from './plain-exchange.js';

/** A body that arrived but is not usable JSON; validation turns it into the vendor's "malformed request" error. */
export class UnreadableBody {
  constructor(
    readonly reason: string,
    /**
     * `malformed`: JSON that does not parse; `unsupported`: a content type the surface does not read; `refused`: one
     * the vendor's body parser refuses with its own status (`status`) before reading it as JSON or a form.
     */
    readonly kind: 'malformed' | 'unsupported' | 'refused' = 'malformed',
    readonly status: 400 | 413 | 415 = 400,
  ) {}
}

/** A parsed JSON body with the text it came from, which the journal keeps instead of copying the value. */
export class ReceivedJson {
  constructor(
    readonly value: unknown,
    readonly text: string,
  ) {}
}

export type ReceivedBody = ReceivedJson | UnreadableBody | undefined;

/** A content type's media type without its parameters, in lower case (`Application/JSON; charset=utf-8` is `application/json`). */
function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** `application/json`, whatever its parameters or letter case (what Fastify's and Express's JSON parsers accept). */
const isJsonMediaType = (contentType: string) => mediaTypeOf(contentType) === 'application/json';
const isFormMediaType = (contentType: string) => mediaTypeOf(contentType) === 'application/x-www-form-urlencoded';

/** The `charset` parameter of a content type, lower case (as body-parser reads it), or undefined. */
function charsetOf(contentType: string): string | undefined {
  const match = CHARSET.exec(contentType);
  return match ? (match[1] ?? match[2] ?? '').toLowerCase() : undefined;
}
const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

/** body-parser's default limit ('100kb'), in bytes of the body as decoded (UTF-8 text here). */
const EXPRESS_BODY_LIMIT_BYTES = 102_400;

/**
 * Whether a body is larger than Express's parser reads. A UTF-16 code unit is 1 to 3 bytes of UTF-8 (a surrogate pair
 * 4 for 2), so most bodies need no counting; the rest are counted here, not with Buffer, which the browser lacks.
 */
function isTooLargeForExpress(text: string): boolean {
  if (text.length > EXPRESS_BODY_LIMIT_BYTES) return true;
  if (text.length * 3 <= EXPRESS_BODY_LIMIT_BYTES) return false;
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 2 : 3;
  }
  return bytes > EXPRESS_BODY_LIMIT_BYTES;
}

const ENTITY_TOO_LARGE = new UnreadableBody('request entity too large', 'refused', 413);

/** body-parser's default parameterLimit for forms; past it, the whole form is refused. */
const FORM_PARAMETER_LIMIT = 1000;

/** Whether a form has more pairs than body-parser reads: it counts the `&`-separated pairs, empty ones too. */
function hasTooManyParameters(form: string): boolean {
  let count = 1;
  for (let index = form.indexOf('&'); index !== -1; index = form.indexOf('&', index + 1)) if (++count > FORM_PARAMETER_LIMIT) return true;
  return false;
}

/**
 * body-parser's 415 for a charset its parser does not decode (`unsupported charset "LATIN1"`), which it checks before
 * reading a byte: a JSON body may be in any UTF, a form only in utf-8.
 */
function toCharsetRefusal(contentType: string, form: boolean): UnreadableBody | undefined {
  const charset = charsetOf(contentType) ?? 'utf-8';
  if (form ? charset === 'utf-8' : charset.startsWith('utf-')) return undefined;
  return new UnreadableBody(`unsupported charset "${charset.toUpperCase()}"`, 'refused', 415);
}

/** JSON's insignificant whitespace, then the first character body-parser's strict mode looks at. */
const FIRST_CHARACTER = /^[ \t\n\r]*([^ \t\n\r])/;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/**
 * What Express's JSON parser (body-parser, strict by default) says of a body whose top-level value is not an object
 * or an array, or undefined for one that is: JSON.parse's error for the text with everything from that value's first
 * character on replaced by `#`, each run of `#` in the message then put back as the text's own characters
 * (`Unexpected token 'n', "null" is not valid JSON`), as body-parser builds it (`createStrictSyntaxError`).
 */
function toStrictModeViolation(json: string): string | undefined {
  const start = json.charCodeAt(0);
  if (start === OPEN_BRACE || start === OPEN_BRACKET) return undefined;
  const first = FIRST_CHARACTER.exec(json)?.[1];
  if (first === '{' || first === '[') return undefined;
  const index = first === undefined ? -1 : json.indexOf(first);
  const standIn = index === -1 ? '' : json.slice(0, index) + '#'.repeat(json.length - index);
  try {
    JSON.parse(standIn);
  } catch (error) {
    return (error as Error).message.replace(/#+/g, (run) => json.slice(index, index + run.length));
  }
  return 'strict violation'; // unreachable: text ending in `#` is never JSON
}

/**
 * Read a request body as the vendors' stacks do: JSON is parsed, an empty body is no body, anything else is an
 * UnreadableBody that the pipeline turns into the vendor's own error (never a transport's). `__proto__` and
 * `constructor.prototype` keys, which would otherwise poison merged objects, are never kept: with `strict` (Express's
 * JSON parser, behind nest-auth) they are dropped, as the real nest-auth 2.11.1 answers such a toggle as one without
 * them (the differential oracle's validation flow holds the sandbox to it); elsewhere the body is refused as the
 * vendor's malformed-body error (Lerian reads bodies closed; Flashback's and GenAuth's parsers are not known). The
 * journal keeps the body as sent.
 *
 * @example
 * readRequestBody('{"code":"492039"}', 'application/json') // ReceivedJson { value: { code: '492039' }, text: ... }
 * readRequestBody('{', 'application/json')                  // UnreadableBody { kind: 'malformed' }
 * readRequestBody('a=1', 'application/x-www-form-urlencoded') // UnreadableBody { kind: 'unsupported' }
 * readRequestBody('null', 'application/json', { strict: true }) // UnreadableBody { kind: 'malformed' }, as Express says it
 * readRequestBody('a[b]=1', 'application/x-www-form-urlencoded', { forms: true }) // ReceivedJson { value: { a: { b: '1' } } }
 * readRequestBody('{}', 'application/json; charset=latin1', { strict: true }) // UnreadableBody { kind: 'refused', status: 415 }
 */
export function readRequestBody(text: string | undefined, contentType: string | undefined, options: { strict?: boolean; forms?: boolean } = {}): ReceivedBody {
  if (text === undefined || (text === '' && contentType === undefined)) return undefined;
  // A form, where the vendor's stack reads forms (Express's urlencoded parser, extended); an empty one is `{}`. The
  // journal keeps it as the JSON the app was handed.
  if (options.forms && contentType !== undefined && isFormMediaType(contentType)) {
    const refusal = toCharsetRefusal(contentType, true);
    if (refusal) return refusal;
    if (isTooLargeForExpress(text)) return ENTITY_TOO_LARGE;
    if (hasTooManyParameters(text)) return new UnreadableBody('too many parameters', 'refused', 413);
    const form = parseExtendedForm(text);
    return new ReceivedJson(form, JSON.stringify(form));
  }
  if (contentType === undefined || !isJsonMediaType(contentType)) {
    // No header at all is a usual slip (Python's `requests.post(data=...)` with a string sends none): say so.
    const sent = contentType === undefined ? 'no Content-Type header' : `unsupported content type "${contentType}"`;
    return new UnreadableBody(`${sent}; send application/json`, 'unsupported');
  }
  // Express's JSON parser (strict, as every option of this flavour) decodes the UTFs only, before reading a byte.
  if (options.strict) {
    const refusal = toCharsetRefusal(contentType, false);
    if (refusal) return refusal;
    if (isTooLargeForExpress(text)) return ENTITY_TOO_LARGE;
  }
  if (text === '') return undefined;
  // secure-json-parse skips a leading byte order mark; the text kept for the journal is what it parsed, without one.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const violation = options.strict ? toStrictModeViolation(json) : undefined;
  if (violation !== undefined) return new UnreadableBody(`malformed JSON body (${violation})`);
  try {
    const prototypeKeys = options.strict ? 'remove' : 'error';
    return new ReceivedJson(secureJson.parse(json, undefined, { protoAction: prototypeKeys, constructorAction: prototypeKeys }), json);
  } catch (error) {
    return new UnreadableBody(`malformed JSON body (${(error as Error).message})`);
  }
}

/**
 * What Express's parsers (the strict reading, with forms where `forms`) make of a body the transport could not read
 * (`unread`): a body of a type they do not parse is skipped, unread, as no body at all; one they parse is refused for
 * its charset first, then for what the transport found (an unknown Content-Encoding, bytes that are not what it says,
 * too many of them), in the parser's words.
 *
 * @example
 * readUnreadBody({ status: 415, reason: 'unsupported content encoding "zstd"' }, 'application/json', {}) // UnreadableBody { kind: 'refused', status: 415 }
 * readUnreadBody({ status: 415, reason: 'unsupported content encoding "zstd"' }, 'text/plain', {})       // undefined
 */
export function readUnreadBody(unread: UnreadBody, contentType: string | undefined, options: { forms?: boolean }): ReceivedBody {
  if (contentType === undefined) return undefined;
  const form = options.forms === true && isFormMediaType(contentType);
  if (!form && !isJsonMediaType(contentType)) return undefined;
  return toCharsetRefusal(contentType, form) ?? new UnreadableBody(unread.reason, 'refused', unread.status);
}
