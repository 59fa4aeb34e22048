import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { SandboxError } from '../errors.js';

/**
 * The admin API's JSON parser: Fastify's own says "Body is not valid JSON" for JSON that holds a `__proto__` key and
 * for JSON cut short alike, under a generic code; this one says what is wrong, as an admin fault. An empty body is no
 * body (each route says what it takes). `__proto__`/`constructor.prototype` keys are refused as on vendor routes.
 */
export function readAdminJsonBodies(admin: FastifyInstance): void {
  admin.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if (text === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      done(new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `The body is not JSON the sandbox reads: ${(error as Error).message}`));
    }
  });
}

/**
 * Every admin body is JSON. Fastify reads a `text/plain` body as a string, which the routes would then refuse as the
 * wrong shape ("body must be {"scenario": ...}") although its text has that shape: say what to send instead.
 */
export async function requireJsonBodies(request: FastifyRequest): Promise<void> {
  if (request.body === undefined) return;
  const contentType = request.headers['content-type'];
  const mediaType = typeof contentType === 'string' ? contentType.split(';')[0]!.trim().toLowerCase() : '';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return;
  throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `Send the body as JSON, with Content-Type: application/json (got ${mediaType || 'none'})`);
}
