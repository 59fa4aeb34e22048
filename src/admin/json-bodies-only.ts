import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { SandboxError } from '../errors.js';
import { isNestedDeeperThan } from '../engine/json-depth.js';
import { describeContentType } from '../openapi/media-type.js';

/**
 * The admin API's body parsers. Every admin body is JSON, and an empty body is no body, whatever its content type
 * (each route says what it takes): `curl -X POST -d ''` sends an empty form and `fetch(url, { method: 'POST', body:
 * '' })` an empty `text/plain`, both meaning "no body" to whoever wrote them, and both were refused.
 *
 * JSON: Fastify's own parser says "Body is not valid JSON" for JSON that holds a `__proto__` key and for JSON cut short
 * alike, under a generic code; this one says what is wrong, as an admin fault. `__proto__`/`constructor.prototype`
 * keys are refused as on vendor routes.
 *
 * Anything else that is not empty: Fastify reads a `text/plain` body as a string, which a route would then refuse as
 * the wrong shape ("body must be {"scenario": ...}") although its text has that shape, and refuses a form with a bare
 * "Unsupported Media Type": say what to send instead.
 */
export function readAdminJsonBodies(admin: FastifyInstance): void {
  admin.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => done(...parseJson(text as string)));
  admin.removeContentTypeParser('text/plain');
  admin.addContentTypeParser('*', { parseAs: 'string' }, (request, text, done) => {
    const mediaType = describeContentType(request.headers['content-type']);
    // `application/merge-patch+json` and the like are JSON too.
    if (text === '' || mediaType.endsWith('+json')) return done(...parseJson(text as string));
    done(new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `Send the body as JSON, with Content-Type: application/json (got ${mediaType})`));
  });
}

/**
 * Deeper than any admin body (a session file's world is 8 levels): a security tour's bodies nested thousands of levels
 * deep overflowed the call stack in route after route (a clock's `at`, a journal expectation, a provider state), each
 * a 500 with a stack trace in the log.
 */
export const MAX_ADMIN_BODY_DEPTH = 64;

function parseJson(text: string): [SandboxError | null, unknown] {
  if (text === '') return [null, undefined];
  let body: unknown;
  try {
    body = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    return [new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `The body is not JSON the sandbox reads: ${(error as Error).message}`), undefined];
  }
  if (isNestedDeeperThan(body, MAX_ADMIN_BODY_DEPTH)) {
    return [
      new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `The body is nested more than ${MAX_ADMIN_BODY_DEPTH} levels deep; no admin request needs that`),
      undefined,
    ];
  }
  return [null, body];
}
