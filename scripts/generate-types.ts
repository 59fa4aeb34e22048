/**
 * Generate TypeScript types for each surface from its spec (openapi-typescript), into src/types/<surface>.ts.
 * `npm run generate:types` writes them; test/specs/types-drift.test.ts fails when a spec changed without regenerating.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toGeneratedTypes } from './generated-types.js';
import { SURFACE_IDS } from '../src/surfaces/registry.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const surface of SURFACE_IDS) {
  const file = join(root, 'src/types', `${surface}.ts`);
  await writeFile(file, await toGeneratedTypes(join(root, 'specs', `${surface}.openapi.yaml`), surface));
  console.log(`wrote ${file}`);
}
