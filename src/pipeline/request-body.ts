import secureJson from 'secure-json-parse';

/** A body that arrived but is not usable JSON; validation turns it into the vendor's "malformed request" error. */
export class UnreadableBody {
  constructor(
    readonly reason: string,
    /** `malformed`: JSON that does not parse; `unsupported`: a content type the surface does not read. */
    readonly kind: 'malformed' | 'unsupported' = 'malformed',
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

/** `application/json`, whatever its parameters or letter case (what Fastify's and Express's JSON parsers accept). */
function isJsonMediaType(contentType: string): boolean {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}

/**
 * Read a request body as the vendors' stacks do: JSON is parsed, an empty body is no body, anything else is an
 * UnreadableBody that the pipeline turns into the vendor's own error (never a transport's). secure-json-parse refuses
 * `__proto__`/`constructor.prototype` keys, which would otherwise poison merged objects.
 *
 * @example
 * readRequestBody('{"code":"492039"}', 'application/json') // ReceivedJson { value: { code: '492039' }, text: ... }
 * readRequestBody('{', 'application/json')                  // UnreadableBody { kind: 'malformed' }
 * readRequestBody('a=1', 'application/x-www-form-urlencoded') // UnreadableBody { kind: 'unsupported' }
 */
export function readRequestBody(text: string | undefined, contentType: string | undefined): ReceivedBody {
  if (text === undefined || (text === '' && contentType === undefined)) return undefined;
  if (contentType === undefined || !isJsonMediaType(contentType)) {
    return new UnreadableBody(`unsupported content type "${contentType ?? ''}"; send application/json`, 'unsupported');
  }
  if (text === '') return undefined;
  // secure-json-parse skips a leading byte order mark; the text kept for the journal is what it parsed, without one.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return new ReceivedJson(secureJson.parse(json, undefined, { protoAction: 'error', constructorAction: 'error' }), json);
  } catch (error) {
    return new UnreadableBody(`malformed JSON body (${(error as Error).message})`);
  }
}
