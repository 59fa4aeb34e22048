import { join } from 'node:path';
import type { Scenario, ScenarioOverride } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { createOperationValidators } from '../openapi/schema-validators.js';
import type { RouteDefinition } from '../openapi/to-route-definitions.js';
import { ScenarioError } from './load-scenarios.js';

function fileOf(dir: string, scenario: Scenario): string {
  return join(dir, scenario.surface, `${scenario.name}.yaml`);
}

/** Fault settings the schema cannot judge alone: an empty override, a range upside down, two latencies, a rate without a fault. */
function checkFaultSettings(override: ScenarioOverride, pointer: string, file: string): void {
  const answers = override.status !== undefined || override.example !== undefined || override.body !== undefined;
  const degrades = override.latencyMs !== undefined || override.latency !== undefined || override.fault !== undefined;
  if (!answers && !degrades) throw new ScenarioError(file, pointer, 'override sets neither an answer (status, example, body) nor a fault (latencyMs, latency, fault)');
  if (override.latencyMs !== undefined && override.latency !== undefined) throw new ScenarioError(file, `${pointer}/latency`, 'give latencyMs (fixed) or latency (range), not both');
  if (override.latency && override.latency.min > override.latency.max) {
    throw new ScenarioError(file, `${pointer}/latency`, `min (${override.latency.min}) is greater than max (${override.latency.max})`);
  }
  if (override.faultRate !== undefined && override.fault === undefined) throw new ScenarioError(file, `${pointer}/faultRate`, 'faultRate needs a fault');
}

/** Every problem with one override against the spec: unknown operation, undeclared status, missing example, invalid body. */
function checkOverride(scenario: Scenario, index: number, routes: RouteDefinition[], file: string): void {
  const override = scenario.overrides[index]!;
  const pointer = `/overrides/${index}`;
  const targets = override.operationId === '*' ? routes : routes.filter((route) => route.operationId === override.operationId);
  if (targets.length === 0) {
    throw new ScenarioError(file, `${pointer}/operationId`, `no operation "${override.operationId}" in the ${scenario.surface} spec`);
  }
  checkFaultSettings(override, pointer, file);
  // An override with only fault settings keeps the stateful answer: there is no scripted response to check.
  if (override.status === undefined && override.example === undefined && override.body === undefined) return;
  const status = override.status ?? 200;
  for (const route of targets) {
    const response = route.responses.get(status);
    if (!response) throw new ScenarioError(file, `${pointer}/status`, `${route.operationId} declares no ${status} response`);
    if (override.body !== undefined) {
      const violations = createOperationValidators(route).validateResponse(status, override.body);
      if (violations.length) throw new ScenarioError(file, `${pointer}/body`, `not a valid ${status} of ${route.operationId}: ${violations[0]}`);
    } else if (override.example !== undefined && !response.examples.has(override.example)) {
      throw new ScenarioError(file, `${pointer}/example`, `${route.operationId} ${status} has no example "${override.example}"`);
    } else if (override.example === undefined && override.status !== undefined && response.canonicalExample === undefined) {
      throw new ScenarioError(file, `${pointer}/status`, `${route.operationId} ${status} has no example to answer with; give a body`);
    }
  }
}

function checkWorld(scenario: Scenario, file: string): void {
  const users = scenario.world.users ?? [];
  const seen = new Set<string>();
  users.forEach((user, index) => {
    if (seen.has(user.id)) throw new ScenarioError(file, `/world/users/${index}/id`, `duplicate user id "${user.id}"`);
    seen.add(user.id);
    if (user.primaryMethod && !(user.factors ?? []).some((factor) => factor.kind === user.primaryMethod)) {
      throw new ScenarioError(file, `/world/users/${index}/primaryMethod`, `user has no ${user.primaryMethod} factor`);
    }
    (user.factors ?? []).forEach((factor, f) => {
      if (factor.kind === 'totp' && !factor.secret) throw new ScenarioError(file, `/world/users/${index}/factors/${f}/secret`, 'a totp factor needs a secret');
    });
  });
}

/**
 * Check every scenario against its surface's spec; throws a ScenarioError (file + JSON pointer) at the first problem,
 * so the server refuses to start on a scenario that would make it lie.
 */
export function checkScenarios(catalogue: ScenarioCatalogue, routesBySurface: ReadonlyMap<string, RouteDefinition[]>, dir: string, defaultScenario: string): void {
  for (const [surface, scenarios] of catalogue) {
    const routes = routesBySurface.get(surface) ?? [];
    if (!scenarios.has(defaultScenario)) {
      throw new ScenarioError(join(dir, surface, `${defaultScenario}.yaml`), '', `surface "${surface}" has no "${defaultScenario}" scenario to start sessions in`);
    }
    for (const scenario of scenarios.values()) {
      const file = fileOf(dir, scenario);
      checkWorld(scenario, file);
      scenario.overrides.forEach((_override, index) => checkOverride(scenario, index, routes, file));
    }
  }
}
