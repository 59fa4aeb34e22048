/**
 * Generate TypeScript types for each surface from its spec (openapi-typescript), into src/types/<surface>.ts, and for
 * the admin API into src/types/admin.ts.
 * `npm run generate:types` writes them; test/specs/types-drift.test.ts fails when a spec changed without regenerating.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toGeneratedTypes, TYPED_SPECS } from './generated-types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const typed of TYPED_SPECS) {
  const file = join(root, 'src/types', `${typed.name}.ts`);
  await writeFile(file, await toGeneratedTypes(root, typed));
  console.log(`wrote ${file}`);
}
