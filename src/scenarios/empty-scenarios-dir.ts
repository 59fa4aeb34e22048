import { join, resolve, sep } from 'node:path';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { SurfaceId } from '../surfaces/registry.js';

/**
 * A scenarios directory that gave none of the served surfaces a scenario: a wrong path (a CI variable naming another
 * folder) loaded nothing of the user's, and `check --strict` passed on the shipped files alone. Its misplaced files are
 * problems already (a surface folder misspelt, a file beside the folders), so an empty one is what is left to say.
 */
export function toEmptyScenariosDirWarnings(dir: string | undefined, catalogue: ScenarioCatalogue, surfaces: readonly SurfaceId[]): string[] {
  if (dir === undefined) return [];
  const inDir = `${resolve(dir)}${sep}`;
  const loaded = [...catalogue.values()].some((scenarios) => [...scenarios.values()].some((scenario) => scenario.file !== undefined && resolve(scenario.file).startsWith(inDir)));
  if (loaded) return [];
  const which = surfaces.length === 1 ? `for ${surfaces[0]} ` : '';
  return [`${dir}: no scenario file ${which}in it (${join(dir, surfaces[0]!, '<name>.yaml')}): only the shipped scenarios are served`];
}
