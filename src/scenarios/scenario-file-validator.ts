import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { toContentDigest } from '../snapshots/build-snapshot.js';
import { SCENARIO_FILE_SCHEMA } from './scenario-file-schema.js';

const require = createRequire(import.meta.url);

/**
 * The ajv that checks a scenario file's shape. allErrors: a file's every problem is reported in one run;
 * allowUnionTypes: `org` is an object or null. validateSchema is off because SCENARIO_FILE_SCHEMA is a constant,
 * checked against the JSON Schema meta-schema by its unit test, and compiling the meta-schema costs a tenth of a cold
 * start. ajv is loaded here, on first use: a start whose scenario files are all in a snapshot or cache needs none.
 */
export function createScenarioFileAjv(source = false) {
  const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false, code: { source } });
  addFormats(ajv);
  return ajv;
}

/**
 * Where the build puts the check compiled ahead of time (ajv standalone code), named after the schema it was compiled
 * from, so a build of another version of the schema is never taken for this one.
 */
export function toScenarioFileValidatorFile(dir: string): string {
  const digest = toContentDigest(JSON.stringify(SCENARIO_FILE_SCHEMA)).slice(0, 16);
  return join(dir, `scenario-file-validator-${digest}.cjs`);
}

let validateFile: ValidateFunction | undefined;

/**
 * The scenario file schema's check: the one the build compiled into `snapshotDir` when there is one (a start that
 * must parse a file then loads neither ajv nor compiles the schema: ~50 ms of such a start here), else compiled now.
 */
export function scenarioFileValidator(snapshotDir: string | false): ValidateFunction {
  if (!validateFile) {
    const precompiled = snapshotDir ? toScenarioFileValidatorFile(snapshotDir) : undefined;
    validateFile =
      precompiled && existsSync(precompiled) ? (require(precompiled) as ValidateFunction) : createScenarioFileAjv().compile(SCENARIO_FILE_SCHEMA);
  }
  return validateFile;
}
