import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SCENARIO_FILE_SCHEMA } from '../../../src/scenarios/scenario-file-schema.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;

/**
 * load-scenarios.ts compiles the scenario file schema without checking it against the meta-schema (that check costs
 * a tenth of the server's cold start); this is where it is checked instead, on every test run.
 */
describe('SCENARIO_FILE_SCHEMA', () => {
  it('is a valid JSON Schema 2020-12 document', () => {
    const ajv = new Ajv2020({ strict: true });
    const valid = ajv.validateSchema(SCENARIO_FILE_SCHEMA);
    expect(ajv.errorsText(ajv.errors)).toBe('No errors');
    expect(valid).toBe(true);
  });

  it('the check catches a broken schema (so the test above can fail)', () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema({ ...SCENARIO_FILE_SCHEMA, required: 'description' })).toBe(false);
  });
});
