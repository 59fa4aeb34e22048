/**
 * Write src/msw/sandbox-definition-snapshot.ts from specs/ and scenarios/ (`npm run generate:definition`);
 * test/specs/definition-snapshot-drift.test.ts fails when a spec or scenario changed without regenerating.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFINITION_SNAPSHOT_MODULE, toDefinitionSnapshotModule } from './definition-snapshot.js';

const file = join(fileURLToPath(new URL('..', import.meta.url)), DEFINITION_SNAPSHOT_MODULE);
await writeFile(file, await toDefinitionSnapshotModule());
console.log(`wrote ${file}`);
