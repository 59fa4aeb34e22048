import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFINITION_SNAPSHOT_MODULE, toDefinitionSnapshotModule } from '../../scripts/definition-snapshot.js';
import { SANDBOX_DEFINITION_SNAPSHOT } from '../../src/msw/sandbox-definition-snapshot.js';
import { SCENARIO_FILE_JSON_SCHEMA_PATH, toScenarioFileJsonSchema } from '../../src/scenarios/scenario-file-json-schema.js';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';

describe('the definition snapshot MSW ships (src/msw/sandbox-definition-snapshot.ts)', () => {
  it('matches specs/ and scenarios/ (run `npm run generate:definition` after editing a spec or a scenario)', async () => {
    const committed = await readFile(new URL(`../../${DEFINITION_SNAPSHOT_MODULE}`, import.meta.url), 'utf8');
    const fresh = await toDefinitionSnapshotModule();
    expect(committed === fresh, `${DEFINITION_SNAPSHOT_MODULE} is stale`).toBe(true);
  }, 60_000);

  it('holds every surface, checked schemas and every shipped scenario file', async () => {
    expect(SANDBOX_DEFINITION_SNAPSHOT.surfaces.map((surface) => surface.id)).toEqual([...SURFACE_IDS]);
    for (const surface of SANDBOX_DEFINITION_SNAPSHOT.surfaces) {
      expect(surface.schemasChecked, surface.id).toBe(true);
      expect(JSON.stringify(surface.api), `${surface.id} is dereferenced`).not.toContain('"$ref"');
    }
    const shipped = (await Promise.all(SURFACE_IDS.map(async (surface) => (await readdir(new URL(`../../scenarios/${surface}/`, import.meta.url))).map((file) => `scenarios/${surface}/${file}`)))).flat();
    expect(SANDBOX_DEFINITION_SNAPSHOT.scenarios.map((scenario) => scenario.file).sort()).toEqual(shipped.sort());
  });
});

describe('the scenario file schema editors read (schemas/scenario-file.schema.json)', () => {
  it('is the schema check validates with (run `npm run generate:definition` after editing it)', async () => {
    const committed = await readFile(new URL(`../../${SCENARIO_FILE_JSON_SCHEMA_PATH}`, import.meta.url), 'utf8');
    expect(committed === `${JSON.stringify(toScenarioFileJsonSchema(), null, 2)}\n`, `${SCENARIO_FILE_JSON_SCHEMA_PATH} is stale`).toBe(true);
  });
});
