import { UnusableSettingError } from '../config.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';

/**
 * A server-wide scenario no surface has. Its own class so that the command line can say where the name came from
 * (`--scenario` or `MFA_SANDBOX_SCENARIO`), as it does for every other setting it refuses.
 */
export class UnknownStartScenarioError extends UnusableSettingError {}

/**
 * Check the server-wide `--scenario`: a name no surface has is a usage error (`UnknownStartScenarioError`); surfaces that lack it are
 * named in the warnings returned (their sessions start in `fallback`), so one scenario can serve the surfaces that
 * have it without refusing to start.
 *
 * @example
 * checkStartScenario(catalogue, 'org-enforced', 'default')
 * // ['scenario org-enforced: not on lerian (lerian sessions start in default)']
 */
export function checkStartScenario(catalogue: ScenarioCatalogue, name: string, fallback: string): string[] {
  if (name === fallback) return [];
  const surfaces = [...catalogue.keys()];
  const lacking = surfaces.filter((surface) => !catalogue.get(surface)?.has(name));
  if (lacking.length === surfaces.length) {
    const known = [...new Set(surfaces.flatMap((surface) => [...(catalogue.get(surface)?.keys() ?? [])]))].sort();
    throw new UnknownStartScenarioError(
      `scenario "${name}" is not a scenario of ${surfaces.length === 1 ? surfaces[0] : 'any surface'}${toDidYouMean(name, known)}; known: ${known.join(', ')}`,
    );
  }
  if (lacking.length === 0) return [];
  const list = lacking.join(', ');
  return [`scenario ${name}: not on ${list} (${list} sessions start in ${fallback})`];
}
