import type { FastifyRequest, preParsingHookHandler } from 'fastify';

/**
 * What Fastify takes for a media type (lib/content-type.js): `type/subtype` of token characters, with whitespace
 * around it and anything after a `;`. A header that does not start so (`;;;`, `application/json, text/plain`, an
 * empty one) Fastify answers itself with a 415, before any content-type parser could hand the body to the vendor.
 */
const FASTIFY_MEDIA_TYPE = /^\s*[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(?:;|$)/u;

/** Stands in for the header on its way through Fastify's check; the catch-all parser puts the original back. */
const STAND_IN = 'application/x-mfa-sandbox-unreadable';
const originalContentType = Symbol('the Content-Type header as sent');

type MarkedRequest = FastifyRequest & { [originalContentType]?: string };

/**
 * Fastify's `preParsing` hook on a vendor route that reads a body: a Content-Type header Fastify cannot read is set
 * aside, so the body still reaches the pipeline, which answers the vendor's own error for a media type it does not
 * read (as it does for `text/plain`). Fastify's own 415 became a sandbox 400 whose detail said "got none".
 */
export const setAsideUnreadableContentType: preParsingHookHandler = (request, _reply, payload, done) => {
  const header = request.headers['content-type'];
  if (header !== undefined && !FASTIFY_MEDIA_TYPE.test(header)) {
    (request as MarkedRequest)[originalContentType] = header;
    request.headers['content-type'] = STAND_IN;
  }
  done(null, payload);
};

/** For the catch-all parser: the header as the client sent it, if `setAsideUnreadableContentType` set it aside. */
export function restoreContentType(request: FastifyRequest): void {
  const original = (request as MarkedRequest)[originalContentType];
  if (original !== undefined) request.headers['content-type'] = original;
}
