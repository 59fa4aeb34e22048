import { relative } from 'node:path';
import { readAdminSchemas } from '../src/admin/session-file-check.js';
import { loadSandboxDefinition } from '../src/app.js';
import { DEFAULT_CONFIG, PACKAGE_ROOT } from '../src/config.js';
import { checkRouteSchemas } from '../src/openapi/schema-validators.js';
import { toRouteDefinitions } from '../src/openapi/to-route-definitions.js';
import type { SandboxDefinitionSnapshot } from '../src/msw/sandbox-definition.js';

/** Where the generated module lives: the MSW entry imports it statically, so bundlers include it. */
export const DEFINITION_SNAPSHOT_MODULE = 'src/msw/sandbox-definition-snapshot.ts';

/**
 * The shipped specs and scenarios, loaded and checked in full exactly as the server does at start (a broken spec or
 * scenario fails here), as the TypeScript module `npm run generate:definition` writes. The JSON is embedded as one
 * string for JSON.parse: faster to load than an object literal, and cheap for tsc to compile.
 */
export async function toDefinitionSnapshotModule(): Promise<string> {
  // Only the shipped files: the built server's snapshot directory is not consulted (every file is parsed and checked).
  const { specs, catalogue } = await loadSandboxDefinition({ ...DEFAULT_CONFIG, scenariosDir: undefined, surface: undefined });
  const snapshot: SandboxDefinitionSnapshot = {
    surfaces: [...specs].map(([id, spec]) => ({
      id,
      file: relative(PACKAGE_ROOT, spec.file),
      api: spec.api,
      // As the build snapshot does: vouch for the schemas only if every one passes the meta-schema.
      schemasChecked: toRouteDefinitions(spec.api).every((route) => checkRouteSchemas(route) === undefined),
    })),
    scenarios: [...catalogue.values()].flatMap((scenarios) =>
      [...scenarios.values()].map((scenario) => ({ ...scenario, ...(scenario.file ? { file: relative(PACKAGE_ROOT, scenario.file) } : {}) })),
    ),
    adminSchemas: readAdminSchemas(),
  };
  return [
    '/**',
    " * Every surface's dereferenced spec and every shipped scenario, checked, for transports without files (MSW).",
    ' * Generated from specs/ and scenarios/ by scripts/definition-snapshot.ts. Do not edit: run `npm run generate:definition`.',
    ' */',
    "import type { SandboxDefinitionSnapshot } from './sandbox-definition.js';",
    '',
    `export const SANDBOX_DEFINITION_SNAPSHOT: SandboxDefinitionSnapshot = JSON.parse(${JSON.stringify(JSON.stringify(snapshot))});`,
    '',
  ].join('\n');
}
