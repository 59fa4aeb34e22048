import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../errors.js';

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
