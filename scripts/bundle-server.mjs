// `npm run build` step: bundle the compiled server (dist/src/main.js) into dist/src/main.bundle.js, which the
// installed command runs (bin/mfa-sandbox.js). Resolving and reading the ~400 modules one by one (fastify, ajv, yaml
// and ours) was about a sixth of a cold start; one file is read and compiled at once. Modules the server loads on
// first use (PostgreSQL store, WebAuthn, QR codes, docs, `verify`) stay separate chunks beside it, loaded when needed.
// dist/src/*.js stays as it is: the library entry (dist/src/index.js) and its types are unchanged.
import { build } from 'esbuild';

/**
 * Left to Node's own loading, from node_modules at run time (pino is bundled: src/server/pretty-log-transport.ts tells
 * it where its worker files are):
 * - @fastify/swagger-ui: serves Swagger UI's files from its package folder;
 * - @pact-foundation/pact: a native library, and only `verify` needs it.
 */
const EXTERNAL = ['@fastify/swagger-ui', '@pact-foundation/pact'];

await build({
  entryPoints: { 'main.bundle': 'dist/src/main.js' },
  outdir: 'dist/src',
  chunkNames: '[name]-[hash].chunk',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS modules call require(); in an ES module it has to be made.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
