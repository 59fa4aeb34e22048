import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES_MODULE, toGeneratedTypes, toScenarioNamesModule, toTypeModules, TYPED_SPECS } from '../../scripts/generated-types.js';

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

  it('makes no module when a spec cannot be read, naming the spec (generate:types then writes nothing)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mfa-types-'));
    try {
      await cp(join(ROOT, 'specs'), join(root, 'specs'), { recursive: true });
      await cp(join(ROOT, 'scenarios'), join(root, 'scenarios'), { recursive: true });
      const lerian = join(root, 'specs/lerian.openapi.yaml');
      const text = await readFile(lerian, 'utf8');
      expect(text).toContain("$ref: '#/components/schemas/MFAStatusResponse'");
      await writeFile(lerian, text.replace("$ref: '#/components/schemas/MFAStatusResponse'", "$ref: '#/components/schemas/MFAStatusRespnse'"));
      const { modules, failures } = await toTypeModules(root);
      expect(modules).toEqual([]);
      expect(failures).toEqual([expect.stringMatching(/^specs\/lerian\.openapi\.yaml: Can't resolve \$ref at #\/paths\//)]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
