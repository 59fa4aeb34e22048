/**
 * Generate TypeScript types for each surface from its spec (openapi-typescript), into src/types/<surface>.ts, for
 * the admin API into src/types/admin.ts, and the shipped scenarios' names into src/types/scenario-names.ts.
 * `npm run generate:types` writes them; test/specs/types-drift.test.ts fails when a spec changed without regenerating.
 *
 * Every module is made before any is written: a spec openapi-typescript cannot read (a `$ref` to nothing) leaves every
 * file as it was, and is named with the generator's words, not a stack trace (a contributor tour got a bare "Can't
 * resolve $ref" after two files had been written).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toTypeModules } from './generated-types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { modules, failures } = await toTypeModules(root);
if (failures.length > 0) {
  for (const failure of failures) console.error(`generate:types: ${failure}`);
  console.error('generate:types: nothing written (`npm run lint:specs` shows where a spec is wrong, with its line)');
  process.exit(1);
}
for (const { file, text } of modules) {
  await writeFile(join(root, file), text);
  console.log(`wrote ${join(root, file)}`);
}
