import { pipeline, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyRequest, preParsingHookHandler, RequestPayload } from 'fastify';
import { SandboxError } from '../errors.js';
import type { UnreadBody } from '../pipeline/plain-exchange.js';
import { toUndecodedDetail } from '../pipeline/undecoded-encoding.js';

/**
 * Request bodies sent compressed (`Content-Encoding: gzip`), which a vendor behind Express's body-parser (nest-auth)
 * or a proxy that inflates reads as the JSON inside: the sandbox read the compressed bytes as JSON and answered the
 * vendor's "malformed JSON body" 400. Decoded as they arrive, so the body limit counts the decoded bytes (a small
 * gzip bomb is a 413, not a 1 GB string) while the Content-Length check counts the bytes sent.
 */
const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * What a 415 names as readable (RFC 7694): a client that compressed its request on a guess sends it again as the header
 * says, or uncompressed (identity is always accepted).
 */
const ACCEPTED_ENCODINGS = { 'accept-encoding': 'gzip, deflate, br' };

/** Bodies this hook could not decode, and why, in the words of Express's body parser (see undecodedBodyOf). */
const undecoded = new WeakMap<FastifyRequest, UnreadBody>();

/**
 * Why the body of a request this hook refused could not be decoded: `unsupported content encoding "zstd"` (415), or
 * zlib's own words for bytes that are not what the encoding says (400), as Express's body parser answers them.
 */
export function undecodedBodyOf(request: FastifyRequest): UnreadBody | undefined {
  return undecoded.get(request);
}

/**
 * Fastify's `preParsing` hook: the body as its `Content-Encoding` says to read it (none or `identity` as it came);
 * an encoding the sandbox does not decode is a 415 fault naming it (RFC 9110 §8.4.1), bytes that are not what the
 * encoding says a 400. Every encoding the sandbox reads; see contentDecoding for a vendor that reads fewer.
 */
export const decodeContentEncoding: preParsingHookHandler = (request, _reply, payload, done) => decodeWith(DECODERS, request, payload, done);

/**
 * The hook for a surface whose vendor inflates only `encodings` (Express's body-parser 2 reads gzip, deflate and br,
 * and answers `x-gzip` as it answers `zstd`: a 415 naming it); every encoding the sandbox reads when undefined.
 *
 * @example
 * app.route({ ..., preParsing: contentDecoding(['gzip', 'deflate', 'br']) })
 */
export function contentDecoding(encodings: readonly string[] | undefined): preParsingHookHandler {
  if (encodings === undefined) return decodeContentEncoding;
  const decoders = Object.fromEntries(encodings.map((encoding) => [encoding, DECODERS[encoding]!]));
  return (request, _reply, payload, done) => decodeWith(decoders, request, payload, done);
}

type PreParsingDone = Parameters<preParsingHookHandler>[3];

function decodeWith(decoders: Readonly<Record<string, () => Transform>>, request: FastifyRequest, payload: RequestPayload, done: PreParsingDone): void {
  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return done(null, payload);
  // Fastify refuses a body whose Content-Length is over the limit at once (413), reading none of it. Left undecoded,
  // Node discards the unread rest and the connection serves the next request; piped into a decoder that nobody then
  // read, the rest stayed unread and the connection hung for 30 s, until the server's request timeout.
  if (Number(request.headers['content-length']) > request.routeOptions.bodyLimit) return done(null, payload);
  // Own keys only: `constructor` or `__proto__` found Object's own members and threw (a 500).
  const decoder = Object.hasOwn(decoders, encoding) ? decoders[encoding]!() : undefined;
  if (decoder === undefined) {
    undecoded.set(request, { status: 415, reason: `unsupported content encoding "${encoding}"` });
    const detail = toUndecodedDetail(encoding, Object.keys(decoders));
    return done(new SandboxError('MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING', detail, {}, ACCEPTED_ENCODINGS));
  }
  // What Fastify's parser reads in place of the request, counting the bytes sent for the Content-Length check.
  const decoded = decoder as RequestPayload;
  decoded.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => {
    decoded.receivedEncodedLength! += chunk.length;
  });
  // Registered before Fastify's own listener, so the 400 it makes of the error says what was wrong.
  decoder.once('error', (error: Error) => {
    undecoded.set(request, { status: 400, reason: error.message });
    error.message = `The body is not ${encoding} data, as its Content-Encoding says (${error.message})`;
  });
  // pipeline, not pipe: a client that goes away mid-body ends the decoder too, instead of leaving the parser waiting.
  pipeline(payload, decoder, () => {});
  done(null, decoded);
}
