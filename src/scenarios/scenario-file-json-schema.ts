import { SCENARIO_FILE_SCHEMA } from './scenario-file-schema.js';

/** Where the package ships the scenario file schema as JSON, for editors (`npm run generate:definition` writes it). */
export const SCENARIO_FILE_JSON_SCHEMA_PATH = 'schemas/scenario-file.schema.json';

/**
 * The scenario file schema as an editor reads it (the YAML language server, JetBrains IDEs): the very schema `check`
 * validates files with, with the dialect, a title and a note on what only `check` finds (it knows the specs).
 *
 * @example
 * JSON.stringify(toScenarioFileJsonSchema(), null, 2) // the content of schemas/scenario-file.schema.json
 */
export function toScenarioFileJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'mfa-sandbox scenario file',
    $comment:
      'A file <dir>/<surface>/<name>.yaml (name in kebab-case). This schema checks its shape; `npx mfa-sandbox check --scenarios <dir>` ' +
      "also checks what needs the vendor's spec: factor kinds per vendor, user id shapes, overrides against the operations, repeated ids and tokens.",
    ...SCENARIO_FILE_SCHEMA,
  };
}
