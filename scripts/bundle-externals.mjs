// The dependencies both CommonJS bundles (the server's, the library entry's) leave to Node's own loading.

/**
 * Left to Node's own loading, from node_modules when first used (the bundle stays small to read and compile):
 * - @fastify/swagger-ui: serves Swagger UI's files from its package folder;
 * - @pact-foundation/pact: a native library, and only `verify` needs it;
 * - what only some runs load: the drift check of `verify` and `proxy`, user specs' parser, passkeys, QR codes, the
 *   docs page, the PostgreSQL store.
 * json-schema-faker stays bundled: its package exports only an ES module entry ("import"), which require() cannot
 * resolve.
 */
export const EXTERNAL = [
  '@fastify/swagger-ui',
  '@pact-foundation/pact',
  '@pactflow/openapi-pact-comparator',
  '@readme/openapi-parser',
  '@simplewebauthn/server',
  'qrcode',
  '@fastify/swagger',
  'postgres',
];
