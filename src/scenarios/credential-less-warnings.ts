import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { isSurfaceId, toSurface } from '../surfaces/registry.js';
import { ScenarioError } from './scenario-problems.js';

/**
 * A warning for each scenario whose world lets no request in: no user, bearer token or generated users (no access
 * key, on a surface whose requests are signed). Its requests are all refused as the vendor refuses unknown
 * credentials, before anything else, its overrides included: a file written with `overrides` alone, expecting them
 * on top of the default world, served 401s (a scenario's world is its own, never the default's). A warning, not a
 * problem: a scenario of refusals is a fair thing to want; no shipped one is.
 *
 * @example
 * toCredentialLessWarnings(catalogue).map((warning) => warning.message)
 * // ['/me/flashback/outage.yaml#/world: no user, token or generated users, so every request that needs one is refused ...']
 */
export function toCredentialLessWarnings(catalogue: ScenarioCatalogue): ScenarioError[] {
  return [...catalogue.values()].flatMap((scenarios) => [...scenarios.values()].flatMap(credentialLessWarning));
}

function credentialLessWarning(scenario: Scenario): ScenarioError[] {
  if (!isSurfaceId(scenario.surface)) return [];
  const { world } = scenario;
  const file = scenario.file ?? `${scenario.surface}/${scenario.name}.yaml`;
  const after = `before anything else, the scenario's overrides included (a scenario's world is its own, never the default's: copy what you need from the shipped scenarios/${scenario.surface}/default.yaml)`;
  if (toSurface(scenario.surface).requestSigning !== undefined) {
    if (hasEntries(world.accessKeys)) return [];
    return [new ScenarioError(file, '/world', `no accessKeys, so every signed ${scenario.surface} request is refused (its signature cannot be checked) ${after}`)];
  }
  if (hasEntries(world.users) || hasEntries(world.tokens) || world.generate !== undefined) return [];
  return [new ScenarioError(file, '/world', `no user, token or generated users, so every ${scenario.surface} request that needs one is refused ${after}`)];
}

/** A list or a map with at least one entry (read of scenarios that have problems too, so anything else counts as none). */
function hasEntries(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}
