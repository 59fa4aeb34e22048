import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
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

const ajv = new Ajv2020({ allErrors: false, strict: true });
addFormats(ajv);
const validateFile = ajv.compile(SCENARIO_FILE_SCHEMA);

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Parse and shape-check one scenario file. */
export function toScenario(file: string, surface: SurfaceId, text: string): Scenario {
  const name = basename(file).replace(/\.ya?ml$/, '');
  if (!NAME_PATTERN.test(name)) throw new ScenarioError(file, '', `scenario names are kebab-case (got "${name}")`);
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ScenarioError(file, '', `not valid YAML (${(error as Error).message})`);
  }
  if (!validateFile(data)) {
    const [error] = validateFile.errors ?? [];
    if (error?.keyword === 'additionalProperties') {
      const field = String(error.params.additionalProperty);
      throw new ScenarioError(file, `${error.instancePath}/${field}`, `unknown field "${field}"`);
    }
    throw new ScenarioError(file, error?.instancePath ?? '', error?.message ?? 'invalid');
  }
  const declared = data as Omit<Scenario, 'name' | 'surface'>;
  return { name, surface, description: declared.description, world: declared.world ?? {}, overrides: declared.overrides ?? [] };
}

/**
 * Load every `scenarios/<surface>/*.yaml` of the given surfaces. Shape only: `checkScenarios` checks them against the specs.
 *
 * @example
 * const catalogue = await loadScenarios('scenarios', ['flashback']);
 * catalogue.get('flashback')?.get('org-enforced')?.description
 */
export async function loadScenarios(dir: string, surfaces: readonly SurfaceId[]): Promise<ScenarioCatalogue> {
  const catalogue = new Map<string, Map<string, Scenario>>();
  for (const surface of surfaces) {
    const surfaceDir = join(dir, surface);
    const files = (await readdir(surfaceDir).catch(() => [] as string[])).filter((file) => /\.ya?ml$/.test(file)).sort();
    const scenarios = new Map<string, Scenario>();
    for (const file of files) {
      const path = join(surfaceDir, file);
      const scenario = toScenario(path, surface, await readFile(path, 'utf8'));
      scenarios.set(scenario.name, scenario);
    }
    catalogue.set(surface, scenarios);
  }
  return catalogue;
}
