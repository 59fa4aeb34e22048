import type { Scenario, ScenarioUser } from '../engine/scenario.js';

/**
 * The scenario settings a vendor's behaviour never reads, each with what to write instead. The scenario file's schema
 * is one for every surface (a world holds what any vendor needs), so a field meant for another vendor passes its
 * shape check and would change nothing: `check` and a start warn of it (src/scenarios/ignored-field-warnings.ts).
 */
export interface IgnoredWorldFields {
  /** Fields of `world`. */
  readonly world?: Readonly<Partial<Record<keyof Scenario['world'], string>>>;
  /** Fields of each user of `world.users`. */
  readonly user?: Readonly<Partial<Record<keyof ScenarioUser, string>>>;
}

// What the vendors that authenticate with bearer tokens write instead of another vendor's credentials and ids.
export const BEARER_NOT_ACCESS_KEYS = "only GenAuth signs requests with access keys; this vendor's users authenticate with their bearer `token`";
export const ID_NOT_ALIASES = 'only GenAuth finds a user by another id (its userIdType); requests name the user by `id`';
export const TOKEN_NOT_PASSWORD = "only nest-auth signs users in with a password; this vendor's users authenticate with their bearer `token`";
