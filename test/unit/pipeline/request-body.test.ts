import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReceivedJson, UnreadableBody, readRequestBody, readUnreadBody } from '../../../src/pipeline/request-body.js';

type Middleware = (request: unknown, response: unknown, next: (error?: Error) => void) => void;
/** Express 5's own JSON parser (body-parser, strict by default): what @ackplus/nest-auth 2.11.1 reads bodies with. */
const express = createRequire(import.meta.url)('express') as { json(): Middleware; urlencoded(options: { extended: boolean }): Middleware };

/** What Express makes of a JSON body: the value it parsed, or the message of the 400 it answers. */
function parseWithExpress(text: string): Promise<{ value: unknown } | { refused: string }> {
  const bytes = Buffer.from(text);
  const request = Object.assign(Readable.from([bytes]), {
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
    method: 'POST',
    url: '/',
    body: undefined,
  });
  return new Promise((resolve) => express.json()(request, {}, (error) => resolve(error ? { refused: error.message } : { value: request.body })));
}

/** What the sandbox makes of the same body on a surface with strict JSON bodies (nest-auth). */
function parseStrictly(text: string): { value: unknown } | { refused: string } | undefined {
  const received = readRequestBody(text, 'application/json', { strict: true });
  if (received instanceof ReceivedJson) return { value: received.value };
  if (received instanceof UnreadableBody) return { refused: received.reason.replace(/^malformed JSON body \((.*)\)$/s, '$1') };
  return undefined;
}

