// `npm run build` step: the library entry (dist/src/index.js, an ES module) also as one CommonJS file,
// dist/src/index.cjs, which the package's `require` condition names. Node 20.19+ can require() the ES module itself,
// but Jest's module loader cannot (Jest 29, and Jest 30 before Node 24.9), so a Jest project in its default CommonJS
// setup failed with "Cannot use import statement outside a module". Dependencies are bundled as the server's are
// (scripts/bundle-externals.mjs): several are ES modules only, some deep down (otplib's base32 plugin requires
// @scure/base, an ES module), which Jest's require() cannot load either.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { EXTERNAL } from './bundle-externals.mjs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
// The optional peers are the user's own packages, never a copy of ours.
const external = [...EXTERNAL, ...Object.keys(manifest.peerDependencies ?? {})];

await build({
  entryPoints: ['dist/src/index.js'],
  outfile: 'dist/src/index.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external,
  // esbuild writes a class that names itself inside its body as `var SandboxError = class _SandboxError`, whose `name`
  // was then `_SandboxError` in a user's log or `error.constructor.name`; kept, it reads as the ES module build's.
  keepNames: true,
  // import() becomes require(): Jest's CommonJS loader has no import() of an ES module.
  supported: { 'dynamic-import': false },
  // Modules that find their files from import.meta.url (src/source-root.ts) get the bundle's URL: dist/src, as index.js's.
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/bundle-import-meta.js'],
  logLevel: 'warning',
});

// Its declarations: scripts/commonjs-declarations.mjs, the next build step.
