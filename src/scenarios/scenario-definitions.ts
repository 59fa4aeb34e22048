import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { Scenario } from '../engine/scenario.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import { isSurfaceId, SURFACE_IDS, type SurfaceId } from '../surfaces/registry.js';
import { SCENARIO_FILE_SCHEMA } from './scenario-file-schema.js';
import { toScenarioNameProblem } from './scenario-names.js';
import { ScenarioError } from './scenario-problems.js';
import { ScenarioShapeProblems, toScenarioFromData, toShapeProblems, toSoundPart, type ScenarioFileData, type ScenarioSoundPart } from './scenario-shape.js';

// Browser-safe (no file access): the MSW handlers take scenarios as objects, since they read no files.

/** A scenario as an object: what a scenario file holds (`description`, and optionally `world`, `overrides`, `lockout`). */
export type ScenarioDefinition = ScenarioFileData;

/** Scenarios by surface and name, as `<dir>/<surface>/<name>.yaml` files would give them. */
export type ScenarioDefinitions = Partial<Record<SurfaceId, Readonly<Record<string, ScenarioDefinition>>>>;


// As scenario-file-validator.ts makes it for files (ajv-formats' plugin is `.default` under every loader).
const addFormats = ajvFormats.default;
let validateDefinition: ValidateFunction | undefined;

/** The scenario file schema's check, compiled on first use (only a caller that gives scenarios pays for it). */
function definitionValidator(): ValidateFunction {
  if (!validateDefinition) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false });
    addFormats(ajv);
    validateDefinition = ajv.compile(SCENARIO_FILE_SCHEMA);
  }
  return validateDefinition;
}

/** Scenarios given as objects, as far as they could be read (as readScenarios reads files). */
export interface DefinedScenarios {
  scenarios: Scenario[];
  problems: ScenarioError[];
  /** The sound parts of those whose shape is wrong, to be checked against the spec all the same (one run, every problem). */
  soundParts: ScenarioSoundPart[];
}

/**
 * Scenarios given as objects, read as scenario files are (`where` names the option in every problem, the way a
 * file's path names the file): a surface that does not exist, a name that is not kebab-case, and every shape problem
 * with its JSON pointer. Each is copied first, so a later change to the caller's object changes no session. The spec
 * checks (overrides against the operations, tokens, factors) are checkScenarios' and checkSoundParts', run on the
 * result as on files.
 *
 * @example
 * toDefinedScenarios({ flashback: { 'ada-locked': { description: 'Ada locked', world: { users: [...] } } } }, 'scenarios')
 * // { scenarios: [{ name: 'ada-locked', surface: 'flashback', file: 'scenarios.flashback.ada-locked', ... }], problems: [], soundParts: [] }
 */
export function toDefinedScenarios(definitions: unknown, where: string): DefinedScenarios {
  const scenarios: Scenario[] = [];
  const problems: ScenarioError[] = [];
  const soundParts: ScenarioSoundPart[] = [];
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions)) {
    problems.push(new ScenarioError(where, '', `must be an object of surfaces (${SURFACE_IDS.join(', ')}), each an object of scenarios by name`));
    return { scenarios, problems, soundParts };
  }
  for (const [surface, named] of Object.entries(definitions)) {
    if (!isSurfaceId(surface)) {
      problems.push(new ScenarioError(`${where}.${surface}`, '', `no surface "${surface}"${toDidYouMean(surface, SURFACE_IDS)}; the surfaces are ${SURFACE_IDS.join(', ')}`));
      continue;
    }
    if (typeof named !== 'object' || named === null || Array.isArray(named)) {
      problems.push(new ScenarioError(`${where}.${surface}`, '', 'must be an object of scenarios by name ({ "ada-locked": { description: ... } })'));
      continue;
    }
    for (const [name, definition] of Object.entries(named as Record<string, unknown>)) {
      const label = `${where}.${surface}.${name}`;
      const nameProblem = toScenarioNameProblem(name);
      if (nameProblem !== undefined) problems.push(new ScenarioError(label, '', nameProblem));
      const copy = toJsonCopy(definition, label);
      if (copy instanceof ScenarioError) {
        problems.push(copy);
        continue;
      }
      const validate = definitionValidator();
      if (!validate(copy)) {
        const shape = new ScenarioShapeProblems(toShapeProblems(label, validate.errors ?? [], copy, surface), copy);
        problems.push(...shape.problems);
        const sound = toSoundPart(shape, name, surface, label);
        if (sound) soundParts.push(sound);
        continue;
      }
      scenarios.push(toScenarioFromData(name, surface, copy as ScenarioFileData, label));
    }
  }
  return { scenarios, problems, soundParts };
}

/** The definition as the JSON a file would hold (what the sessions keep and export), or the problem that it is not. */
function toJsonCopy(definition: unknown, label: string): unknown {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    return new ScenarioError(label, '', 'a scenario is an object (description, and optionally world, overrides, lockout)');
  }
  try {
    return JSON.parse(JSON.stringify(definition)) as unknown;
  } catch (error) {
    return new ScenarioError(label, '', `cannot be copied as JSON: ${(error as Error).message}`);
  }
}