describe('readRequestBody', () => {
  it('reads JSON, skips an empty body and refuses other content types', () => {
    expect(readRequestBody('{"code":"492039"}', 'application/json; charset=utf-8')).toEqual(new ReceivedJson({ code: '492039' }, '{"code":"492039"}'));
    expect(readRequestBody('', 'application/json')).toBeUndefined();
    expect(readRequestBody('a=1', 'application/x-www-form-urlencoded')).toMatchObject({
      kind: 'unsupported',
      reason: 'unsupported content type "application/x-www-form-urlencoded"; send application/json',
    });
    // No Content-Type at all (Python's requests.post(data=<str>)) is named as such, not as an empty type.
    expect(readRequestBody('{"code":"1"}', undefined)).toMatchObject({ kind: 'unsupported', reason: 'no Content-Type header; send application/json' });
    // Without strict, a top-level value of any kind is JSON (Fastify's parser, the other vendors').
    expect(readRequestBody('null', 'application/json')).toEqual(new ReceivedJson(null, 'null'));
  });

  it("strict and forms: the charsets and form length Express's parsers refuse are refused with their status, others read", () => {
    const refusal = (body: ReturnType<typeof readRequestBody>) => body instanceof UnreadableBody && [body.kind, body.status, body.reason];
    expect(refusal(readRequestBody('{}', 'application/json; charset=latin1', { strict: true }))).toEqual(['refused', 415, 'unsupported charset "LATIN1"']);
    expect(refusal(readRequestBody('', 'application/json; Charset="ISO-8859-1"', { strict: true }))).toEqual([
      'refused',
      415,
      'unsupported charset "ISO-8859-1"',
    ]);
    expect(readRequestBody('{}', 'application/json; charset=UTF-16', { strict: true })).toEqual(new ReceivedJson({}, '{}'));
    // Not strict (the other vendors' stacks): the charset is not looked at.
    expect(readRequestBody('{}', 'application/json; charset=latin1')).toEqual(new ReceivedJson({}, '{}'));
    const form = 'application/x-www-form-urlencoded';
    expect(refusal(readRequestBody('a=1', `${form}; charset=utf-16`, { forms: true }))).toEqual(['refused', 415, 'unsupported charset "UTF-16"']);
    expect(refusal(readRequestBody('&'.repeat(1000), form, { forms: true }))).toEqual(['refused', 413, 'too many parameters']);
    expect(readRequestBody('&'.repeat(999), form, { forms: true })).toEqual(new ReceivedJson({}, '{}'));
    // Past 100 KB (102,400 bytes of UTF-8) a JSON body or a form is its 413; a body in two-byte characters counts double.
    const json = (bytes: number, character = 'x') => JSON.stringify({ p: character.repeat((bytes - 8) / Buffer.byteLength(character)) });
    expect(readRequestBody(json(102_400), 'application/json', { strict: true })).toBeInstanceOf(ReceivedJson);
    expect(refusal(readRequestBody(json(102_402, 'é'), 'application/json', { strict: true }))).toEqual(['refused', 413, 'request entity too large']);
    expect(refusal(readRequestBody(json(102_404, '😀'), 'application/json', { strict: true }))).toEqual(['refused', 413, 'request entity too large']);
    expect(readRequestBody(json(102_400, '😀'), 'application/json', { strict: true })).toBeInstanceOf(ReceivedJson);
    expect(refusal(readRequestBody(`a=${'x'.repeat(102_399)}`, form, { forms: true }))).toEqual(['refused', 413, 'request entity too large']);
    expect(readRequestBody(json(102_402, 'é'), 'application/json')).toBeInstanceOf(ReceivedJson);
  });

  it("strict: refuses what Express's JSON parser refuses, in its words, and reads what it reads (Express as the oracle)", async () => {
    const texts = ['null', ' 7', '"x"', 'true', 'nul', '   ', '\ufeffnull', 'n'.repeat(50), '{"a":1}', ' [1]', '{bad', '[1,]'];
    for (const text of texts) expect(parseStrictly(text), JSON.stringify(text)).toEqual(await parseWithExpress(text));
  });

  it('strict: agrees with Express on any JSON value, spaced any way, and on text that is not JSON', async () => {
    const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n');
    const text = fc.oneof(
      fc.tuple(space, fc.jsonValue(), space).map(([before, value, after]) => `${before}${JSON.stringify(value)}${after}`),
      fc.string({ minLength: 1, maxLength: 20 }),
    );
    // secure-json-parse refuses `__proto__` and `constructor` keys that Express would take (a decision of our own).
    const ordinary = text.filter((candidate) => !/__proto__|constructor/.test(candidate));
    await fc.assert(
      fc.asyncProperty(ordinary, async (candidate) => {
        expect(parseStrictly(candidate)).toEqual(await parseWithExpress(candidate));
      }),
      { numRuns: 300 },
    );
  });

  it("an unread body: Express's parsers (JSON, then forms) refuse it as the transport says, or skip it unread (Express as the oracle)", async () => {
    const zstd = { status: 415, reason: 'unsupported content encoding "zstd"' } as const;
    /** What Express makes of a zstd body of this content type: skipped (no body), or the status and message it refuses with. */
    const express415 = async (contentType: string) => {
      const request = Object.assign(Readable.from([Buffer.from('{}')]), {
        headers: { 'content-type': contentType, 'content-encoding': 'zstd', 'transfer-encoding': 'chunked' },
        method: 'POST',
        url: '/',
        body: undefined,
      });
      const run = (middleware: Middleware) => new Promise<Error | undefined>((resolve) => middleware(request, {}, resolve));
      const error = (await run(express.json())) ?? (await run(express.urlencoded({ extended: true })));
      return error ? [(error as Error & { status: number }).status, error.message] : 'skipped';
    };
    const sandbox = (contentType: string) => {
      const received = readUnreadBody(zstd, contentType, { forms: true });
      return received instanceof UnreadableBody ? [received.status, received.reason] : received === undefined ? 'skipped' : received;
    };
    const types = [
      'application/json',
      'Application/JSON; charset=utf-16',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-16',
      'text/plain',
      'application/vnd.api+json',
    ];
    for (const contentType of types) expect(sandbox(contentType), contentType).toEqual(await express415(contentType));
    // Without forms (a surface that does not read them), a form is skipped.
    expect(readUnreadBody(zstd, 'application/x-www-form-urlencoded', {})).toBeUndefined();
    expect(readUnreadBody(zstd, undefined, { forms: true })).toBeUndefined();
  });
});
