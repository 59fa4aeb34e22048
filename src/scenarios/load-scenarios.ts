import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { BUILD_SNAPSHOT_DIR, readBuildSnapshot } from '../snapshots/build-snapshot.js';
import type { SurfaceId } from '../surfaces/surface-ids.js';
import { SCENARIO_FILE_SCHEMA } from './scenario-file-schema.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** A scenario file that cannot be used; the message names the file and the JSON pointer of the first problem. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(
    readonly file: string,
    readonly pointer: string,
    problem: string,
  ) {
    super(`${file}#${pointer}: ${problem}`);
  }
}

/** A scenario file's content once parsed and shape-checked (what the build's snapshot stores). */
export type ScenarioFileData = Omit<Scenario, 'name' | 'surface' | 'world' | 'overrides'> & Partial<Pick<Scenario, 'world' | 'overrides'>>;

// The YAML parser and the file schema's validator are made on first use: a built server whose scenario files are all
// in the build's snapshot needs neither. validateSchema is off because SCENARIO_FILE_SCHEMA is a constant, checked
// against the JSON Schema meta-schema by its unit test, and compiling the meta-schema costs a tenth of a cold start.
let validateFile: ValidateFunction | undefined;
function fileValidator(): ValidateFunction {
  if (!validateFile) {
    const ajv = new Ajv2020({ allErrors: false, strict: true, validateSchema: false });
    addFormats(ajv);
    validateFile = ajv.compile(SCENARIO_FILE_SCHEMA);
  }
  return validateFile;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Parse and shape-check the text of one scenario file (the build does this once for the files it ships). */
export function parseScenarioFile(file: string, text: string): ScenarioFileData {
  const { parse } = require('yaml') as typeof import('yaml');
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ScenarioError(file, '', `not valid YAML (${(error as Error).message})`);
  }
  const validateFile = fileValidator();
  if (!validateFile(data)) {
    const [error] = validateFile.errors ?? [];
    if (error?.keyword === 'additionalProperties') {
      const field = String(error.params.additionalProperty);
      throw new ScenarioError(file, `${error.instancePath}/${field}`, `unknown field "${field}"`);
    }
    throw new ScenarioError(file, error?.instancePath ?? '', error?.message ?? 'invalid');
  }
  return data as ScenarioFileData;
}

/** Parse and shape-check one scenario file; `checked` is its content as the build already parsed and checked it. */
export function toScenario(file: string, surface: SurfaceId, text: string, checked?: ScenarioFileData): Scenario {
  const name = basename(file).replace(/\.ya?ml$/, '');
  if (!NAME_PATTERN.test(name)) throw new ScenarioError(file, '', `scenario names are kebab-case (got "${name}")`);
  const declared = checked ?? parseScenarioFile(file, text);
  return { name, surface, description: declared.description, world: declared.world ?? {}, overrides: declared.overrides ?? [] };
}

/**
 * Load every `scenarios/<surface>/*.yaml` of the given surfaces. Shape only: `checkScenarios` checks them against the specs.
 * A file whose exact text the build already parsed and checked comes from the build's snapshot (`snapshotDir`;
 * `false` always parses).
 *
 * @example
 * const catalogue = await loadScenarios('scenarios', ['flashback']);
 * catalogue.get('flashback')?.get('org-enforced')?.description
 */
export async function loadScenarios(dir: string, surfaces: readonly SurfaceId[], snapshotDir: string | false = BUILD_SNAPSHOT_DIR): Promise<ScenarioCatalogue> {
  const catalogue = new Map<string, Map<string, Scenario>>();
  for (const surface of surfaces) {
    const surfaceDir = join(dir, surface);
    const files = (await readdir(surfaceDir).catch(() => [] as string[])).filter((file) => /\.ya?ml$/.test(file)).sort();
    const scenarios = new Map<string, Scenario>();
    for (const file of files) {
      const path = join(surfaceDir, file);
      const text = await readFile(path, 'utf8');
      const checked = snapshotDir ? await readBuildSnapshot<ScenarioFileData>(snapshotDir, 'scenarios', text) : undefined;
      const scenario = toScenario(path, surface, text, checked);
      scenarios.set(scenario.name, scenario);
    }
    catalogue.set(surface, scenarios);
  }
  return catalogue;
}
