import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES_MODULE, toGeneratedTypes, toScenarioNamesModule, TYPED_SPECS } from '../../scripts/generated-types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('generated types', () => {
  it.each(TYPED_SPECS)('the types of $name (src/types) match $spec (run `npm run generate:types` after editing a spec)', async (typed) => {
    const committed = await readFile(new URL(`../../src/types/${typed.name}.ts`, import.meta.url), 'utf8');
    const fresh = await toGeneratedTypes(ROOT, typed);
    expect(committed === fresh, `src/types/${typed.name}.ts is stale`).toBe(true);
  });

  it(`the shipped scenarios' names (${SCENARIO_NAMES_MODULE}) match scenarios/ (run \`npm run generate:types\` after adding one)`, async () => {
    const committed = await readFile(new URL(`../../${SCENARIO_NAMES_MODULE}`, import.meta.url), 'utf8');
    expect(committed === (await toScenarioNamesModule(ROOT)), `${SCENARIO_NAMES_MODULE} is stale`).toBe(true);
  });
});
