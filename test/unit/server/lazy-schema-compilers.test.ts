import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from '../../../src/server/lazy-schema-compilers.js';

/** The app defers Fastify's schema compilers; a route that declares a Fastify schema must behave as with the defaults. */
describe('lazySchemaCompilers', () => {
  it("validates and serialises a route's Fastify schema with Fastify's own compilers", async () => {
    const app = Fastify({ schemaController: lazySchemaCompilers() });
    app.post(
      '/echo',
      {
        schema: {
          body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
          response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
        },
      },
      async (request) => ({ n: (request.body as { n: number }).n, secret: 'not in the response schema' }),
    );
    const refused = await app.inject({ method: 'POST', url: '/echo', payload: { n: 'one' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'FST_ERR_VALIDATION', message: 'body/n must be integer' });
    const answered = await app.inject({ method: 'POST', url: '/echo', payload: { n: 1 } });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toBe('{"n":1}'); // fast-json-stringify drops what the response schema does not declare
    await app.close();
  });
});
