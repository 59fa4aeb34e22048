/**
 * Generate TypeScript types for each surface from its spec (openapi-typescript), into src/types/<surface>.ts, for
 * the admin API into src/types/admin.ts, and the shipped scenarios' names into src/types/scenario-names.ts.
 * `npm run generate:types` writes them; test/specs/types-drift.test.ts fails when a spec changed without regenerating.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_NAMES_MODULE, toGeneratedTypes, toScenarioNamesModule, TYPED_SPECS } from './generated-types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const typed of TYPED_SPECS) {
  const file = join(root, 'src/types', `${typed.name}.ts`);
  await writeFile(file, await toGeneratedTypes(root, typed));
  console.log(`wrote ${file}`);
}
const scenarioNames = join(root, SCENARIO_NAMES_MODULE);
await writeFile(scenarioNames, await toScenarioNamesModule(root));
console.log(`wrote ${scenarioNames}`);
