/**
 * Write src/msw/sandbox-definition-snapshot.ts from specs/ and scenarios/, and schemas/scenario-file.schema.json from
 * the scenario file schema (`npm run generate:definition`); test/specs/definition-snapshot-drift.test.ts fails when a
 * spec, a scenario or the schema changed without regenerating.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFINITION_SNAPSHOT_MODULE, toDefinitionSnapshotModule } from './definition-snapshot.js';
import { SCENARIO_FILE_JSON_SCHEMA_PATH, toScenarioFileJsonSchema } from '../src/scenarios/scenario-file-json-schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, DEFINITION_SNAPSHOT_MODULE);
await writeFile(file, await toDefinitionSnapshotModule());
console.log(`wrote ${file}`);
const schemaFile = join(root, SCENARIO_FILE_JSON_SCHEMA_PATH);
await writeFile(schemaFile, `${JSON.stringify(toScenarioFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${schemaFile}`);
