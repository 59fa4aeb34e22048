// `npm run build` step: the declarations a CommonJS project reads for `require('mfa-sandbox')` and
// `mfa-sandbox/types/<surface>`. The package is an ES module (`"type": "module"`), so TypeScript reads every .d.ts of
// dist/src as an ES module's; a `.d.cts` that re-exported them was TS1479 under `module: node16` (and `nodenext`
// before TypeScript 5.8) unless the project set skipLibCheck. The `require` condition's runtime is a CommonJS bundle
// (dist/src/index.cjs) with the same exports, so its declarations are the same text: a copy of every declaration the
// entries reach, in a folder whose package.json says `"type": "commonjs"`, so that TypeScript reads them as CommonJS.
import { dirname, join, relative } from 'node:path';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const SOURCE = 'dist/src';
export const COMMONJS_DECLARATIONS = 'dist/src/commonjs';

/** Relative module specifiers in a declaration file: `from './x.js'`, `import('./x.js')`, `export * from '../y.js'`. */
const RELATIVE_SPECIFIER = /(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The declaration file a relative `.js` specifier in `file` names. */
function declarationOf(file, specifier) {
  return join(dirname(file), specifier.replace(/\.js$/, '.d.ts'));
}

/** Every declaration file reachable from `entries` through relative imports, with its text. */
function reachableDeclarations(entries) {
  const found = new Map();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop();
    if (found.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    found.set(file, text);
    for (const [, specifier] of text.matchAll(RELATIVE_SPECIFIER)) pending.push(declarationOf(file, specifier));
  }
  return found;
}

const surfaceTypes = readdirSync(join(SOURCE, 'types'))
  .filter((name) => name.endsWith('.d.ts'))
  .map((name) => join(SOURCE, 'types', name));
const declarations = reachableDeclarations([join(SOURCE, 'index.d.ts'), ...surfaceTypes]);

rmSync(COMMONJS_DECLARATIONS, { recursive: true, force: true });
for (const [file, text] of declarations) {
  const copy = join(COMMONJS_DECLARATIONS, relative(SOURCE, file));
  mkdirSync(dirname(copy), { recursive: true });
  writeFileSync(copy, text);
}
writeFileSync(join(COMMONJS_DECLARATIONS, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
