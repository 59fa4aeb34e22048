// `npm run build` step: bundle the compiled server (dist/src/main.js) into one CommonJS file,
// dist/src/server.bundle.cjs, and write the entry the installed command and the Docker image run,
// dist/src/main.bundle.js, which runs it with V8's compiled code kept between runs (src/launch/). Resolving and reading
// the ~400 modules one by one (fastify, ajv, yaml and ours) was about a sixth of a cold start; compiling the bundle
// and the functions a start calls about a seventh, which the kept code saves from the second start on. CommonJS
// because Node (20, and 22 for what is compiled after a module starts running) hands V8 a code cache only for a
// script, not for an ES module.
// dist/src/*.js stays as it is: the library entry (dist/src/index.js) and its types are unchanged.
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { EXTERNAL } from './bundle-externals.mjs';

const SERVER_BUNDLE = 'dist/src/server.bundle.cjs';

/**
 * esbuild escapes every character outside ASCII in code, but not in the licence comments it keeps (a name with an
 * umlaut): escaped there too, the bundle is ASCII, which the entry reads at the speed of a byte copy
 * (src/launch/run-with-code-cache.ts). A line of code with such a character would mean esbuild changed: the build
 * stops rather than edit code.
 */
function asciiOnly(text) {
  return text.replace(/^.*\P{ASCII}.*$/gmu, (line) => {
    if (!/^\s*(\/\/|\/\*|\*|\(\*)/u.test(line)) throw new Error(`a character outside ASCII in code, not a comment: ${line}`);
    return line.replace(/\P{ASCII}/gu, (character) => `\\u{${character.codePointAt(0).toString(16)}}`);
  });
}

await build({
  entryPoints: ['dist/src/main.js'],
  outfile: SERVER_BUNDLE,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // import() becomes require(): a script run from a code cache (vm.Script) has no module loader of its own.
  supported: { 'dynamic-import': false },
  // Modules that find their files from import.meta.url (src/source-root.ts) get the bundle's URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/bundle-import-meta.js'],
  logLevel: 'warning',
});

// esbuild keeps main.js's #! line, which is no JavaScript inside the function a CommonJS module is wrapped in.
const server = asciiOnly(readFileSync(SERVER_BUNDLE, 'utf8').replace(/^#!.*\n/, ''));
writeFileSync(SERVER_BUNDLE, server);
chmodSync(SERVER_BUNDLE, 0o644); // run by the entry, never as a command
// The cache of one build must never be read by another: its files are named by the bundle's digest.
const digest = createHash('sha256').update(server).digest('hex').slice(0, 16);
await build({
  stdin: {
    contents: [
      "import { fileURLToPath } from 'node:url';",
      "import { runBuiltCommand } from './launch/built-command.js';",
      `runBuiltCommand(fileURLToPath(new URL('./server.bundle.cjs', import.meta.url)), ${JSON.stringify(digest)});`,
    ].join('\n'),
    resolveDir: 'dist/src',
    sourcefile: 'main-entry.js',
  },
  outfile: 'dist/src/main.bundle.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
